/**
 * The `dhcp-leasequery` executable: runs {@link main} under Node. The
 * build puts the `#!/usr/bin/env node` line in front of it.
 * @module
 */
import { main } from "./main.js";
import { nodeIo } from "./node-io.js";

process.exitCode = await main(process.argv.slice(2), nodeIo());
