/**
 * How the CLI decodes: the one place its decode options are built.
 * @module
 */
import type { DecodeOptions } from "../src/index.js";

/**
 * The options every message is decoded with. The CLI is a viewer, so it
 * should decode leniently (show what real servers send, with diagnostics)
 * once the library has a lenient DHCPv4 header mode; until then, strict,
 * the library's default. Turning it on is one line here.
 *
 * @example
 * ```ts
 * import { cliDecodeOptions } from "./decode-options.js";
 * console.log(cliDecodeOptions()); // {}
 * ```
 * @throws never
 */
export function cliDecodeOptions(): DecodeOptions {
  return {};
}
