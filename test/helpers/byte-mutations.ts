// Byte-level mutations for property tests that check two readers agree on
// near-valid input: set an octet, cut the input short, insert an octet.
import fc from "fast-check";

/** One mutation; `at` is reduced to a position by {@link applyMutations}. */
export type ByteMutation =
  | { kind: "set"; at: number; byte: number }
  | { kind: "cut"; at: number }
  | { kind: "insert"; at: number; byte: number };

/** Any one mutation. */
export const byteMutationArbitrary: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("cut" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
);

/**
 * `bytes` with `mutations` applied in turn (a copy when anything changes).
 * Positions fall at or after `from` while the input is longer than that,
 * so that the mutations aim at the part under test.
 */
export function applyMutations(bytes: Uint8Array, mutations: readonly ByteMutation[], from = 0): Uint8Array {
  let b = bytes;
  for (const m of mutations) {
    const at = b.length <= from ? m.at % (b.length + 1) : from + (m.at % (b.length - from));
    if (m.kind === "set" && at < b.length) {
      b = b.slice();
      b[at] = m.byte;
    } else if (m.kind === "cut") {
      b = b.subarray(0, at);
    } else if (m.kind === "insert") {
      b = Uint8Array.from([...b.subarray(0, at), m.byte, ...b.subarray(at)]);
    }
  }
  return b;
}
