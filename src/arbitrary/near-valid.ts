/**
 * Near-valid inputs for negative testing: a valid encoded message from the
 * declaration-derived generators with exactly one thing changed, in the
 * ways that real peers and middleboxes get wrong. Each kind is found by
 * walking the valid bytes with the same declarations ({@link layoutOf}).
 * @module
 */
import fc from "fast-check";
import { dhcpv4MessageBytesArbitrary } from "./dhcpv4.js";
import { dhcpv6MessageBytesArbitrary } from "./dhcpv6.js";
import { type Layout, type LengthField, layoutOf, type NamedSite, readUint, type TlvSite } from "./layout.js";
import type { ArbitraryOptions } from "./walker.js";

/**
 * The ways a near-valid input differs from the valid one it was made from:
 *
 * - `"length-off"`: one option's length field is one more or one less than
 *   the bytes that follow (the enclosing lengths are left alone);
 * - `"truncated"`: the bytes stop early, somewhere the result cannot be a
 *   complete message (never between two top-level DHCPv6 options, never
 *   after the DHCPv4 end option);
 * - `"option-moved"`: one option taken out of its list and put in another
 *   place of the same option space (into another list when the message has
 *   one, else elsewhere in its own, past another option), with every
 *   enclosing length fixed, so that the framing stays right and only the
 *   meaning is wrong;
 * - `"reserved-value"`: a field whose declaration names its values (message
 *   type, option code, status code, query type, DUID type, BOOTP op, ...)
 *   set to a value with no name: 0, reserved in these registries, when it
 *   has none, or another unassigned value.
 *
 * @example
 * ```ts
 * import { NEAR_VALID_KINDS } from "dhcp-leasequery/arbitrary";
 * console.log(NEAR_VALID_KINDS.length); // 4
 * ```
 */
export const NEAR_VALID_KINDS = ["length-off", "truncated", "option-moved", "reserved-value"] as const;

/** One of {@link NEAR_VALID_KINDS}. */
export type NearValidKind = (typeof NEAR_VALID_KINDS)[number];

/** A near-valid input and where it came from. */
export interface NearValid {
  /** What was changed. */
  readonly kind: NearValidKind;
  /** The near-valid input. */
  readonly bytes: Uint8Array;
  /** The valid encoded message it was made from. */
  readonly valid: Uint8Array;
  /** The first byte at which `bytes` differs from `valid` (for a cut: the new length). */
  readonly offset: number;
  /** What was done, in words, for test failure messages. */
  readonly description: string;
}

/** What is being changed: which layout the valid bytes have. @internal */
export type Root = "dhcpv6" | "dhcpv4";

const MAX_LEN: Record<1 | 2, number> = { 1: 0xff, 2: 0xffff };

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

function writeUint(b: Uint8Array, pos: number, size: number, v: number): void {
  for (let i = size - 1, x = v; i >= 0; i--, x = Math.floor(x / 256)) b[pos + i] = x & 0xff;
}

function result(kind: NearValidKind, bytes: Uint8Array, valid: Uint8Array, description: string): NearValid {
  return { kind, bytes, valid, offset: firstDifference(bytes, valid), description };
}

function lengthOff(valid: Uint8Array, layout: Layout, a: number, b: number): NearValid | undefined {
  const t = layout.tlvs[a % Math.max(1, layout.tlvs.length)];
  if (t === undefined) return undefined;
  const cur = readUint(valid, t.len.pos, t.len.size);
  const up = cur === 0 || (b % 2 === 0 && cur < MAX_LEN[t.len.size]);
  const next = up ? cur + 1 : cur - 1;
  const out = valid.slice();
  writeUint(out, t.len.pos, t.len.size, next);
  return result(
    "length-off",
    out,
    valid,
    `option-len of ${t.list.space} option ${t.code} at byte ${t.start}: ${cur} -> ${next}`,
  );
}

/** Lengths at which a prefix of `valid` is itself complete (top-level option boundaries, the DHCPv4 end option and after). */
function completeAt(valid: Uint8Array, layout: Layout, root: Root): (cut: number) => boolean {
  const top = layout.lists.find((l) => l.parents.length === 0);
  if (root === "dhcpv4") {
    // Everything after the end option of the options field is trailing bytes.
    const end = top !== undefined && top.to < valid.length ? top.to : valid.length - 1;
    return (cut) => cut > end;
  }
  const boundaries = new Set<number>(top === undefined ? [] : [top.from, ...top.items.map((t) => t.end)]);
  return (cut) => cut >= valid.length || boundaries.has(cut);
}

