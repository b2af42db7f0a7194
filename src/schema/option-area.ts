/**
 * DHCPv4 option areas: 1-byte code and length TLVs with pad (0) and end
 * (255) (RFC 2132 §2-3), where every instance of one code in a message is
 * one value split across instances (RFC 3396), possibly across several
 * areas (the options field, then `file` and `sname` when overloaded).
 *
 * The decoded form keeps the wire byte for byte:
 * - a pad byte is an entry `{ code: 0 }`, in place;
 * - the end option is `{ code: 255 }`, the last entry of its area, with the
 *   bytes that follow it in `trailing` (absent when there are none);
 * - each code's value sits at its first instance. A run of adjacent
 *   instances of one code is one entry; `split` lists their lengths when
 *   they are not the default (as many 255-byte instances as needed, then
 *   the rest);
 * - a later run of the same code, after other entries or in a later area,
 *   is a `{ code, continuation: n }` entry: `n` more bytes of the value go
 *   there (again with `split` when not the default chunking).
 *
 * Encoding accepts more than decoding gives: a missing end entry is
 * appended, a fixed-size area is filled with zeros after its end, and a
 * value longer than 255 bytes without `split` goes out as 255-byte
 * instances in a row.
 * @module
 */
import { DecodeError, EncodeError } from "../errors.js";
import { joinPath } from "../wire/path.js";
import { Reader } from "../wire/reader.js";
import { checkBytes, describe, Writer } from "../wire/writer.js";
import { type Codec, encoderOf, MAX_ENCODE_DEPTH, prefix } from "./codec.js";
import type { OptionDef, OptionTable, RawOption } from "./option.js";
import { entryCode, isRawData, noLayout, readBody, segment } from "./tlv-entry.js";
import { DHCPV4_OPTION_FORMAT } from "./tlv-format.js";

/** A pad byte: one byte, no length (RFC 2132 §3.1). */
export interface PadOption {
  code: 0;
}

/** The end option (RFC 2132 §3.2), with the bytes that follow it in its area. */
export interface EndOption {
  code: 255;
  /** What follows the end option up to the end of the area (padding); absent when nothing does. */
  trailing?: Uint8Array;
}

/**
 * A later run of instances of a split option (RFC 3396) that is not next to
 * its first instance: `continuation` bytes of the value are placed here.
 */
export interface ContinuationOption {
  code: number;
  /** How many bytes of the option's value this run carries. */
  continuation: number;
  /** The run's instance lengths, when not the default 255-byte chunking. */
  split?: number[];
}

/** The instance lengths of an option's first run, when not the default 255-byte chunking (RFC 3396). */
export interface SplitLengths {
  split?: number[];
}

/** The most a single instance carries (a 1-byte length). */
const MAX_INSTANCE = 255;

/**
 * One run of adjacent instances of one code. The instances are found again
 * from the bytes ({@link eachInstance}) rather than kept in per-instance
 * arrays: past about 16,000 elements a JavaScript array costs V8 5-10 times
 * more per element, which made a 100,000-instance split decode 25 times
 * slower than a 12,500-instance one.
 * @internal
 */
export interface Run {
  readonly code: number;
  /** Offset of the first instance's code byte. */
  readonly at: number;
  /** How many instances. */
  count: number;
  /** The bytes of value they carry in all. */
  total: number;
  /** The length of the last instance. */
  last: number;
}

type Slot = { readonly k: "pad" } | { readonly k: "end"; readonly trailing: Uint8Array } | Run;

/** One area after the TLV scan, before values are joined and decoded. @internal */
export interface ScannedArea {
  readonly name: string;
  readonly slots: readonly Slot[];
}

function isRun(s: Slot): s is Run {
  return "code" in s;
}

/**
 * Reads the TLV structure of the area `[from, to)`: pads, instances, and the
 * end option with what follows it. A missing end option is an error: RFC
 * 2131 §3 ends every option area with it.
 * @internal
 */
