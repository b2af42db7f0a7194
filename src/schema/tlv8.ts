/**
 * The DHCPv4 sub-option list: 1-byte code, 1-byte length TLVs filling their
 * region, with no pad or end (RFC 3046 §2.0 Relay Agent Information
 * sub-options), derived from option declarations like the DHCPv6 list.
 * @module
 */
import { DecodeError, EncodeError } from "../errors.js";
import { optionSegment } from "../wire/path.js";
import type { Reader, ReaderOptions } from "../wire/reader.js";
import { describe, type Writer } from "../wire/writer.js";
import { type Codec, compiledOnce, isPlain, MAX_ENCODE_DEPTH, prefix, type Skipper, skipperOf } from "./codec.js";
import { listStep, type OptionDef, type OptionTable, type RawOption } from "./option.js";

/** True when an entry is written from its raw `data` rather than its fields. @internal */
export function isRawEntry(o: { data?: unknown }, def: OptionDef | undefined): boolean {
  return o.data instanceof Uint8Array && (def === undefined || !("data" in def.body.fields));
}

/** Path segment of an entry: `[i](name)` for a declared code, `[i]` otherwise. @internal */
export function segment(i: number, def: OptionDef | undefined): string {
  return optionSegment(i, def?.name);
}

/**
 * Reads one declared body of `len` bytes at `r.pos` (already bounded by the
 * caller), or keeps it raw when `keepMalformedOptions` is set and it does not
 * fit. `lenAt` is the offset of the length byte, for size errors.
 * @internal
 */
export function readBody(r: Reader, def: OptionDef, code: number, len: number, lenAt: number): unknown {
  const body = def.body;
  const start = r.pos;
  const end = start + len;
  const step = body.fixed >= 0 ? 0 : listStep(body);
  if (body.fixed >= 0 ? len !== body.fixed : len < body.minSize || (step > 0 && (len - body.minSize) % step !== 0)) {
    const why =
      body.fixed >= 0
        ? `${def.name} is ${body.fixed} byte(s), its length says ${len}`
        : len < body.minSize
          ? `${def.name} needs at least ${body.minSize} byte(s), its length says ${len}`
          : `${def.name} is ${body.minSize} byte(s) plus ${step}-byte items, its length says ${len}`;
    if (!r.opts.keepMalformedOptions) throw new DecodeError("length-mismatch", lenAt, why);
    r.pos = end;
    return { code, data: r.b.subarray(start, end), malformed: why } satisfies RawOption;
  }
  const savedEnd = r.end;
  const savedInputEnd = r.inputEnd;
  const depth = r.depth;
  r.end = end;
  r.inputEnd = -1;
  const o: Record<string, unknown> = { code };
  try {
    body.readInto(r, o);
    if (r.pos !== end) {
      throw new DecodeError(
        "length-mismatch",
        r.pos,
        `${end - r.pos} byte(s) left over after the ${def.name} layout (length ${len})`,
      );
    }
  } catch (e) {
    r.end = savedEnd;
    r.inputEnd = savedInputEnd;
    r.depth = depth;
    if (!(r.opts.keepMalformedOptions && e instanceof DecodeError)) throw e;
    r.pos = end;
    return { code, data: r.b.subarray(start, end), malformed: e.message } satisfies RawOption;
  }
  r.end = savedEnd;
  r.inputEnd = savedInputEnd;
  return o;
}

/**
 * Validates one entry's body and returns its encoded size (raw `data`, or
 * the declared layout). @internal
 */
export function bodySize(o: { code: number; data?: unknown }, def: OptionDef | undefined, depth: number): number {
  if (isRawEntry(o, def)) return (o.data as Uint8Array).length;
  if (def === undefined) {
    throw new EncodeError("invalid-value", `option ${o.code} has no declared layout, so it needs data: Uint8Array`);
  }
  return def.body.size(o as never, depth);
}

/** Throws unless `o` is an object whose `code` is 0-255. @internal */
export function checkCode8(o: unknown): asserts o is { code: number; data?: unknown } {
  codeOf8(o);
}

/** The `code` of an entry, read once; throws unless `o` is an object whose `code` is 0-255. @internal */
export function codeOf8(o: unknown): number {
  if (typeof o !== "object" || o === null) {
    throw new EncodeError("invalid-value", `expected an option object, got ${describe(o)}`);
  }
  const code = (o as { code?: unknown }).code;
  if (typeof code !== "number" || !Number.isInteger(code) || code < 0 || code > 255) {
    throw new EncodeError("out-of-range", `option code must be 0-255, got ${describe(code)}`).prefixPath("code");
  }
  return code;
}

/**
 * A list of sub-options with 1-byte code and 1-byte length filling the rest
 * of its region, in wire order with repeats and unknown codes kept as
 * `{ code, data }`. Entering the list counts one level of nesting.
 * @internal
 */
