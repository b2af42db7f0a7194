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
import { joinPath, optionSegment } from "../wire/path.js";
import { Reader } from "../wire/reader.js";
import { checkBytes, describe, Writer } from "../wire/writer.js";
import { MAX_ENCODE_DEPTH, prefix } from "./codec.js";
import type { RawOption } from "./option.js";
import { entryCode, noLayout } from "./tlv-entry.js";
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

/**
 * How the declared bodies of an option area are read and written: the
 * generated functions (src/v4/codecs.generated.ts) for the DHCPv4 message,
 * or the reference interpreter's (`interpretedBodies` in
 * src/schema/option-area-codec.ts) that the tests compare them with.
 * Passed as a parameter: nothing is looked up by codec.
 * @internal
 */
export interface OptionBodies {
  /** The name of each declared code, in error paths; a code without one has no layout. */
  readonly names: Readonly<Record<number, string | undefined>>;
  /**
   * The declared codes whose layout has a `data` field: a Uint8Array
   * `data` of theirs is that field, not raw bytes.
   */
  readonly dataField: Readonly<Record<number, true | undefined>>;
  /**
   * Reads the declared body of `code`, `len` bytes at r.pos bounded by the
   * caller, as the interpreter's `readBody` does (the length error at `lenAt`).
   */
  readonly read: (r: Reader, code: number, len: number, lenAt: number) => object;
  /** Validates and writes the declared body of `code` from the entry `v`. */
  readonly encode: (w: Writer, code: number, v: Record<string, unknown>, depth: number) => void;
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

/** Every pad slot: it carries nothing of its own. */
const PAD_SLOT: Slot = { k: "pad" };

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
export function scanArea(r: Reader, name: string, from: number, to: number, names: OptionBodies["names"]): ScannedArea {
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
        slots.push(PAD_SLOT);
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
        throw prefix(e, joinPath(name, optionSegment(run ? slots.length - 1 : slots.length, names[code])));
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
export function decodeAreas(r: Reader, areas: readonly ScannedArea[], bodies: OptionBodies): unknown[][] {
  const names = bodies.names;
  const runsOf = groupRuns(areas);
  const out: unknown[][] = [];
  for (const a of areas) {
    const slots = a.slots;
    const entries: unknown[] = [];
    for (let i = 0; i < slots.length; i++) {
      const s = slots[i] as Slot;
      if (!isRun(s)) {
        if (s.k === "pad") entries.push({ code: 0 });
        else entries.push(s.trailing.length > 0 ? { code: 255, trailing: s.trailing } : { code: 255 });
        continue;
      }
      const runs = runsOf === undefined ? undefined : (runsOf.get(s.code) as Run[]);
      const split = isDefaultSplit(s) ? undefined : lengthsOf(r.b, s);
      if (runs !== undefined && runs[0] !== s) {
        const c = { code: s.code, continuation: s.total };
        entries.push(split === undefined ? c : { ...c, split });
        continue;
      }
      const declared = names[s.code];
      try {
        // decodeValue returns a fresh object: add to it rather than copy it
        // (the two spreads were about a third of a decode of bench M3).
        const v =
          runs === undefined
            ? decodeValue(r, s, undefined, declared, bodies)
            : decodeValue(r, s, runs, declared, bodies);
        if (split !== undefined) v.split = split;
        entries.push(v);
      } catch (e) {
        throw prefix(e, joinPath(a.name, optionSegment(i, declared)));
      }
    }
    out.push(entries);
  }
  return out;
}

/**
 * Every code's runs across `areas`, in order, when some code has more than
 * one run (RFC 3396 §7 joins them); `undefined` when none does.
 */
function groupRuns(areas: readonly ScannedArea[]): Map<number, Run[]> | undefined {
  // One bit per code met: almost every message has each code in one run,
  // and 32 bytes cost less than a Map and an array per option.
  const seen = [0, 0, 0, 0, 0, 0, 0, 0];
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

/**
 * The value whose first run is `first`; `runs` lists all its runs when a
 * code has more than one in the message (`undefined` means `first` alone).
 */
function decodeValue(
  r: Reader,
  first: Run,
  runs: readonly Run[] | undefined,
  declared: string | undefined,
  bodies: OptionBodies,
): Record<string, unknown> {
  const code = first.code;
  if ((runs === undefined || runs.length === 1) && first.count === 1) {
    const start = first.at + 2;
    const len = first.total;
    if (declared === undefined) return { code, data: r.b.subarray(start, start + len) };
    const savedPos = r.pos;
    const savedEnd = r.end;
    const savedInputEnd = r.inputEnd;
    r.pos = start;
    r.end = start + len;
    r.inputEnd = -1;
    try {
      return bodies.read(r, code, len, first.at + 1) as Record<string, unknown>;
    } finally {
      r.pos = savedPos;
      r.end = savedEnd;
      r.inputEnd = savedInputEnd;
    }
  }
  // RFC 3396 §7: the value is the concatenation of the instances in order.
  const all = runs ?? [first];
  // The copy is bounded by bytes present in the input, and made in one pass
  // into one buffer: no per-instance view, array or intermediate join.
  const b = r.b;
  let total = 0;
  for (const run of all) total += run.total;
  const joined = new Uint8Array(total);
  let k = 0;
  for (const run of all) {
    eachInstance(b, run, (start, len) => {
      for (let j = 0; j < len; j++) joined[k + j] = b[start + j] as number;
      k += len;
    });
  }
  if (declared === undefined) return { code, data: joined };
  // A joined value is read strictly; with keepMalformedOptions the whole
  // value is kept raw when any part of it fails, with input offsets.
  const jr = new Reader(joined, { ...r.opts, keepMalformedOptions: false });
  jr.depth = r.depth;
  try {
    return bodies.read(jr, code, joined.length, -1) as Record<string, unknown>;
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    const offset = e.offset < 0 ? first.at + 1 : mapOffset(b, all, e.offset);
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

/**
 * A value and its first run of instances. Where an entry sits (for error
 * paths) is kept as its area and index: the path text is built only when an
 * error is thrown.
 */
interface ValuePlan {
  readonly code: number;
  /** The declared name of the code; `undefined` when it has no layout. */
  readonly declared: string | undefined;
  readonly area: number;
  readonly index: number;
  /** Where the value's bytes are: its raw `data`, or its scratch's buffer (known once planning ends). */
  src: Uint8Array;
  /** The scratch a declared value was encoded into; `undefined` for raw `data`. */
  readonly scratch: Writer | undefined;
  /** Offset of the value in `src`. */
  from: number;
  /** The value's length; -1 until the scratch it was encoded into stops growing. */
  len: number;
  readonly split: unknown;
  /** Bytes the continuation entries carry: summed, never allocated, until checked against the value. */
  carried: number;
  /** The later runs, in order (RFC 3396 §7); `undefined` when there are none, as almost always. */
  continuations: ContinuationPlan[] | undefined;
  /** Offset in the value of the first byte this run carries: 0 for the first run. */
  bodyStart: number;
  /** Bytes this run carries. */
  total: number;
  /** The run's instance lengths; `undefined` for the default chunking (255-byte instances, then the rest). */
  chunks: number[] | undefined;
}

/** A continuation entry: `total` more bytes of `value`, from `bodyStart`. */
interface ContinuationPlan {
  readonly value: ValuePlan;
  readonly area: number;
  readonly index: number;
  readonly split: unknown;
  bodyStart: number;
  readonly total: number;
  chunks: number[] | undefined;
}

type RunPlan = ValuePlan | ContinuationPlan;

interface PadPlan {
  readonly t: "pad";
}
interface EndPlan {
  readonly t: "end";
  readonly trailing: Uint8Array | undefined;
}

type ItemPlan = PadPlan | EndPlan | RunPlan;

const PAD_PLAN: PadPlan = { t: "pad" };
const END_PLAN: EndPlan = { t: "end", trailing: undefined };

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
 * The instance lengths of a run of `total` bytes given as `split`, or
 * `undefined` for the default chunking (computed when sizing and writing,
 * never allocated: `total` may come from a count in the value).
 */
function chunksOf(total: number, split: unknown): number[] | undefined {
  if (split === undefined) return undefined;
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

/** The wire size of a run: its instances' code and length bytes and the bytes it carries. */
function runSize(run: RunPlan): number {
  const chunks = run.chunks;
  if (chunks !== undefined) return 2 * chunks.length + run.total;
  // Default chunking: 255-byte instances, then the rest; an empty value is one empty instance.
  const count = run.total === 0 ? 1 : Math.ceil(run.total / MAX_INSTANCE);
  return 2 * count + run.total;
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
  bodies: OptionBodies,
  depth: number,
  firstAreaOnly?: ReadonlySet<number>,
  more?: (encodedValue: (code: number) => Uint8Array | undefined) => readonly AreaInput[],
): AreaPlan[] {
  if (depth >= MAX_ENCODE_DEPTH) throw new EncodeError("depth-exceeded", "options nested too deep (or cyclic)");
  const names = bodies.names;
  // The values in order of first appearance (the order their errors are
  // checked in); codes met are one bit each, so that a message whose codes
  // are all different (almost every one) never searches the list.
  const values: ValuePlan[] = [];
  const seen = [0, 0, 0, 0, 0, 0, 0, 0];
  const planOfCode = (code: number): ValuePlan | undefined => {
    if (((seen[code >>> 5] as number) & (1 << (code & 31))) === 0) return undefined;
    for (const v of values) if (v.code === code) return v;
    return undefined;
  };
  // Declared values are encoded into scratch chunks, lazily created; their
  // lengths are known once their chunk stops growing.
  let scratch: Writer | undefined;
  const areas: AreaInput[] = given.slice();
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
      let declared: string | undefined;
      try {
        const code = entryCode(o, DHCPV4_OPTION_FORMAT);
        if (code === 0) {
          items.push(PAD_PLAN);
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
            items.push({ t: "end", trailing });
          } else items.push(END_PLAN);
          continue;
        }
        declared = names[code];
        if (ai > 0 && firstAreaOnly?.has(code) === true) {
          throw new EncodeError("invalid-value", `option ${code} may appear only in ${(areas[0] as AreaInput).name}`);
        }
        const entry = o as { code: number; data?: unknown; continuation?: unknown; split?: unknown };
        const n = entry.continuation;
        if (n !== undefined) {
          const value = planOfCode(code);
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
          const run: ContinuationPlan = {
            value,
            area: ai,
            index: i,
            split: entry.split,
            bodyStart: 0,
            total: n,
            chunks: undefined,
          };
          if (value.continuations === undefined) value.continuations = [run];
          else value.continuations.push(run);
          value.carried += n;
          items.push(run);
        } else {
          const word = code >>> 5;
          const bit = 1 << (code & 31);
          if (((seen[word] as number) & bit) !== 0) {
            throw new EncodeError(
              "invalid-value",
              `option ${code} appears twice; RFC 3396 joins all instances of a code into one value, so give the whole value in one entry (and place later instances with continuation entries)`,
            );
          }
          const split = entry.split;
          const data = entry.data;
          let src: Uint8Array;
          let w: Writer | undefined;
          let from = 0;
          let len: number;
          // Raw bytes unless the layout declares a `data` field of its own.
          if (data instanceof Uint8Array && bodies.dataField[code] !== true) {
            src = data;
            len = data.length;
          } else {
            if (declared === undefined) throw noLayout(code);
            if (scratch === undefined || scratch.b.length - scratch.pos < SCRATCH_SIZE / 2) {
              scratch = new Writer(new Uint8Array(SCRATCH_SIZE));
            }
            from = scratch.pos;
            bodies.encode(scratch, code, entry as Record<string, unknown>, depth + 1);
            src = EMPTY;
            len = -1 - (scratch.pos - from);
            w = scratch;
          }
          const value: ValuePlan = {
            code,
            declared,
            area: ai,
            index: i,
            src,
            scratch: w,
            from,
            len,
            split,
            carried: 0,
            continuations: undefined,
            bodyStart: 0,
            total: 0,
            chunks: undefined,
          };
          seen[word] = (seen[word] as number) | bit;
          values.push(value);
          items.push(value);
        }
        prevCode = code;
      } catch (e) {
        throw prefix(e, joinPath(area.name, optionSegment(i, declared)));
      }
    }
    return { items, size: 0, appendEnd: false, fill: 0 };
  };
  /** The bytes of a planned value (a view of its scratch while it may still grow). */
  const bytesOf = (v: ValuePlan): Uint8Array =>
    v.len < 0 ? (v.scratch as Writer).b.subarray(v.from, v.from - 1 - v.len) : v.src.subarray(v.from, v.from + v.len);
  const plans: AreaPlan[] = [];
  for (let ai = 0; ai < areas.length; ai++) plans.push(planArea(areas[ai] as AreaInput, ai));
  if (more !== undefined) {
    // The areas that follow depend on values of the first (option overload),
    // which are taken from the entries already read rather than read again.
    const encodedValue = (code: number): Uint8Array | undefined => {
      const value = planOfCode(code);
      return value === undefined ? undefined : bytesOf(value);
    };
    for (const area of more(encodedValue)) {
      areas.push(area);
      plans.push(planArea(area, areas.length - 1));
    }
  }
  const pathOf = (run: RunPlan): string => {
    const declared = "declared" in run ? run.declared : run.value.declared;
    return joinPath((areas[run.area] as AreaInput).name, optionSegment(run.index, declared));
  };
  for (const value of values) {
    if (value.len < 0) {
      value.src = (value.scratch as Writer).b;
      value.len = -1 - value.len;
    }
    const len = value.len;
    const carried = value.carried;
    // Compared as numbers before any instance is laid out: a count of 2^53
    // is rejected here, never turned into an array of 255-byte chunks.
    if (carried > len) {
      throw new EncodeError(
        "invalid-value",
        `continuation entries of option ${value.code} carry more bytes than its whole value (${len})`,
        pathOf(value),
      );
    }
    value.total = len - carried;
    try {
      value.chunks = chunksOf(value.total, value.split);
    } catch (e) {
      throw prefix(e, pathOf(value));
    }
    const continuations = value.continuations;
    if (continuations === undefined) continue;
    let at = value.total;
    for (const run of continuations) {
      try {
        run.chunks = chunksOf(run.total, run.split);
      } catch (e) {
        throw prefix(e, pathOf(run));
      }
      run.bodyStart = at;
      at += run.total;
    }
  }
  for (let ai = 0; ai < plans.length; ai++) {
    const plan = plans[ai] as AreaPlan;
    const area = areas[ai] as AreaInput;
    const items = plan.items;
    let size = 0;
    for (let k = 0; k < items.length; k++) {
      const item = items[k] as ItemPlan;
      if ("t" in item) size += item.t === "pad" ? 1 : 1 + (item.trailing?.length ?? 0);
      else size += runSize(item);
    }
    const last = items[items.length - 1];
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
  }
  return plans;
}

const EMPTY = new Uint8Array(0);

/**
 * The size of a scratch chunk that declared values are encoded into; a
 * value starts a new chunk when less than half of one is left (a chunk
 * that grew past it keeps taking values). V8 keeps a typed array of up to
 * 64 bytes on its heap; a larger one is allocated outside it, which costs
 * about 1-2.5 us of wall time on the bench machine against about 25 ns
 * (node 20, `new Uint8Array(n)` in a loop). Measured on an encode of bench
 * M3's DHCPv4 message: from 7.0 to 3.5 us in a wall-clock loop, from about
 * 4.5 to 3.8 us of CPU time in bench/run.ts (medians of 3 runs, with the
 * generated bodies).
 */
const SCRATCH_SIZE = 64;

/** Writes one planned area at `w.pos`, which has room for `plan.size` bytes. @internal */
export function writeArea(w: Writer, plan: AreaPlan): void {
  const b = w.b;
  const items = plan.items;
  let p = w.pos;
  for (let k = 0; k < items.length; k++) {
    const item = items[k] as ItemPlan;
    if ("t" in item) {
      if (item.t === "pad") b[p++] = 0;
      else {
        b[p++] = 255;
        const trailing = item.trailing;
        if (trailing !== undefined) {
          b.set(trailing, p);
          p += trailing.length;
        }
      }
      continue;
    }
    const value = "value" in item ? item.value : item;
    const code = value.code;
    const src = value.src;
    let at = value.from + item.bodyStart;
    const chunks = item.chunks;
    const count = chunks !== undefined ? chunks.length : item.total === 0 ? 1 : Math.ceil(item.total / MAX_INSTANCE);
    let left = item.total;
    for (let c = 0; c < count; c++) {
      const n = chunks !== undefined ? (chunks[c] as number) : Math.min(left, MAX_INSTANCE);
      b[p] = code;
      b[p + 1] = n;
      p += 2;
      for (let j = 0; j < n; j++) b[p + j] = src[at + j] as number;
      p += n;
      at += n;
      left -= n;
    }
  }
  if (plan.appendEnd) b[p++] = 255;
  // Zero explicitly: encodeInto may be given a buffer that is not.
  b.fill(0, p, p + plan.fill);
  w.pos = p + plan.fill;
}
