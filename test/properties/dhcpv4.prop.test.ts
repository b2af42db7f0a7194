/**
 * Properties of the DHCPv4 message codec (standalone, as framed on a DHCPv4
 * Bulk/Active Leasequery connection, and as OPTION_DHCPV4_MSG carries it),
 * over messages generated from the DHCPv4 declarations.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dhcpv4MessageArbitrary, dhcpv4MessageBytesArbitrary } from "../../src/arbitrary/index.js";
import { decodeDhcpv4, dhcpv4EncodingLength, encodeDhcpv4 } from "../../src/v4/message.js";
import type { Dhcpv4Message } from "../../src/v4/schema.js";
import { attempt } from "./helpers.js";

const RUNS = { numRuns: 200 };
const messages = dhcpv4MessageArbitrary();

/** The bytes after the options area's end option. */
function trailingOf(m: Dhcpv4Message): Uint8Array {
  const end = m.options[m.options.length - 1] as { trailing?: Uint8Array };
  return end.trailing ?? new Uint8Array(0);
}

describe("DHCPv4 messages from the declarations", () => {
  it("decodeDhcpv4(encodeDhcpv4(m)) equals m, and the length pass agrees", () => {
    fc.assert(
      fc.property(messages, (m) => {
        const bytes = encodeDhcpv4(m);
        expect(decodeDhcpv4(bytes)).toEqual(m);
        expect(dhcpv4EncodingLength(m)).toBe(bytes.length);
      }),
      RUNS,
    );
  });

  it("encodeDhcpv4(decodeDhcpv4(b)) gives b back", () => {
    fc.assert(
      fc.property(dhcpv4MessageBytesArbitrary(), (b) => {
        expect(encodeDhcpv4(decodeDhcpv4(b))).toEqual(b);
      }),
      RUNS,
    );
  });

  it("valid messages with a few bytes overwritten decode losslessly or throw DecodeError", () => {
    const mutated = fc
      .tuple(
        dhcpv4MessageBytesArbitrary(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
      )
      .map(([b, edits]) => {
        const out = b.slice();
        // Half the edits land in the options area, where the structure is.
        for (const [at, v] of edits) out[at % 2 === 0 ? 236 + ((at >> 1) % (out.length - 236)) : at % out.length] = v;
        return out;
      });
    fc.assert(
      fc.property(mutated, (bytes) => {
        const r = attempt(() => decodeDhcpv4(bytes));
        if (r.ok) expect(encodeDhcpv4(r.value)).toEqual(bytes);
        else expect(r.error.offset).toBeLessThanOrEqual(bytes.length);
      }),
      { numRuns: 400 },
    );
  });

  it("a cut before the end option throws truncated; a cut after it shortens the trailing bytes", () => {
    fc.assert(
      fc.property(messages, fc.nat(), (m, pick) => {
        const bytes = encodeDhcpv4(m);
        const cut = pick % bytes.length;
        const endAt = bytes.length - trailingOf(m).length; // just after the end option
        const r = attempt(() => decodeDhcpv4(bytes.subarray(0, cut)));
        if (cut >= endAt) {
          expect(r.ok).toBe(true);
          if (r.ok) expect(trailingOf(r.value)).toEqual(bytes.subarray(endAt, cut));
        } else {
          expect(r.ok).toBe(false);
          if (!r.ok) {
            expect(["truncated", "length-mismatch"]).toContain(r.error.code);
            expect(r.error.offset).toBeLessThanOrEqual(cut);
          }
        }
      }),
      RUNS,
    );
  });
});
