/**
 * Shared pieces of the property tests: the decode contract as a value, and
 * option boundaries of encoded messages.
 */
import {
  type DecodeError,
  type Dhcpv6Message,
  type Dhcpv6Option,
  decode,
  encodeOptions,
  isDecodeError,
} from "../../src/index.js";

/** What a decode gives: a value, or the DecodeError it threw (anything else is rethrown). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: DecodeError };

/** Runs `f`, keeping a DecodeError as data and letting every other throw escape (and fail the test). */
export function attempt<T>(f: () => T): Outcome<T> {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    if (isDecodeError(e)) return { ok: false, error: e };
    throw e;
  }
}

/** Decodes a DHCPv6 message under the decode contract. */
export const tryDecode = (b: Uint8Array): Outcome<Dhcpv6Message> => attempt(() => decode(b));

/**
 * Where each top-level option of `m` starts in `encode(m)` (of length `n`),
 * plus `n` itself: the only cuts at which a prefix is still a message.
 */
export function optionBoundaries(m: Dhcpv6Message, n: number): number[] {
  const sizes = m.options.map((o: Dhcpv6Option) => encodeOptions([o]).length);
  let at = n - sizes.reduce((a, s) => a + s, 0);
  const out = [at];
  for (const s of sizes) {
    at += s;
    out.push(at);
  }
  return out;
}
