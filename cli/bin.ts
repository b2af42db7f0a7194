#!/usr/bin/env node
/**
 * The `dhcp-leasequery` executable: runs {@link main} under Node. Its
 * `#!/usr/bin/env node` line stays first in the built dist/cli.js.
 * @module
 */
import { main } from "./main.js";
import { nodeIo } from "./node-io.js";

process.exitCode = await main(process.argv.slice(2), nodeIo());
