/**
 * Option declarations and the DHCPv6-style option list (2-byte code,
 * 2-byte length) derived from them.
 * @module
 */
import { DecodeError, EncodeError } from "../errors.js";
import { optionSegment } from "../wire/path.js";
import type { Reader } from "../wire/reader.js";
import { describe, type Writer } from "../wire/writer.js";
import {
  type AnyCodec,
  type Codec,
  compiledOnce,
  type Encoder,
  encoderOf,
  ensureCapacity,
  type Fields,
  isPlain,
  MAX_ENCODE_DEPTH,
  prefix,
  type Simplify,
  type Skipper,
  type StructCodec,
  type StructValue,
  skipperOf,
  struct,
} from "./codec.js";

/** One option layout, declared once; everything else is derived from it. */
export interface OptionDef<Code extends number = number, Name extends string = string, F extends Fields = Fields> {
  /** The IANA option code. */
  readonly code: Code;
  /** The RFC's name, without the `OPTION_` prefix. */
  readonly name: Name;
  /** Where the layout is defined, e.g. `"RFC 5007 §4.1.2.5"`. */
  readonly rfc: string;
  /** The option-data layout. */
  readonly body: StructCodec<F>;
}

/**
 * Declares an option layout.
 * @internal
 */
export function defineOption<const Code extends number, const Name extends string, const F extends Fields>(
  code: Code,
  name: Name,
  rfc: string,
  fields: F,
): OptionDef<Code, Name, F> {
  // What the option carries, in words, is kept apart (OPTION_SUMMARIES and
  // the like), so that applications that only decode or encode do not ship it.
  return { code, name, rfc, body: struct(fields) };
}

/** The decoded form of a declared option: its code, then its fields. */
export type OptionValue<D> =
  D extends OptionDef<infer C, string, infer F> ? Simplify<{ code: C } & StructValue<F>> : never;

/**
 * An option kept as bytes: every code without a declaration, any option
 * given as raw bytes to the encoder, and (with `keepMalformedOptions`) a
 * declared option whose body did not decode.
 */
export interface RawOption {
  /** The option code. */
  code: number;
  /** The option-data, a view of the input when decoded. */
  data: Uint8Array;
  /** Set when a declared option's body failed to decode: the DecodeError message. */
  malformed?: string;
}

/** Looks up declarations by code; a dense array indexed by code. */
export type OptionTable = readonly (OptionDef | undefined)[];

/** Builds the dense lookup table from a list of declarations. @internal */
export function tableOf(defs: readonly OptionDef[]): OptionTable {
  const t: (OptionDef | undefined)[] = [];
  for (const d of defs) {
    if (t[d.code]) throw new Error(`option ${d.code} declared twice`);
    t[d.code] = d;
  }
  return t;
}

/** True when an option value is to be written as raw bytes. */
function isRaw(o: { data?: unknown }, def: OptionDef | undefined): boolean {
  return o.data instanceof Uint8Array && (def === undefined || !("data" in def.body.fields));
}

/**
 * A list of options with 2-byte code and 2-byte length (RFC 8415 §21.1),
 * filling the rest of its region, in wire order with repeats and unknown
 * codes kept. Each list entered counts one level of nesting.
 * @internal
 */
