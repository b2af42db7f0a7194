/**
 * Values made wrong in one place, for the tests that compare generated
 * encoders with the reference interpreter (DHCPv6 and DHCPv4).
 */
import fc from "fast-check";

/** Values no field accepts, or only some fields do. */
export const badValue: fc.Arbitrary<unknown> = fc.constantFrom(
  -1,
  1.5,
  256,
  0x10000,
  0x1000000,
  2 ** 32,
  Number.NaN,
  "x",
  "::1",
  "192.0.2.1",
  "",
  null,
  undefined,
  [],
  {},
  new Uint8Array(3),
  new Uint8Array(16),
  "\ud800",
);

/** `v` with the value at one of its places (chosen by `pick`) replaced by `bad`. */
export function mutateValue(v: unknown, pick: number, bad: unknown): unknown {
  const places: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (x: unknown): void => {
    if (x instanceof Uint8Array || typeof x !== "object" || x === null) return;
    if (Array.isArray(x)) {
      x.forEach((item, i) => {
        places.push({ parent: x, key: i });
        walk(item);
      });
      return;
    }
    for (const [k, item] of Object.entries(x)) {
      places.push({ parent: x as Record<string, unknown>, key: k });
      walk(item);
    }
  };
  const copy = structuredClone(v);
  walk(copy);
  const place = places[pick % Math.max(1, places.length)];
  if (place !== undefined) (place.parent as Record<string | number, unknown>)[place.key] = bad;
  return copy;
}