export function scanArea(r: Reader, name: string, from: number, to: number, table: OptionTable): ScannedArea {
  const b = r.b;
  const slots: Slot[] = [];
  const savedPos = r.pos;
  const savedEnd = r.end;
  // The reader decides between truncated and length-mismatch for a region
  // that ends at `to`.
  r.end = to;
  let pos = from;
  // The last run: the next instance extends it when it has the same code;
  // a pad in between starts a new run, as the entries keep it.
  let last: Run | undefined;
  try {
    for (;;) {
      if (pos >= to) {
        r.pos = to;
        try {
          r.need(1, `${name || "the area"} before the end option (255), which RFC 2131 §3 requires,`);
        } catch (e) {
          throw prefix(e, name);
        }
      }
      const code = b[pos] as number;
      if (code === 0) {
        slots.push({ k: "pad" });
        last = undefined;
        pos++;
        continue;
      }
      if (code === 255) {
        slots.push({ k: "end", trailing: b.subarray(pos + 1, to) });
        return { name, slots };
      }
      const run = last !== undefined && last.code === code ? last : undefined;
      try {
        // Checked inline first: the reasons are built only for an error.
        const len = pos + 2 <= to ? (b[pos + 1] as number) : -1;
        if (len < 0 || pos + 2 + len > to) {
          r.pos = pos + 1;
          r.need(1, "option length");
          r.need(1 + (b[pos + 1] as number), `option length ${b[pos + 1]}:`);
        }
        if (run) {
          run.count++;
          run.total += len;
          run.last = len;
        } else {
          last = { code, at: pos, count: 1, total: len, last: len };
          slots.push(last);
        }
        pos += 2 + len;
      } catch (e) {
        throw prefix(e, joinPath(name, segment(run ? slots.length - 1 : slots.length, table[code])));
      }
    }
  } finally {
    r.pos = savedPos;
    r.end = savedEnd;
  }
}

/**
 * Calls `f` with the data offset and length of each instance of `run`, in
 * order (they are adjacent TLVs, already checked by {@link scanArea}).
 * @internal
 */
export function eachInstance(b: Uint8Array, run: Run, f: (start: number, len: number) => void): void {
  let p = run.at;
  for (let i = 0; i < run.count; i++) {
    const len = b[p + 1] as number;
    f(p + 2, len);
    p += 2 + len;
  }
}

/** The instance lengths of `run`, in order. */
function lengthsOf(b: Uint8Array, run: Run): number[] {
  const out: number[] = new Array(run.count);
  let i = 0;
  eachInstance(b, run, (_start, len) => {
    out[i++] = len;
  });
  return out;
}

/**
 * True when the run's instance lengths are how an encoder splits their sum
 * by default: all 255 but the last, which is not empty. The instances
 * before the last carry `total - last` bytes, at most 255 each, so they
 * are all 255 exactly when that is 255 times their count.
 */
function isDefaultSplit(run: Run): boolean {
  return run.count === 1 || (run.last > 0 && run.total - run.last === MAX_INSTANCE * (run.count - 1));
}

/**
 * Joins every code's instances across `areas` (in the order given) and
 * decodes the values; returns each area's entries. Offsets in errors are
 * those of the input, also inside a value joined from several instances.
 * @internal
 */
export function decodeAreas(r: Reader, areas: readonly ScannedArea[], table: OptionTable): unknown[][] {
  const runsOf = groupRuns(areas);
  return areas.map((a) =>
    a.slots.map((s, i) => {
      if (!isRun(s)) {
        if (s.k === "pad") return { code: 0 };
        return s.trailing.length > 0 ? { code: 255, trailing: s.trailing } : { code: 255 };
      }
      const runs = runsOf === undefined ? [s] : (runsOf.get(s.code) as Run[]);
      const split = isDefaultSplit(s) ? undefined : lengthsOf(r.b, s);
      if (runs[0] !== s) {
        const c = { code: s.code, continuation: s.total };
        return split === undefined ? c : { ...c, split };
      }
      const def = table[s.code];
      try {
        // decodeValue returns a fresh object: add to it rather than copy it
        // (the two spreads were about a third of a decode of bench M3).
        const v = decodeValue(r, runs, def);
        if (split !== undefined) v.split = split;
        return v;
      } catch (e) {
        throw prefix(e, joinPath(a.name, segment(i, def)));
      }
    }),
  );
}

