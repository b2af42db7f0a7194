/**
 * The skipper of a whole DHCPv4 message, behind `scan` of a DHCPV4_MSG
 * (RFC 7341 §6.1): it checks what the decoder checks without building
 * anything. What it does not walk itself it hands to the decoder: option
 * overload (RFC 2132 §9.3), a declared option given in more than one
 * instance (RFC 3396 joins them before the layout applies) and a declared
 * option whose instance does not fit its layout alone. Each declared body
 * is checked by the generated `fitsDhcpv4OptionBody`.
 * @module
 */
import type { Skipper } from "../schema/codec.js";
import {
  CHADDR_SIZE,
  COOKIE_AT,
  DHCPV4_OPTION_NAMES,
  fitsDhcpv4OptionBody,
  HLEN_AT,
  OPTIONS_AT,
  OVERLOAD,
} from "./codecs.generated.js";
import { isCookieAt } from "./wire-checks.js";

/** Each declared code's bit in the per-message set of codes met, by code. */
function bitsOf(): number[] {
  const out: number[] = [];
  // Past 31 declared codes bits are shared: two codes on one bit only
  // send a message holding both to the decoder, never the other way.
  Object.keys(DHCPV4_OPTION_NAMES).forEach((code, i) => {
    out[Number(code)] = 1 << (i % 31);
  });
  return out;
}

/**
 * Builds the skipper: `(b, p, end, depth)` returns `end` when `[p, end)` is
 * one DHCPv4 message that decodes at `depth`, -1 otherwise. `viaDecoder`
 * answers the same by decoding, for the cases left to it.
 * @internal
 */
export function dhcpv4MessageSkipper(viaDecoder: Skipper): Skipper {
  const bits = bitsOf();
  return (b, p, end, depth, opts) => {
    if (end - p < OPTIONS_AT || ((b[p + HLEN_AT] as number) > CHADDR_SIZE && opts.lenientHeader !== true)) return -1;
    if (!isCookieAt(b, p + COOKIE_AT)) return -1;
    // The options field is one level of nesting, as for the decoder.
    if (depth >= opts.maxDepth) return -1;
    let met = 0;
    let q = p + OPTIONS_AT;
    for (;;) {
      // RFC 2131 §3: the options field ends with the end option (255).
      if (q >= end) return -1;
      const code = b[q] as number;
      if (code === 0) {
        q++;
        continue;
      }
      if (code === 255) return end;
      if (code === OVERLOAD) return viaDecoder(b, p, end, depth, opts);
      if (end - q < 2) return -1;
      const s = q + 2;
      const e = s + (b[q + 1] as number);
      if (e > end) return -1;
      const bit = bits[code];
      if (bit !== undefined) {
        if ((met & bit) !== 0) return viaDecoder(b, p, end, depth, opts);
        met |= bit;
        // A malformed body is kept as raw bytes when the options allow it.
        // Otherwise a later instance may still complete it (RFC 3396 §7:
        // 51 in two instances of 2 octets is one 4-octet value), which
        // the decoder sorts out.
        if (!fitsDhcpv4OptionBody(code, b, s, e, depth + 1, opts) && !opts.keepMalformedOptions) {
          return viaDecoder(b, p, end, depth, opts);
        }
      }
      q = e;
    }
  };
}