export function optionList<T>(space: string, table: () => OptionTable): Codec<T[]> {
  // Body encoders by code, and whether the layout has a field named `data`
  // (then `data` is not the raw form), built on first use (the table is
  // late-bound).
  let bodyEncoders: (Encoder | undefined)[] | undefined;
  const dataField: boolean[] = [];
  const encodersOf = (defs: OptionTable): (Encoder | undefined)[] => {
    const out: (Encoder | undefined)[] = [];
    for (const d of defs) {
      if (d === undefined) continue;
      out[d.code] = encoderOf(d.body);
      dataField[d.code] = "data" in d.body.fields;
    }
    bodyEncoders = out;
    return out;
  };
  /** Validates and writes the list in one pass (see `Encoder` in codec.ts); the same errors as `size`. */
  const encode: Encoder = (w, v, depth) => {
    if (depth >= MAX_ENCODE_DEPTH) throw new EncodeError("depth-exceeded", "options nested too deep (or cyclic)");
    if (!Array.isArray(v)) throw new EncodeError("invalid-value", `expected an array of options, got ${describe(v)}`);
    const defs = table();
    const encoders = bodyEncoders ?? encodersOf(defs);
    for (let i = 0; i < v.length; i++) {
      const o = v[i] as { code?: unknown; data?: unknown };
      let def: OptionDef | undefined;
      try {
        if (typeof o !== "object" || o === null) {
          throw new EncodeError("invalid-value", `expected an option object, got ${describe(o)}`);
        }
        const code = o.code;
        if (typeof code !== "number" || !Number.isInteger(code) || code < 0 || code > 0xffff) {
          throw new EncodeError("out-of-range", `option code must be 0-65535, got ${describe(code)}`).prefixPath(
            "code",
          );
        }
        def = defs[code];
        ensureCapacity(w, 4);
        const start = w.pos;
        w.pos = start + 4;
        if (o.data instanceof Uint8Array && (def === undefined || dataField[code] !== true)) {
          const data = o.data as Uint8Array;
          ensureCapacity(w, data.length);
          w.b.set(data, w.pos);
          w.pos += data.length;
        } else if (def === undefined) {
          throw new EncodeError("invalid-value", `option ${code} has no declared layout, so it needs data: Uint8Array`);
        } else {
          (encoders[code] as Encoder)(w, o, depth + 1);
        }
        const len = w.pos - start - 4;
        if (len > 0xffff) throw new EncodeError("too-long", `option-data is ${len} bytes, more than 65535`);
        const b = w.b;
        b[start] = code >>> 8;
        b[start + 1] = code;
        b[start + 2] = len >>> 8;
        b[start + 3] = len;
      } catch (e) {
        throw prefix(e, optionSegment(i, def?.name));
      }
    }
  };
  // What the reader needs of each declared code, built on first use (the
  // table is late-bound): one lookup per option, where reading the
  // declaration's body, its sizes and its list step (a WeakMap lookup, 3%
  // of a decode of M2 in the profile) took several. Measured (bench A/B,
  // CPU time, medians of 15 rounds): decode of M2 0.98x, of M1 0.96x the
  // time before, about the size of the noise.
  let readPlans: (ReadPlan | undefined)[] | undefined;
  const prepareRead = (defs: OptionTable): (ReadPlan | undefined)[] => {
    const out: (ReadPlan | undefined)[] = [];
    for (const d of defs) {
      if (d === undefined) continue;
      const body = d.body;
      out[d.code] = {
        def: d,
        fixed: body.fixed,
        min: body.fixed >= 0 ? body.fixed : body.minSize,
        step: body.fixed >= 0 ? 0 : body.itemStep,
      };
    }
    readPlans = out;
    return out;
  };
  const codec: Codec<T[]> = {
    kind: { type: "options", space, table },
    fixed: -1,
    encoder: encode,
    skipper: compiledOnce(() => optionListSkipper(codec, table)),
    read(r: Reader): T[] {
      const depth = r.depth;
      if (depth >= r.opts.maxDepth) {
        throw new DecodeError("depth-exceeded", r.pos, `options nested deeper than maxDepth ${r.opts.maxDepth}`);
      }
      r.depth = depth + 1;
      const plans = readPlans ?? prepareRead(table());
      const out: T[] = [];
      const b = r.b;
      for (let i = 0; r.pos < r.end; i++) {
        const start = r.pos;
        let def: OptionDef | undefined;
        try {
          r.need(4, "option header");
          const code = ((b[start] as number) << 8) | (b[start + 1] as number);
          const len = ((b[start + 2] as number) << 8) | (b[start + 3] as number);
          const plan = plans[code];
          def = plan?.def;
          r.pos = start + 4;
          if (r.end - r.pos < len) {
            const atInputEnd = r.end === r.inputEnd;
            throw new DecodeError(
              atInputEnd ? "truncated" : "length-mismatch",
              start + 2,
              `option-len ${len} runs past the ${atInputEnd ? "input" : "enclosing length"} (${r.end - r.pos} byte(s) left)`,
            );
          }
          const bodyEnd = r.pos + len;
          if (plan === undefined || def === undefined) {
            out.push({ code, data: b.subarray(r.pos, bodyEnd) } as T);
            r.pos = bodyEnd;
            continue;
          }
          const step = plan.step;
          if (plan.fixed >= 0 ? len !== plan.fixed : len < plan.min || (step > 0 && (len - plan.min) % step !== 0)) {
            if (!r.opts.keepMalformedOptions) {
              throw new DecodeError(
                "length-mismatch",
                start + 2,
                plan.fixed >= 0
                  ? `${def.name} is ${plan.fixed} byte(s), option-len says ${len}`
                  : len < plan.min
                    ? `${def.name} needs at least ${plan.min} byte(s), option-len says ${len}`
                    : `${def.name} is ${plan.min} byte(s) plus ${step}-byte items, option-len says ${len}`,
              );
            }
            out.push(malformed(code, b, start, bodyEnd, `option-len ${len} does not fit the ${def.name} layout`) as T);
            r.pos = bodyEnd;
            continue;
          }
          const savedEnd = r.end;
          const savedInputEnd = r.inputEnd;
          r.end = bodyEnd;
          r.inputEnd = -1;
          const o: Record<string, unknown> = { code };
          try {
            def.body.readInto(r, o);
            if (r.pos !== bodyEnd) {
              throw new DecodeError(
                "length-mismatch",
                r.pos,
                `${bodyEnd - r.pos} byte(s) left over after the ${def.name} layout (option-len ${len})`,
              );
            }
          } catch (e) {
            r.end = savedEnd;
            r.inputEnd = savedInputEnd;
            if (!(r.opts.keepMalformedOptions && e instanceof DecodeError)) throw e;
            r.depth = depth + 1;
            out.push(malformed(code, b, start, bodyEnd, e.message) as T);
            r.pos = bodyEnd;
            continue;
          }
          r.end = savedEnd;
          r.inputEnd = savedInputEnd;
          out.push(o as T);
        } catch (e) {
          throw prefix(e, optionSegment(i, def?.name));
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
        const o = v[i] as { code?: unknown; data?: unknown };
        let def: OptionDef | undefined;
        try {
          if (typeof o !== "object" || o === null) {
            throw new EncodeError("invalid-value", `expected an option object, got ${describe(o)}`);
          }
          const code = o.code;
          if (typeof code !== "number" || !Number.isInteger(code) || code < 0 || code > 0xffff) {
            throw new EncodeError("out-of-range", `option code must be 0-65535, got ${describe(code)}`).prefixPath(
              "code",
            );
          }
          def = defs[code];
          let len: number;
          if (isRaw(o, def)) len = (o.data as Uint8Array).length;
          else if (def === undefined) {
            throw new EncodeError(
              "invalid-value",
              `option ${code} has no declared layout, so it needs data: Uint8Array`,
            );
          } else len = def.body.size(o as never, depth + 1);
          if (len > 0xffff) throw new EncodeError("too-long", `option-data is ${len} bytes, more than 65535`);
          total += 4 + len;
        } catch (e) {
          throw prefix(e, optionSegment(i, def?.name));
        }
      }
      return total;
    },
    write(w: Writer, v: T[]): void {
      const defs = table();
      const b = w.b;
      for (let i = 0; i < v.length; i++) {
        const o = v[i] as { code: number; data?: unknown };
        const def = defs[o.code];
        const start = w.pos;
        b[start] = o.code >>> 8;
        b[start + 1] = o.code;
        w.pos = start + 4;
        if (isRaw(o, def)) w.bytes(o.data as Uint8Array);
        else (def as OptionDef).body.write(w, o as never);
        // Back-patch the length: the size pass already bounded it to 65535.
        const len = w.pos - start - 4;
        b[start + 2] = len >>> 8;
        b[start + 3] = len;
      }
    },
  };
  return codec;
}

/**
 * The skipper of an option list `codec` over `table`: a plan per declared
 * code, built on first use (the table is late-bound): the option-len rule,
 * then where the nested list of an encapsulating option (CLIENT_DATA,
 * IA_NA, IAADDR, ...) starts in its body, walked by this same closure, or
 * else the body's skipper (null when the option-len check is all the body
 * needs). One object per code keeps the hot loop to one lookup; reading
 * def.body.fixed and minSize per option instead was 16% of a scan of M2.
 */
function optionListSkipper(codec: AnyCodec, table: () => OptionTable): Skipper {
  // Built on the first call, not with the skipper: a body's skipper may
  // be this one (a nested list), which is being compiled then.
  let plans: (SkipPlan | undefined)[] | undefined;
  const prepare = (defs: OptionTable): (SkipPlan | undefined)[] => {
    const out: (SkipPlan | undefined)[] = [];
    for (const d of defs) {
      if (d === undefined) continue;
      const shape = d.body.shape;
      const fixed = d.body.fixed;
      out[d.code] = {
        exact: fixed >= 0,
        min: fixed >= 0 ? fixed : d.body.minSize,
        listAt: shape !== undefined && shape.lastField === codec ? shape.primitiveBytes : -1,
        body: isPlain(d.body) ? null : skipperOf(d.body),
      };
    }
    plans = out;
    return out;
  };
  const skip: Skipper = (b, p, end, depth, opts) => {
    if (depth >= opts.maxDepth) return -1;
    const byCode = plans ?? prepare(table());
    while (p < end) {
      if (end - p < 4) return -1;
      const s = p + 4;
      const e = s + (((b[p + 2] as number) << 8) | (b[p + 3] as number));
      if (e > end) return -1;
      const plan = byCode[((b[p] as number) << 8) | (b[p + 1] as number)];
      if (plan !== undefined) {
        const len = e - s;
        let ok = plan.exact ? len === plan.min : len >= plan.min;
        if (ok) {
          if (plan.listAt >= 0) {
            // An empty nested list (the usual IAADDR) needs only the depth
            // check the reader makes on entering it, not a call.
            // Measured (bench A/B, CPU time, medians of 15 rounds): scan
            // of a CLIENT_DATA of 100 IAADDR 0.66x to 0.71x; M2 unchanged.
            ok = s + plan.listAt === e ? depth + 1 < opts.maxDepth : skip(b, s + plan.listAt, e, depth + 1, opts) === e;
          } else if (plan.body !== null) ok = plan.body(b, s, e, depth + 1, opts) === e;
        }
        // A malformed body is kept as raw bytes when the options allow it.
        if (!ok && !opts.keepMalformedOptions) return -1;
      }
      p = e;
    }
    return end;
  };
  return skip;
}

/**
 * The granularity of a body whose fixed fields end in a list of fixed-size
 * items (ORO's 2-byte codes, LQ_CLIENT_LINK's 16-byte addresses): option-len
 * minus the fixed part must be a multiple of it. 0 when there is no such
 * list. Checking it up front makes a wrong option-len of such an option fail
 * at the option-len field, like every other option-len that disagrees with
 * its layout, rather than inside the list at a half item.
 * @internal
 */
export function listStep(body: StructCodec<Fields>): number {
  return body.itemStep;
}

/** How the reader of an option list checks and builds one declared code. */
interface ReadPlan {
  readonly def: OptionDef;
  /** The body's exact size, or -1. */
  readonly fixed: number;
  readonly min: number;
  readonly step: number;
}

/** How the skipper of an option list checks one declared code. */
interface SkipPlan {
  /** option-len must equal `min` (a fixed layout), or be at least `min`. */
  readonly exact: boolean;
  readonly min: number;
  /** Offset of the nested option list in the body, or -1. */
  readonly listAt: number;
  readonly body: Skipper | null;
}

function malformed(code: number, b: Uint8Array, start: number, end: number, why: string): RawOption {
  return { code, data: b.subarray(start + 4, end), malformed: why };
}