function truncated(valid: Uint8Array, layout: Layout, root: Root, a: number): NearValid | undefined {
  const complete = completeAt(valid, layout, root);
  // Scan forward from a random start to the first cut that leaves an incomplete message.
  for (let i = 0; i < valid.length; i++) {
    const cut = (a + i) % valid.length;
    if (!complete(cut)) {
      return result("truncated", valid.slice(0, cut), valid, `cut to ${cut} of ${valid.length} bytes`);
    }
  }
  return undefined;
}

const samePos = (x: LengthField, y: LengthField) => x.pos === y.pos;

/** The input with `t` moved to `dest` (a position in the input) and every enclosing length fixed; undefined if a length would overflow. */
function move(
  valid: Uint8Array,
  t: TlvSite,
  dest: number,
  destParents: readonly LengthField[],
): Uint8Array | undefined {
  const n = t.end - t.start;
  const piece = valid.subarray(t.start, t.end);
  const out = new Uint8Array(valid.length);
  if (dest <= t.start) {
    out.set(valid.subarray(0, dest));
    out.set(piece, dest);
    out.set(valid.subarray(dest, t.start), dest + n);
    out.set(valid.subarray(t.end), t.end);
  } else {
    out.set(valid.subarray(0, t.start));
    out.set(valid.subarray(t.end, dest), t.start);
    out.set(piece, dest - n);
    out.set(valid.subarray(dest), dest);
  }
  // Where a byte before the move lands after it (length fields lie outside the moved option).
  const at = (p: number) => p - (p >= t.end ? n : 0) + (p >= dest ? n : 0);
  const from = t.list.parents.filter((f) => !destParents.some((g) => samePos(f, g)));
  const to = destParents.filter((f) => !t.list.parents.some((g) => samePos(f, g)));
  for (const f of to) if (readUint(valid, f.pos, f.size) + n > MAX_LEN[f.size]) return undefined;
  for (const f of from) writeUint(out, at(f.pos), f.size, readUint(valid, f.pos, f.size) - n);
  for (const f of to) writeUint(out, at(f.pos), f.size, readUint(valid, f.pos, f.size) + n);
  return out;
}

/**
 * Where `t` can go: first the places in other lists of its option space
 * (not inside `t` itself), which put it in another context; only when
 * there are none, the places in its own list that change the order of the
 * options (hopping over pad options alone changes nothing).
 */
function placesFor(t: TlvSite, layout: Layout): { pos: number; parents: readonly LengthField[] }[] {
  const elsewhere: { pos: number; parents: readonly LengthField[] }[] = [];
  for (const l of layout.lists) {
    if (l === t.list || l.space !== t.list.space || l.parents.some((f) => samePos(f, t.len))) continue;
    const positions = new Set([...l.items.map((x) => x.start), l.to]);
    if (l.items.length === 0) positions.add(l.from);
    for (const pos of positions) elsewhere.push({ pos, parents: l.parents });
  }
  if (elsewhere.length > 0) return elsewhere;
  const items = t.list.items;
  const i = items.indexOf(t);
  // Before the option itself or the one after it, or (for the last) at the end, it stays where it is.
  const stay = new Set([t.start, items[i + 1]?.start ?? t.list.to]);
  return [...items.map((x) => x.start), t.list.to]
    .filter((pos) => !stay.has(pos))
    .map((pos) => ({ pos, parents: t.list.parents }));
}

function optionMoved(valid: Uint8Array, layout: Layout, a: number, b: number): NearValid | undefined {
  const tlvs = layout.tlvs;
  for (let i = 0; i < tlvs.length; i++) {
    const t = tlvs[(a + i) % tlvs.length] as TlvSite;
    const places = placesFor(t, layout);
    for (let j = 0; j < places.length; j++) {
      const place = places[(b + j) % places.length] as (typeof places)[number];
      const out = move(valid, t, place.pos, place.parents);
      // A copy of the same option next to it leaves the bytes as they were.
      if (out === undefined || firstDifference(out, valid) === out.length) continue;
      return result(
        "option-moved",
        out,
        valid,
        `${t.list.space} option ${t.code} moved from byte ${t.start} to before byte ${place.pos}`,
      );
    }
  }
  return undefined;
}