/**
 * Every code's runs across `areas`, in order, when some code has more than
 * one run (RFC 3396 §7 joins them); `undefined` when none does.
 */
function groupRuns(areas: readonly ScannedArea[]): Map<number, Run[]> | undefined {
  // One bit per code met: almost every message has each code in one run,
  // and 32 bytes cost less than a Map and an array per option.
  const seen = new Uint32Array(8);
  let repeated = false;
  for (const a of areas) {
    for (const s of a.slots) {
      if (!isRun(s)) continue;
      const word = s.code >>> 5;
      const bit = 1 << (s.code & 31);
      if (((seen[word] as number) & bit) !== 0) repeated = true;
      seen[word] = (seen[word] as number) | bit;
    }
  }
  if (!repeated) return undefined;
  const runsOf = new Map<number, Run[]>();
  for (const a of areas) {
    for (const s of a.slots) {
      if (!isRun(s)) continue;
      const list = runsOf.get(s.code);
      if (list) list.push(s);
      else runsOf.set(s.code, [s]);
    }
  }
  return runsOf;
}

function decodeValue(r: Reader, runs: readonly Run[], def: OptionDef | undefined): Record<string, unknown> {
  const first = runs[0] as Run;
  const code = first.code;
  if (runs.length === 1 && first.count === 1) {
    const start = first.at + 2;
    const len = first.total;
    if (def === undefined) return { code, data: r.b.subarray(start, start + len) };
    const savedPos = r.pos;
    const savedEnd = r.end;
    const savedInputEnd = r.inputEnd;
    r.pos = start;
    r.end = start + len;
    r.inputEnd = -1;
    try {
      return readBody(r, def, code, len, first.at + 1, DHCPV4_OPTION_FORMAT) as Record<string, unknown>;
    } finally {
      r.pos = savedPos;
      r.end = savedEnd;
      r.inputEnd = savedInputEnd;
    }
  }
  // RFC 3396 §7: the value is the concatenation of the instances in order.
  // The copy is bounded by bytes present in the input, and made in one pass
  // into one buffer: no per-instance view, array or intermediate join.
  const b = r.b;
  let total = 0;
  for (const run of runs) total += run.total;
  const joined = new Uint8Array(total);
  let k = 0;
  for (const run of runs) {
    eachInstance(b, run, (start, len) => {
      for (let j = 0; j < len; j++) joined[k + j] = b[start + j] as number;
      k += len;
    });
  }
  if (def === undefined) return { code, data: joined };
  // A joined value is read strictly; with keepMalformedOptions the whole
  // value is kept raw when any part of it fails, with input offsets.
  const jr = new Reader(joined, { ...r.opts, keepMalformedOptions: false });
  jr.depth = r.depth;
  try {
    return readBody(jr, def, code, joined.length, -1, DHCPV4_OPTION_FORMAT) as Record<string, unknown>;
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    const offset = e.offset < 0 ? first.at + 1 : mapOffset(b, runs, e.offset);
    // The joined value ends where its last instance does, never at the end of the input.
    const err = new DecodeError(e.code === "truncated" ? "length-mismatch" : e.code, offset, e.reason, e.path);
    if (!r.opts.keepMalformedOptions) throw err;
    return { code, data: joined, malformed: err.message } satisfies RawOption;
  }
}

/** Maps an offset in a joined value back to the input; past the value, the end of its last instance. */
function mapOffset(b: Uint8Array, runs: readonly Run[], k: number): number {
  let base = 0;
  let found = -1;
  let end = -1;
  for (const run of runs) {
    eachInstance(b, run, (start, len) => {
      if (found < 0 && k < base + len) found = start + (k - base);
      base += len;
      end = start + len;
    });
  }
  return found >= 0 ? found : end;
}

