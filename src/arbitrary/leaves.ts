/**
 * Generators for the flat kinds: integers, addresses, opaque bytes and
 * text. Each produces exactly the form the decoder returns, so that
 * `decode(encode(v))` equals `v`.
 * @module
 */
import fc from "fast-check";
import type { Kind } from "../schema/codec.js";
import { formatIPv4, formatIPv6 } from "../wire/address.js";

type UintKind = Extract<Kind, { type: "uint" }>;

// Probing every value of a wide field for a name would cost more than it
// finds: the named values of DHCP fields (types, codes) are all small.
const NAME_PROBE_LIMIT = 0xffff;

/**
 * The values that each names function knows, found once per function and
 * kept by whoever builds the generators (one per top-level construction),
 * so that nothing outlives it.
 * @internal
 */
export type NamedValuesCache = WeakMap<(value: number) => string | undefined, readonly number[]>;

/** The values up to `max` that `names` knows, probed once per function per cache. */
function namedValues(names: (value: number) => string | undefined, max: number, cache: NamedValuesCache): number[] {
  let found = cache.get(names);
  if (found === undefined) {
    const values: number[] = [];
    for (let v = 0; v <= NAME_PROBE_LIMIT; v++) if (names(v) !== undefined) values.push(v);
    found = values;
    cache.set(names, found);
  }
  return found.filter((v) => v <= max);
}

/**
 * An unsigned integer of the kind's width. When the kind names some values
 * (message types, status codes, option codes), half the draws pick one of
 * them, so that the meaningful values are not left to chance. `cache`
 * keeps the named values found, for the other fields with the same names.
 * @internal
 */
export function uintArbitrary(kind: UintKind, cache: NamedValuesCache): fc.Arbitrary<number> {
  const max = kind.bits === 32 ? 0xffffffff : 2 ** kind.bits - 1;
  const any = fc.integer({ min: 0, max });
  const named = kind.names ? namedValues(kind.names, max, cache) : [];
  return named.length > 0 ? fc.oneof(fc.constantFrom(...named), any) : any;
}

function fromGroups(groups: number[]): Uint8Array {
  const b = new Uint8Array(16);
  groups.forEach((g, i) => {
    b[i * 2] = g >> 8;
    b[i * 2 + 1] = g & 0xff;
  });
  return b;
}

// Prefixes whose last 32 bits formatters treat specially or must not:
// IPv4-mapped (RFC 5952 §5 dotted form), its SIIT neighbour ::ffff:0:0/96,
// the NAT64 well-known prefix and the deprecated IPv4-compatible form.
const V4_PREFIXES = [
  [0, 0, 0, 0, 0, 0xffff],
  [0, 0, 0, 0, 0xffff, 0],
  [0x64, 0xff9b, 0, 0, 0, 0],
  [0, 0, 0, 0, 0, 0],
];

/**
 * IPv6 addresses as canonical RFC 5952 text, which is what the decoder
 * returns. Random groups are zero half the time so that runs of zero groups
 * of every length (and ties between runs) occur; the IPv4-embedding
 * prefixes get their own share.
 * @internal
 */
export function ipv6Arbitrary(): fc.Arbitrary<string> {
  const group = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
  const grouped = fc.array(group, { minLength: 8, maxLength: 8 }).map(fromGroups);
  const random = fc.uint8Array({ minLength: 16, maxLength: 16 });
  const embedded = fc
    .tuple(fc.constantFrom(...V4_PREFIXES), fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff }))
    .map(([p, hi, lo]) => fromGroups([...p, hi, lo]));
  return fc.oneof(grouped, random, embedded).map((b) => formatIPv6(b));
}

/** IPv4 addresses as dotted-decimal text. @internal */
export function ipv4Arbitrary(): fc.Arbitrary<string> {
  return fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => formatIPv4(b));
}

/** Exactly `length` bytes, or 0 to `maxBytes` bytes for a field that takes the rest. @internal */
export function bytesArbitrary(length: number | undefined, maxBytes: number): fc.Arbitrary<Uint8Array> {
  return length === undefined
    ? fc.uint8Array({ maxLength: maxBytes, size: "max" })
    : fc.uint8Array({ minLength: length, maxLength: length });
}

const SURROGATES = 0x800;

/** Code points from `min` to `max`, the surrogate range U+D800-DFFF skipped. */
const codePoints = (min: number, max: number) =>
  fc.integer({ min, max: max - SURROGATES }).map((c) => String.fromCodePoint(c < 0xd800 ? c : c + SURROGATES));

// Built from integers: fast-check's own full-range "binary" unit costs over
// a second to construct, which every test file would pay.
const bmpUnit = codePoints(0x80, 0xffff); // 2- and 3-byte UTF-8
const anyUnit = codePoints(0, 0x10ffff); // mostly astral: 4-byte UTF-8, surrogate pairs in JS

/**
 * Well-formed text of at most `maxChars` code points: ASCII (including
 * controls and NUL), non-ASCII BMP characters (including a BOM, which the
 * decoder keeps), and any code point including astral ones (surrogate
 * pairs). Lone surrogates never occur: UTF-8 cannot carry them.
 * @internal
 */
export function utf8Arbitrary(maxChars: number): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: "binary-ascii", maxLength: maxChars, size: "max" }),
    fc.string({ unit: bmpUnit, maxLength: maxChars, size: "max" }),
    fc.string({ unit: anyUnit, maxLength: maxChars, size: "max" }),
  );
}