/**
 * The values of each 1- or 2-byte named field that its names leave
 * unnamed, by the declaration they come from (`NamedSite.namedBy`):
 * one per near-valid generator, so that each declaration is probed once
 * for all the inputs it makes, and nothing outlives the generator.
 * @internal
 */
export type UnnamedCache = WeakMap<object, readonly number[]>;

/** The values of a 1- or 2-byte field that `names` does not name, found once per declaration per cache. */
function unnamed(site: NamedSite, cache: UnnamedCache): readonly number[] {
  let found = cache.get(site.namedBy);
  if (found === undefined) {
    const values: number[] = [];
    for (let v = 0; v < 2 ** (8 * Math.min(site.size, 2)); v++) if (site.names(v) === undefined) values.push(v);
    found = values;
    cache.set(site.namedBy, found);
  }
  return found;
}

/** A value for the site that has no name (0 first, half of the time, when it qualifies), other than `current`. */
function reservedFor(site: NamedSite, current: number, b: number, cache: UnnamedCache): number | undefined {
  const ok = (v: number) => v !== current && !site.exclude?.has(v) && site.names(v) === undefined;
  if (b % 2 === 0 && ok(0)) return 0;
  if (site.size > 2) {
    // Wide named fields: probe (none of this library's has more than a handful of names).
    for (let i = 0; i < 64; i++) {
      const v = (Math.imul(b + i, 0x9e3779b1) >>> 0) % 2 ** (8 * site.size);
      if (ok(v)) return v;
    }
    return undefined;
  }
  const values = unnamed(site, cache).filter(ok);
  return values.length === 0 ? undefined : values[b % values.length];
}

function reservedValue(
  valid: Uint8Array,
  layout: Layout,
  a: number,
  b: number,
  cache: UnnamedCache,
): NearValid | undefined {
  const sites = layout.named;
  for (let i = 0; i < sites.length; i++) {
    const s = sites[(a + i) % sites.length] as NamedSite;
    const current = readUint(valid, s.pos, s.size);
    const v = reservedFor(s, current, b, cache);
    if (v === undefined) continue;
    const out = valid.slice();
    writeUint(out, s.pos, s.size, v);
    const was = s.names(current);
    return result(
      "reserved-value",
      out,
      valid,
      `${s.what} at byte ${s.pos}: ${current}${was === undefined ? "" : ` (${was})`} -> ${v} (${v === 0 ? "reserved" : "unassigned"})`,
    );
  }
  return undefined;
}

/**
 * `valid` changed in the way `kind` says, or, when that is impossible for
 * this input, in the first of `kinds` after it that is possible; undefined
 * when none is. `a` and `b` choose where and how. `cache` keeps the
 * unnamed values of the named fields from one input to the next (give the
 * same one to every call of a generator).
 * @internal
 */
