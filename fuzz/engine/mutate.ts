/**
 * Mutations: byte-level ones that know nothing of the format, and
 * structure-aware ones that use {@link walk} to hit length fields, codes and
 * whole options, fixing up the enclosing lengths so that the decoder goes
 * past the outer layers into the one being mutated.
 */
import type { Rng } from "./rng.js";
import { type InputKind, type LengthField, type Tlv, walk } from "./structure.js";

/** What a mutator may draw on besides the input itself. */
export interface MutationContext {
  readonly rng: Rng;
  readonly kind: InputKind;
  /** Another input to splice from. */
  other(): Uint8Array;
  readonly maxLen: number;
}

export type Mutator = (data: Uint8Array, cx: MutationContext) => Uint8Array | undefined;

const INTERESTING_8 = [0x00, 0x01, 0x02, 0x7f, 0x80, 0xfe, 0xff];
const INTERESTING_16 = [0x0000, 0x0001, 0x0002, 0x0004, 0x00ff, 0x0100, 0x7fff, 0x8000, 0xfffe, 0xffff];

function concat(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function randomBytes(rng: Rng, n: number): Uint8Array {
  const out = new Uint8Array(n);
  if (rng.oneIn(2)) out.fill(rng.oneIn(2) ? rng.pick(INTERESTING_8) : rng.below(256));
  else for (let i = 0; i < n; i++) out[i] = rng.below(256);
  return out;
}

const flipBit: Mutator = (d, { rng }) => {
  if (d.length === 0) return undefined;
  const out = d.slice();
  const i = rng.below(d.length);
  out[i] = (out[i] as number) ^ (1 << rng.below(8));
  return out;
};

const setByte: Mutator = (d, { rng }) => {
  if (d.length === 0) return undefined;
  const out = d.slice();
  out[rng.below(d.length)] = rng.oneIn(2) ? rng.pick(INTERESTING_8) : rng.below(256);
  return out;
};

const setU16: Mutator = (d, { rng }) => {
  if (d.length < 2) return undefined;
  const out = d.slice();
  const i = rng.below(d.length - 1);
  const v = rng.oneIn(3) ? rng.below(0x10000) : rng.pick(INTERESTING_16);
  out[i] = v >>> 8;
  out[i + 1] = v & 0xff;
  return out;
};

const truncate: Mutator = (d, { rng }) => (d.length === 0 ? undefined : d.slice(0, rng.below(d.length)));

const insertRun: Mutator = (d, { rng }) => {
  const at = rng.below(d.length + 1);
  return concat(d.subarray(0, at), randomBytes(rng, rng.smallLength(64)), d.subarray(at));
};

const deleteRun: Mutator = (d, { rng }) => {
  if (d.length === 0) return undefined;
  const at = rng.below(d.length);
  const n = Math.min(rng.smallLength(64), d.length - at);
  return concat(d.subarray(0, at), d.subarray(at + n));
};

const duplicateRun: Mutator = (d, { rng }) => {
  if (d.length === 0) return undefined;
  const from = rng.below(d.length);
  const n = Math.min(rng.smallLength(128), d.length - from);
  const at = rng.below(d.length + 1);
  return concat(d.subarray(0, at), d.subarray(from, from + n), d.subarray(at));
};

const spliceOther: Mutator = (d, cx) => {
  const o = cx.other();
  const i = cx.rng.below(d.length + 1);
  const j = cx.rng.below(o.length + 1);
  return concat(d.subarray(0, i), o.subarray(j));
};

const insertOtherChunk: Mutator = (d, cx) => {
  const o = cx.other();
  if (o.length === 0) return undefined;
  const from = cx.rng.below(o.length);
  const n = Math.min(cx.rng.smallLength(256), o.length - from);
  const at = cx.rng.below(d.length + 1);
  return concat(d.subarray(0, at), o.subarray(from, from + n), d.subarray(at));
};

function readLen(d: Uint8Array, f: LengthField): number {
  return f.size === 2 ? ((d[f.pos] as number) << 8) | (d[f.pos + 1] as number) : (d[f.pos] as number);
}

function writeLen(d: Uint8Array, f: LengthField, v: number): void {
  if (f.size === 2) {
    d[f.pos] = (v >>> 8) & 0xff;
    d[f.pos + 1] = v & 0xff;
  } else d[f.pos] = v & 0xff;
}

/** Adds `delta` to every enclosing length; false when one would leave its field's range. */
function fixParents(d: Uint8Array, parents: readonly LengthField[], delta: number): boolean {
  for (const f of parents) {
    const v = readLen(d, f) + delta;
    if (v < 0 || v > (f.size === 2 ? 0xffff : 0xff)) return false;
  }
  for (const f of parents) writeLen(d, f, readLen(d, f) + delta);
  return true;
}

function pickTlv(d: Uint8Array, cx: MutationContext): Tlv | undefined {
  const tlvs = walk(d, cx.kind);
  return tlvs.length === 0 ? undefined : cx.rng.pick(tlvs);
}

/** A length field set off by one, to 0, to its maximum, to "huge", or to what would fit. */
const setLength: Mutator = (d, cx) => {
  const t = pickTlv(d, cx);
  if (t === undefined) return undefined;
  const out = d.slice();
  const max = t.len.size === 2 ? 0xffff : 0xff;
  const cur = readLen(d, t.len);
  const choices = [cur + 1, cur - 1, 0, max, max - 1, t.len.size === 2 ? 0x8000 : 0x80, cx.rng.below(max + 1)];
  const fits = d.length - (t.len.pos + t.len.size);
  if (fits >= 0) choices.push(fits, fits + 1);
  writeLen(out, t.len, Math.min(max, Math.max(0, cx.rng.pick(choices))));
  return out;
};

/** Another option of the same kind in place, with the enclosing lengths grown to match. */
const duplicateTlv: Mutator = (d, cx) => {
  const t = pickTlv(d, cx);
  if (t === undefined || t.end > d.length) return undefined;
  const copy = d.subarray(t.start, t.end);
  const out = concat(d.subarray(0, t.end), copy, d.subarray(t.end));
  fixParents(out, t.parents, copy.length);
  return out;
};

const deleteTlv: Mutator = (d, cx) => {
  const t = pickTlv(d, cx);
  if (t === undefined || t.end > d.length) return undefined;
  const out = concat(d.subarray(0, t.start), d.subarray(t.end));
  fixParents(out, t.parents, t.start - t.end);
  return out;
};

/** An option taken from another input, put before one of this input's options. */
const insertForeignTlv: Mutator = (d, cx) => {
  const t = pickTlv(d, cx);
  const o = cx.other();
  const donors = walk(o, cx.kind).filter((x) => x.end <= o.length && x.codeSize === t?.codeSize);
  if (t === undefined || donors.length === 0) return undefined;
  const donor = cx.rng.pick(donors);
  const piece = o.subarray(donor.start, donor.end);
  const out = concat(d.subarray(0, t.start), piece, d.subarray(t.start));
  fixParents(out, t.parents, piece.length);
  return out;
};

/** Swaps two adjacent options of one list (order must survive a round trip). */
const swapTlvs: Mutator = (d, cx) => {
  const tlvs = walk(d, cx.kind);
  const byStart = new Map<number, Tlv[]>();
  for (const t of tlvs) byStart.set(t.start, [...(byStart.get(t.start) ?? []), t]);
  const pairs: [Tlv, Tlv][] = [];
  for (const a of tlvs) {
    // Siblings share their parents list (the walk passes one array per list).
    const b = byStart.get(a.end)?.find((x) => x.parents === a.parents);
    if (b !== undefined && b.end <= d.length) pairs.push([a, b]);
  }
  if (pairs.length === 0) return undefined;
  const [a, b] = cx.rng.pick(pairs);
  return concat(d.subarray(0, a.start), d.subarray(b.start, b.end), d.subarray(a.start, a.end), d.subarray(b.end));
};

/** Gives an option another code: its body is then read by a different layout. */
const setCode: Mutator = (d, cx) => {
  const tlvs = walk(d, cx.kind).filter((t) => t.codeSize > 0);
  if (tlvs.length === 0) return undefined;
  const t = cx.rng.pick(tlvs);
  const known = t.known();
  const code =
    known.length > 0 && !cx.rng.oneIn(4) ? cx.rng.pick(known) : cx.rng.below(t.codeSize === 2 ? 0x10000 : 0x100);
  const out = d.slice();
  if (t.codeSize === 2) {
    out[t.start] = code >>> 8;
    out[t.start + 1] = code & 0xff;
  } else out[t.start] = code & 0xff;
  return out;
};

/** A byte inside an option body, bounded to that body (field values rather than structure). */
const setBodyByte: Mutator = (d, cx) => {
  const t = pickTlv(d, cx);
  if (t === undefined) return undefined;
  const from = t.len.pos + t.len.size;
  const to = Math.min(t.end, d.length);
  if (to <= from) return undefined;
  const out = d.slice();
  out[from + cx.rng.below(to - from)] = cx.rng.oneIn(2) ? cx.rng.pick(INTERESTING_8) : cx.rng.below(256);
  return out;
};

const BYTE_LEVEL: readonly Mutator[] = [
  flipBit,
  setByte,
  setU16,
  truncate,
  insertRun,
  deleteRun,
  duplicateRun,
  spliceOther,
  insertOtherChunk,
];
const STRUCTURAL: readonly Mutator[] = [
  setLength,
  setLength,
  duplicateTlv,
  deleteTlv,
  insertForeignTlv,
  swapTlvs,
  setCode,
  setBodyByte,
];

/** The structure-aware mutators by name, for tests. */
export const STRUCTURAL_MUTATORS: Readonly<Record<string, Mutator>> = {
  setLength,
  duplicateTlv,
  deleteTlv,
  insertForeignTlv,
  swapTlvs,
  setCode,
  setBodyByte,
};

/** One mutation; structural ones half of the time. Never returns an input longer than `maxLen`. */
export function mutateOnce(data: Uint8Array, cx: MutationContext): Uint8Array {
  for (let attempt = 0; attempt < 4; attempt++) {
    const m = cx.rng.oneIn(2) ? cx.rng.pick(STRUCTURAL) : cx.rng.pick(BYTE_LEVEL);
    const out = m(data, cx);
    if (out !== undefined) return out.length > cx.maxLen ? out.subarray(0, cx.maxLen) : out;
  }
  return data;
}

/** A stack of 1 to 8 mutations, fewer more often. */
export function mutate(data: Uint8Array, cx: MutationContext): Uint8Array {
  let out = data;
  const n = 1 + Math.min(7, Math.clz32(cx.rng.u32() | 1) >>> 1);
  for (let i = 0; i < n; i++) out = mutateOnce(out, cx);
  return out;
}
