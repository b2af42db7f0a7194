/**
 * How the CLI decodes: the one place its decode options are built.
 * @module
 */
import type { DecodeOptions } from "../src/index.js";

/**
 * The options every message is decoded with. The CLI is a viewer of what
 * real servers send, so by default a DHCPv4 header anomaly (ISC dhcpd's
 * hlen 255) is kept and shown as a diagnostic instead of rejecting the
 * message. Malformed options stay decode errors: the CLI reports them at
 * their byte offset and exits 1, which scripts and `validate` rely on
 * (the inspector keeps them too, with `LENIENT_DECODE_OPTIONS`).
 * `--strict` gives the library's default, strict, behaviour.
 *
 * @example
 * ```ts
 * import { cliDecodeOptions } from "./decode-options.js";
 * console.log(cliDecodeOptions(false), cliDecodeOptions(true)); // { lenientHeader: true } {}
 * ```
 * @throws never
 */
export function cliDecodeOptions(strict: boolean): DecodeOptions {
  return strict ? {} : { lenientHeader: true };
}