export function nearValidOf(
  valid: Uint8Array,
  root: Root,
  kinds: readonly NearValidKind[],
  first: number,
  a: number,
  b: number,
  cache: UnnamedCache = new WeakMap(),
): NearValid | undefined {
  const layout = layoutOf(valid, root);
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[(first + i) % kinds.length] as NearValidKind;
    const v =
      kind === "length-off"
        ? lengthOff(valid, layout, a, b)
        : kind === "truncated"
          ? truncated(valid, layout, root, a)
          : kind === "option-moved"
            ? optionMoved(valid, layout, a, b)
            : reservedValue(valid, layout, a, b, cache);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** What the near-valid generators take besides the layout limits. */
export interface NearValidKinds {
  /** The kinds to make, each equally likely where possible. Default: all of {@link NEAR_VALID_KINDS}. */
  readonly kinds?: readonly NearValidKind[];
}

/**
 * Checks `kinds` and that some kind can always be made under the limits:
 * a cut or a reserved value can be made from any message, a length change
 * needs an option, a move needs two.
 * @internal
 */
export function checkKinds(o: NearValidKinds & { maxItems?: number }): readonly NearValidKind[] {
  const kinds = o.kinds ?? NEAR_VALID_KINDS;
  if (kinds.length === 0 || kinds.some((k) => !(NEAR_VALID_KINDS as readonly string[]).includes(k))) {
    throw new RangeError(`kinds must be a non-empty list of ${NEAR_VALID_KINDS.join(", ")}`);
  }
  const maxItems = o.maxItems ?? 4;
  const always = kinds.includes("truncated") || kinds.includes("reserved-value");
  if (!always && maxItems < (kinds.includes("length-off") ? 1 : 2)) {
    throw new RangeError(`kinds ${kinds.join(", ")} need options in the message; maxItems ${maxItems} allows too few`);
  }
  return kinds;
}

/**
 * The near-valid generator over `validBytes` for `root`.
 * @internal
 */
export function nearValidArbitrary(
  validBytes: fc.Arbitrary<Uint8Array>,
  root: Root,
  kinds: readonly NearValidKind[],
): fc.Arbitrary<NearValid> {
  const cache: UnnamedCache = new WeakMap();
  return fc
    .tuple(validBytes, fc.nat({ max: kinds.length - 1 }), fc.nat(), fc.nat())
    .map(([valid, first, a, b]) => nearValidOf(valid, root, kinds, first, a, b, cache))
    .filter((v): v is NearValid => v !== undefined);
}

/** Options of the near-valid generators: the limits of the valid messages, and which kinds to make. */
export interface NearValidOptions extends ArbitraryOptions, NearValidKinds {}

/**
 * Near-valid DHCPv6 messages: a message from `dhcpv6MessageBytesArbitrary`
 * with one length off by one, cut short, an option moved, or a named field
 * set to a reserved or unassigned value (see {@link NEAR_VALID_KINDS}).
 *
 * What a decoder must do with them: a cut is always an error (`truncated`);
 * a length off by one nearly always is, though the bytes can happen to read
 * as other options; a moved option or a reserved value usually still
 * decodes, and it is `validate` or the application that must object. So a
 * property over them asserts the decode contract (a value or a
 * `DecodeError`, nothing else), and, for an application, that it answers
 * without crashing.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { decode, isDecodeError } from "dhcp-leasequery";
 * import { dhcpv6NearValidArbitrary } from "dhcp-leasequery/arbitrary";
 * const [cut] = fc.sample(dhcpv6NearValidArbitrary({ kinds: ["truncated"] }), { numRuns: 1, seed: 6 });
 * try {
 *   decode(cut!.bytes);
 * } catch (e) {
 *   console.log(isDecodeError(e) && e.code); // "truncated"
 * }
 * ```
 * @throws RangeError for an unknown kind, or limits under which the kinds
 *   asked for cannot be made (a move needs `maxItems` of at least 2), and as
 *   `dhcpv6MessageArbitrary`
 */
export function dhcpv6NearValidArbitrary(options: NearValidOptions = {}): fc.Arbitrary<NearValid> {
  const kinds = checkKinds(options);
  return nearValidArbitrary(dhcpv6MessageBytesArbitrary(options), "dhcpv6", kinds);
}

/**
 * Near-valid DHCPv4 messages, as {@link dhcpv6NearValidArbitrary} makes for
 * DHCPv6: from `dhcpv4MessageBytesArbitrary`, one option length off by
 * one, a cut before the end option, an option moved, or a named field (op,
 * message type, status, option code) set to a value with no name.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { dhcpv4NearValidArbitrary } from "dhcp-leasequery/arbitrary";
 * const [v] = fc.sample(dhcpv4NearValidArbitrary({ kinds: ["reserved-value"] }), { numRuns: 1, seed: 3 });
 * console.log(v!.kind, v!.bytes.length === v!.valid.length); // "reserved-value" true
 * ```
 * @throws RangeError as {@link dhcpv6NearValidArbitrary}
 */
export function dhcpv4NearValidArbitrary(options: NearValidOptions = {}): fc.Arbitrary<NearValid> {
  const kinds = checkKinds(options);
  return nearValidArbitrary(dhcpv4MessageBytesArbitrary(options), "dhcpv4", kinds);
}