/** An area to encode: its name (for paths), its entries, its fixed size or -1. @internal */
export interface AreaInput {
  readonly name: string;
  readonly list: unknown;
  readonly fixed: number;
}

interface ValuePlan {
  readonly code: number;
  /** The whole value's bytes, encoded once while planning (so every entry is read once). */
  readonly bytes: Uint8Array;
  readonly path: string;
  readonly runs: RunPlan[];
}

interface RunPlan {
  readonly value: ValuePlan;
  /** Bytes this run carries: the count of a continuation entry, or -1 for the first run (the rest of the value). */
  readonly total: number;
  readonly split: unknown;
  /** Path of a continuation entry, for errors in its split. */
  readonly path: string;
  bodyStart: number;
  chunks: number[];
}

type ItemPlan = { readonly t: "pad" } | { readonly t: "end"; readonly trailing: Uint8Array | undefined } | RunPlan;

/** The layout of one area, computed by {@link planAreas}. @internal */
export interface AreaPlan {
  readonly items: ItemPlan[];
  /** Encoded size, zero fill included. */
  size: number;
  /** Whether an end option is appended (the entries had none). */
  appendEnd: boolean;
  /** Zero bytes after the end option to fill a fixed-size area. */
  fill: number;
}

/**
 * The instance lengths of a run of `total` bytes. `total` is never more
 * than the bytes of a value already encoded, so the default chunking
 * allocates in proportion to the input, never to a count given in it.
 */
function chunksOf(total: number, split: unknown): number[] {
  if (split === undefined) {
    if (total === 0) return [0];
    const out: number[] = [];
    for (let left = total; left > 0; left -= MAX_INSTANCE) out.push(Math.min(left, MAX_INSTANCE));
    return out;
  }
  if (!Array.isArray(split) || split.length === 0) {
    throw new EncodeError(
      "invalid-value",
      `split must be a non-empty array of lengths, got ${describe(split)}`,
      "split",
    );
  }
  const lens: number[] = [];
  let s = 0;
  for (let i = 0; i < split.length; i++) {
    const n: unknown = split[i];
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > MAX_INSTANCE) {
      throw new EncodeError("out-of-range", `an instance holds 0-255 bytes, got ${describe(n)}`, `split[${i}]`);
    }
    lens.push(n);
    s += n;
  }
  if (s !== total)
    throw new EncodeError("invalid-value", `split adds up to ${s} bytes, the value has ${total}`, "split");
  return lens;
}

/**
 * The bytes of one entry's value: its raw `data`, or its declared layout
 * encoded once into `scratch` (returned as the offset and length there,
 * since the scratch may still grow). Each field of the entry is read once.
 */
function encodeBody(
  o: { code: number; data?: unknown },
  code: number,
  def: OptionDef | undefined,
  scratch: Writer,
  depth: number,
): Uint8Array | number {
  const data = o.data;
  if (isRawData(data, def)) return data;
  if (def === undefined) throw noLayout(code);
  const start = scratch.pos;
  encoderOf(def.body)(scratch, o, depth);
  return start;
}

/**
 * Validates the entries of `given` (in RFC 3396 order) and lays out each
 * value's instances. `firstAreaOnly` names codes that may appear only in
 * the first area (option overload); `more`, called once the given areas are
 * read, returns the areas that follow them (it looks up values encoded so
 * far by code). Every entry and every field of it is read once: the values
 * are encoded while planning.
 * @internal
 */