export function subOptionList<T>(space: string, table: () => OptionTable): Codec<T[]> {
  return {
    kind: { type: "options8", space, table, area: false },
    fixed: -1,
    skipper: compiledOnce(() => subOptionSkipper(table)),
    read(r: Reader): T[] {
      const depth = r.depth;
      if (depth >= r.opts.maxDepth) {
        throw new DecodeError("depth-exceeded", r.pos, `options nested deeper than maxDepth ${r.opts.maxDepth}`);
      }
      r.depth = depth + 1;
      const defs = table();
      const b = r.b;
      const out: T[] = [];
      for (let i = 0; r.pos < r.end; i++) {
        const start = r.pos;
        const code = b[start] as number;
        const def = defs[code];
        try {
          // Checked inline first: the reasons are built only for an error
          // (a template per sub-option was a measurable part of a decode).
          const end = r.end;
          const len = start + 2 <= end ? (b[start + 1] as number) : -1;
          if (len < 0 || start + 2 + len > end) {
            r.pos = start + 1;
            r.need(1, "sub-option length");
            r.need(1 + (b[start + 1] as number), `sub-option length ${b[start + 1]}:`);
          }
          r.pos = start + 2;
          if (def === undefined) {
            out.push({ code, data: b.subarray(r.pos, r.pos + len) } as T);
            r.pos += len;
          } else {
            out.push(readBody(r, def, code, len, start + 1) as T);
          }
        } catch (e) {
          throw prefix(e, segment(i, def));
        }
      }
      r.depth = depth;
      return out;
    },
    size(v: T[], depth: number): number {
      if (depth >= MAX_ENCODE_DEPTH) throw new EncodeError("depth-exceeded", "options nested too deep (or cyclic)");
      if (!Array.isArray(v)) throw new EncodeError("invalid-value", `expected an array of options, got ${describe(v)}`);
      const defs = table();
      let total = 0;
      for (let i = 0; i < v.length; i++) {
        const o: unknown = v[i];
        let def: OptionDef | undefined;
        try {
          checkCode8(o);
          def = defs[o.code];
          const len = bodySize(o, def, depth + 1);
          if (len > 255) throw new EncodeError("too-long", `sub-option data is ${len} bytes, more than 255`);
          total += 2 + len;
        } catch (e) {
          throw prefix(e, segment(i, def));
        }
      }
      return total;
    },
    write(w: Writer, v: T[]): void {
      const defs = table();
      const b = w.b;
      for (const item of v) {
        const o = item as { code: number; data?: unknown };
        const def = defs[o.code];
        const start = w.pos;
        b[start] = o.code;
        w.pos = start + 2;
        if (isRawEntry(o, def)) w.bytes(o.data as Uint8Array);
        else (def as OptionDef).body.write(w, o as never);
        // Back-patch the length: the size pass bounded it to 255.
        b[start + 1] = w.pos - start - 2;
      }
    },
  };
}

/** The skipper of a sub-option list over `table`. */
function subOptionSkipper(table: () => OptionTable): Skipper {
  // Built on the first call: the table is late-bound, and a body's skipper
  // may be this one.
  let plans: readonly (BodyPlan | undefined)[] | undefined;
  return (b, p, end, depth, opts) => {
    if (depth >= opts.maxDepth) return -1;
    plans ??= bodyPlans(table());
    while (p < end) {
      if (end - p < 2) return -1;
      const s = p + 2;
      const e = s + (b[p + 1] as number);
      if (e > end) return -1;
      const plan = plans[b[p] as number];
      // A malformed body is kept as raw bytes when the options allow it.
      if (plan !== undefined && !bodyFits(plan, b, s, e, depth + 1, opts) && !opts.keepMalformedOptions) return -1;
      p = e;
    }
    return end;
  };
}

/**
 * What a skipper checks of one declared body, as {@link readBody} does: the
 * length rule, then the body's own skipper (null when the length rule is
 * all a plain layout needs).
 * @internal
 */
export interface BodyPlan {
  readonly exact: boolean;
  readonly min: number;
  readonly step: number;
  readonly body: Skipper | null;
}

/** One {@link BodyPlan} per declared code of `table`. @internal */
export function bodyPlans(table: OptionTable): (BodyPlan | undefined)[] {
  const out: (BodyPlan | undefined)[] = [];
  for (const d of table) {
    if (d === undefined) continue;
    const body = d.body;
    const exact = body.fixed >= 0;
    out[d.code] = {
      exact,
      min: exact ? body.fixed : body.minSize,
      step: exact ? 0 : listStep(body),
      body: isPlain(body) ? null : skipperOf(body),
    };
  }
  return out;
}

/** Whether the body at `[s, e)` reads without error at `depth`, as {@link readBody} would. @internal */
export function bodyFits(
  plan: BodyPlan,
  b: Uint8Array,
  s: number,
  e: number,
  depth: number,
  opts: ReaderOptions,
): boolean {
  const len = e - s;
  if (plan.exact ? len !== plan.min : len < plan.min || (plan.step > 0 && (len - plan.min) % plan.step !== 0)) {
    return false;
  }
  return plan.body === null || plan.body(b, s, e, depth, opts) === e;
}