export function planAreas(
  given: readonly AreaInput[],
  table: OptionTable,
  depth: number,
  firstAreaOnly: ReadonlySet<number> = new Set(),
  more?: (encodedValue: (code: number) => Uint8Array | undefined) => readonly AreaInput[],
): AreaPlan[] {
  if (depth >= MAX_ENCODE_DEPTH) throw new EncodeError("depth-exceeded", "options nested too deep (or cyclic)");
  const values = new Map<number, ValuePlan>();
  /** Bytes the continuation entries of each code carry: summed, never allocated, until checked against the value. */
  const contTotals = new Map<number, number>();
  // Declared values are encoded here; their views are taken once it stops growing.
  const scratch = new Writer(new Uint8Array(256));
  const encoded: { at: number; len: number; value: { bytes: Uint8Array } }[] = [];
  const areas = [...given];
  const planArea = (area: AreaInput, ai: number): AreaPlan => {
    const list = area.list;
    if (!Array.isArray(list)) {
      throw new EncodeError("invalid-value", `expected an array of options, got ${describe(list)}`, area.name);
    }
    const items: ItemPlan[] = [];
    let prevCode = -1;
    const count = list.length;
    for (let i = 0; i < count; i++) {
      const o: unknown = list[i];
      let def: OptionDef | undefined;
      try {
        const code = entryCode(o, DHCPV4_OPTION_FORMAT);
        if (code === 0) {
          items.push({ t: "pad" });
          prevCode = -1;
          continue;
        }
        if (code === 255) {
          if (i !== count - 1) throw new EncodeError("invalid-value", "the end option (255) must be the last entry");
          const trailing = (o as EndOption).trailing;
          if (trailing !== undefined) {
            try {
              checkBytes(trailing);
            } catch (e) {
              throw prefix(e, "trailing");
            }
          }
          items.push({ t: "end", trailing });
          continue;
        }
        def = table[code];
        if (ai > 0 && firstAreaOnly.has(code)) {
          throw new EncodeError("invalid-value", `option ${code} may appear only in ${(areas[0] as AreaInput).name}`);
        }
        const entry = o as { code: number; data?: unknown; continuation?: unknown; split?: unknown };
        const n = entry.continuation;
        if (n !== undefined) {
          const value = values.get(code);
          if (value === undefined) {
            throw new EncodeError("invalid-value", `a continuation of option ${code} comes before the option itself`);
          }
          if (prevCode === code) {
            throw new EncodeError(
              "invalid-value",
              `a continuation of option ${code} right after an instance of it would join that run: list both in one split`,
            );
          }
          if (typeof n !== "number" || !Number.isInteger(n) || n < 0) {
            throw new EncodeError(
              "invalid-value",
              `continuation must be a byte count, got ${describe(n)}`,
              "continuation",
            );
          }
          // The instances are laid out once the count is checked against the value (below).
          const run: RunPlan = {
            value,
            total: n,
            split: entry.split,
            path: joinPath(area.name, segment(i, def)),
            bodyStart: 0,
            chunks: [],
          };
          value.runs.push(run);
          contTotals.set(code, (contTotals.get(code) ?? 0) + n);
          items.push(run);
        } else {
          if (values.has(code)) {
            throw new EncodeError(
              "invalid-value",
              `option ${code} appears twice; RFC 3396 joins all instances of a code into one value, so give the whole value in one entry (and place later instances with continuation entries)`,
            );
          }
          const split = entry.split;
          const body = encodeBody(entry, code, def, scratch, depth + 1);
          const value: ValuePlan = {
            code,
            bytes: typeof body === "number" ? EMPTY : body,
            path: joinPath(area.name, segment(i, def)),
            runs: [],
          };
          if (typeof body === "number") encoded.push({ at: body, len: scratch.pos - body, value });
          const run: RunPlan = { value, total: -1, split, path: value.path, bodyStart: 0, chunks: [] };
          value.runs.push(run);
          values.set(code, value);
          items.push(run);
        }
        prevCode = code;
      } catch (e) {
        throw prefix(e, joinPath(area.name, segment(i, def)));
      }
    }
    return { items, size: 0, appendEnd: false, fill: 0 };
  };
  const plans = areas.map(planArea);
  if (more !== undefined) {
    // The areas that follow depend on values of the first (option overload),
    // which are taken from the entries already read rather than read again.
    const encodedValue = (code: number): Uint8Array | undefined => {
      const value = values.get(code);
      if (value === undefined) return undefined;
      const e = encoded.find((x) => x.value === value);
      return e === undefined ? value.bytes : scratch.b.subarray(e.at, e.at + e.len);
    };
    for (const area of more(encodedValue)) {
      areas.push(area);
      plans.push(planArea(area, areas.length - 1));
    }
  }
  for (const e of encoded) (e.value as { bytes: Uint8Array }).bytes = scratch.b.subarray(e.at, e.at + e.len);
  for (const [code, value] of values) {
    const len = value.bytes.length;
    const carried = contTotals.get(code) ?? 0;
    // Compared as numbers before any instance is laid out: a count of 2^53
    // is rejected here, never turned into an array of 255-byte chunks.
    if (carried > len) {
      throw new EncodeError(
        "invalid-value",
        `continuation entries of option ${code} carry more bytes than its whole value (${len})`,
        value.path,
      );
    }
    const [first, ...rest] = value.runs as [RunPlan, ...RunPlan[]];
    try {
      first.chunks = chunksOf(len - carried, first.split);
    } catch (e) {
      throw prefix(e, value.path);
    }
    let at = len - carried;
    for (const run of rest) {
      try {
        run.chunks = chunksOf(run.total, run.split);
      } catch (e) {
        throw prefix(e, run.path);
      }
      run.bodyStart = at;
      at += run.total;
    }
  }
  plans.forEach((plan, ai) => {
    const area = areas[ai] as AreaInput;
    let size = 0;
    for (const item of plan.items) {
      if ("t" in item) size += item.t === "pad" ? 1 : 1 + (item.trailing?.length ?? 0);
      else for (const c of item.chunks) size += 2 + c;
    }
    const last = plan.items[plan.items.length - 1];
    if (last === undefined || !("t" in last) || last.t !== "end") {
      plan.appendEnd = true;
      size += 1;
    }
    if (area.fixed >= 0) {
      if (size > area.fixed) {
        throw new EncodeError("too-long", `the options take ${size} bytes, the field holds ${area.fixed}`, area.name);
      }
      plan.fill = area.fixed - size;
      size = area.fixed;
    }
    plan.size = size;
  });
  return plans;
}

const EMPTY = new Uint8Array(0);

/** Writes one planned area at `w.pos`, which has room for `plan.size` bytes. @internal */
export function writeArea(w: Writer, plan: AreaPlan): void {
  const b = w.b;
  for (const item of plan.items) {
    if ("t" in item) {
      if (item.t === "pad") w.u8(0);
      else {
        w.u8(255);
        if (item.trailing) w.bytes(item.trailing);
      }
      continue;
    }
    const value = item.value;
    const code = value.code;
    const bytes = value.bytes;
    let at = item.bodyStart;
    for (const c of item.chunks) {
      w.u8(code);
      w.u8(c);
      w.bytes(bytes.subarray(at, at + c));
      at += c;
    }
  }
  if (plan.appendEnd) w.u8(255);
  // Zero explicitly: encodeInto may be given a buffer that is not.
  b.fill(0, w.pos, w.pos + plan.fill);
  w.pos += plan.fill;
}

/**
 * A single DHCPv4 option area filling the rest of its region: pad, end and
 * RFC 3396 split instances within it (see the module notes for the
 * decoded form). Entering it counts one level of nesting.
 * @internal
 */
export function optionArea<T>(space: string, table: () => OptionTable): Codec<T[]> {
  return {
    kind: { type: "options8", space, table, area: true },
    fixed: -1,
    read(r) {
      const depth = r.depth;
      if (depth >= r.opts.maxDepth) {
        throw new DecodeError("depth-exceeded", r.pos, `options nested deeper than maxDepth ${r.opts.maxDepth}`);
      }
      r.depth = depth + 1;
      const defs = table();
      const scanned = scanArea(r, "", r.pos, r.end, defs);
      const [out] = decodeAreas(r, [scanned], defs) as [T[]];
      r.pos = r.end;
      r.depth = depth;
      return out;
    },
    size(v, depth) {
      const [plan] = planAreas([{ name: "", list: v, fixed: -1 }], table(), depth) as [AreaPlan];
      return plan.size;
    },
    write(w, v) {
      const [plan] = planAreas([{ name: "", list: v, fixed: -1 }], table(), 0) as [AreaPlan];
      writeArea(w, plan);
    },
  };
}
