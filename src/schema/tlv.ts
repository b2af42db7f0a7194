/**
 * The TLV list: entries of code, length and data filling their region, in
 * wire order with repeats and unknown codes kept, declared by an option
 * table and parameterised by the widths of the code and length fields
 * ({@link TlvFormat}). The DHCPv6 option list (RFC 8415 §21.1) and the
 * DHCPv4 sub-option list (RFC 3046 §2.0, no pad or end) are both this list.
 * @module
 */
import { DecodeError, EncodeError } from "../errors.js";
import type { Reader } from "../wire/reader.js";
import { describe, type Writer } from "../wire/writer.js";
import {
  type AnyCodec,
  type Codec,
  compiledOnce,
  type Encoder,
  encoderOf,
  ensureCapacity,
  type Kind,
  MAX_ENCODE_DEPTH,
  prefix,
  type Skipper,
} from "./codec.js";
import type { OptionDef, OptionTable } from "./option.js";
import {
  type BodyPlan,
  bodyPlans,
  bodySize,
  checkedCode,
  entryCode,
  isRawEntry,
  lengthFits,
  noLayout,
  notAnEntry,
  readBody,
  segment,
} from "./tlv-entry.js";
import { DHCPV4_OPTION_FORMAT, DHCPV6_OPTION_FORMAT, type TlvFormat } from "./tlv-format.js";

/**
 * A list of options with 2-byte code and 2-byte length (RFC 8415 §21.1),
 * filling the rest of its region. Each list entered counts one level of
 * nesting.
 * @throws never itself; the codec's `read` throws DecodeError and its `size` EncodeError.
 * @internal
 */
export function optionList<T>(space: string, table: () => OptionTable): Codec<T[]> {
  return tlvList<T>(DHCPV6_OPTION_FORMAT, { type: "options", space, table }, table);
}

/**
 * A list of sub-options with 1-byte code and 1-byte length filling the
 * rest of its region, with no pad or end (RFC 3046 §2.0). Entering the list
 * counts one level of nesting.
 * @throws never itself; the codec's `read` throws DecodeError and its `size` EncodeError.
 * @internal
 */
export function subOptionList<T>(space: string, table: () => OptionTable): Codec<T[]> {
  return tlvList<T>(DHCPV4_OPTION_FORMAT, { type: "options8", space, table, area: false }, table);
}

/**
 * The TLV list of `format` over the declarations of `table` (late-bound:
 * read on first use), described by `kind`.
 * @throws never itself; the codec's `read` throws DecodeError and its `size` EncodeError.
 * @internal
 */
export function tlvList<T>(format: TlvFormat, kind: Kind, table: () => OptionTable): Codec<T[]> {
  const { codeBytes, lenBytes, maxCode, maxLength } = format;
  const headerBytes = codeBytes + lenBytes;
  const wide = codeBytes === 2;
  const wideLen = lenBytes === 2;

  // The table, looked up on first use (it is late-bound) and kept rather
  // than called for on every list read (see readBody for the measurement).
  let declared: OptionTable | undefined;
  const bind = (): OptionTable => {
    declared = table();
    return declared;
  };

  /** Throws the error of a header cut short at `start`. */
  const shortHeader = (r: Reader, start: number): void => {
    if (format.shortHeader === "length" && r.end - start >= codeBytes) {
      r.pos = start + codeBytes;
      r.need(lenBytes, format.headerWord);
    }
    r.pos = start;
    r.need(headerBytes, format.headerWord);
  };

  const read = (r: Reader): T[] => {
    const depth = r.depth;
    if (depth >= r.opts.maxDepth) {
      throw new DecodeError("depth-exceeded", r.pos, `options nested deeper than maxDepth ${r.opts.maxDepth}`);
    }
    r.depth = depth + 1;
    const defs = declared ?? bind();
    const b = r.b;
    const out: T[] = [];
    for (let i = 0; r.pos < r.end; i++) {
      const start = r.pos;
      let def: OptionDef | undefined;
      try {
        const end = r.end;
        if (end - start < headerBytes) {
          // Named only once its code is complete and the format reports the length field.
          if (format.shortHeader === "length" && end - start >= codeBytes) def = defs[codeAt(wide, b, start)];
          shortHeader(r, start);
        }
        // Inline rather than through codeAt: the loop is the hot path of a decode.
        const code = wide ? ((b[start] as number) << 8) | (b[start + 1] as number) : (b[start] as number);
        const q = start + codeBytes;
        const len = wideLen ? ((b[q] as number) << 8) | (b[q + 1] as number) : (b[q] as number);
        def = defs[code];
        const bodyStart = start + headerBytes;
        if (end - bodyStart < len) {
          const atInputEnd = end === r.inputEnd;
          throw new DecodeError(
            atInputEnd ? "truncated" : "length-mismatch",
            start + codeBytes,
            format.runsPast(len, atInputEnd, end - bodyStart),
          );
        }
        r.pos = bodyStart;
        if (def === undefined) {
          out.push({ code, data: b.subarray(bodyStart, bodyStart + len) } as T);
          r.pos = bodyStart + len;
        } else {
          out.push(readBody(r, def, code, len, start + codeBytes, format) as T);
        }
      } catch (e) {
        throw prefix(e, segment(i, def));
      }
    }
    r.depth = depth;
    return out;
  };

  const size = (v: T[], depth: number): number => {
    checkList(v, depth);
    const defs = table();
    let total = 0;
    for (let i = 0; i < v.length; i++) {
      const o = v[i] as { data?: unknown };
      let def: OptionDef | undefined;
      try {
        const code = entryCode(o, format);
        def = defs[code];
        const len = bodySize(o, code, def, depth + 1);
        if (len > maxLength) throw tooLong(format, len);
        total += headerBytes + len;
      } catch (e) {
        throw prefix(e, segment(i, def));
      }
    }
    return total;
  };

  const write = (w: Writer, v: T[]): void => {
    const defs = table();
    const b = w.b;
    for (let i = 0; i < v.length; i++) {
      const o = v[i] as { code: number; data?: unknown };
      const code = o.code;
      const def = defs[code];
      const start = w.pos;
      putField(b, start, code, wide);
      w.pos = start + headerBytes;
      if (isRawEntry(o, def)) w.bytes(o.data as Uint8Array);
      else (def as OptionDef).body.write(w, o as never);
      // Back-patch the length: the size pass already bounded it.
      putField(b, start + codeBytes, w.pos - start - headerBytes, wideLen);
    }
  };

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
  const encoder: Encoder = (w, v, depth) => {
    checkList(v, depth);
    const defs = table();
    const encoders = bodyEncoders ?? encodersOf(defs);
    for (let i = 0; i < v.length; i++) {
      const o = v[i] as { code?: unknown; data?: unknown };
      let def: OptionDef | undefined;
      try {
        if (typeof o !== "object" || o === null) throw notAnEntry(o);
        const c = o.code;
        // The usual code checked inline (maxCode is all ones); checkedCode throws the exact error otherwise.
        const code = typeof c === "number" && (c & maxCode) === c ? c : checkedCode(c, format);
        def = defs[code];
        ensureCapacity(w, headerBytes);
        const start = w.pos;
        w.pos = start + headerBytes;
        const data = o.data;
        if (data instanceof Uint8Array && (def === undefined || dataField[code] !== true)) {
          ensureCapacity(w, data.length);
          w.b.set(data, w.pos);
          w.pos += data.length;
        } else if (def === undefined) {
          throw noLayout(code);
        } else {
          (encoders[code] as Encoder)(w, o, depth + 1);
        }
        const len = w.pos - start - headerBytes;
        if (len > maxLength) throw tooLong(format, len);
        const b = w.b;
        // Inline rather than through putField: that call made an encode of
        // M2 about 1.1x slower (A/B against the lists this replaced).
        if (wide) {
          b[start] = code >>> 8;
          b[start + 1] = code;
        } else b[start] = code;
        if (wideLen) {
          b[start + codeBytes] = len >>> 8;
          b[start + codeBytes + 1] = len;
        } else b[start + codeBytes] = len;
      } catch (e) {
        throw prefix(e, segment(i, def));
      }
    }
  };

  const codec: Codec<T[]> = {
    kind,
    fixed: -1,
    encoder,
    skipper: compiledOnce(() => tlvSkipper(codec, format, table)),
    read,
    size,
    write,
  };
  return codec;
}

/** The code at `p`: 2 bytes big-endian when `wide`, else 1. */
function codeAt(wide: boolean, b: Uint8Array, p: number): number {
  return wide ? ((b[p] as number) << 8) | (b[p + 1] as number) : (b[p] as number);
}

/** Writes `v` at `p`: 2 bytes big-endian when `wide`, else 1. */
function putField(b: Uint8Array, p: number, v: number, wide: boolean): void {
  if (wide) {
    b[p] = v >>> 8;
    b[p + 1] = v;
  } else b[p] = v;
}

/** Throws unless `v` is an array of entries to encode at `depth`. */
function checkList(v: unknown, depth: number): asserts v is unknown[] {
  if (depth >= MAX_ENCODE_DEPTH) throw new EncodeError("depth-exceeded", "options nested too deep (or cyclic)");
  if (!Array.isArray(v)) throw new EncodeError("invalid-value", `expected an array of options, got ${describe(v)}`);
}

function tooLong(format: TlvFormat, len: number): EncodeError {
  return new EncodeError("too-long", `${format.dataWord} is ${len} bytes, more than ${format.maxLength}`);
}

/** How the skipper of a TLV list checks one declared code. */
interface SkipPlan extends BodyPlan {
  /** Offset of a nested list of this same codec in the body, or -1. */
  readonly listAt: number;
}

/**
 * The skipper of a TLV list `codec` over `table`: a plan per declared
 * code, built on first use (the table is late-bound): the length rule, then
 * where the nested list of an encapsulating option (CLIENT_DATA, IA_NA,
 * IAADDR, ...) starts in its body, walked by this same closure, or else the
 * body's skipper (null when the length check is all the body needs). One
 * object per code keeps the hot loop to one lookup; reading def.body.fixed
 * and minSize per option instead was 16% of a scan of M2.
 */
function tlvSkipper(codec: AnyCodec, format: TlvFormat, table: () => OptionTable): Skipper {
  const { codeBytes, lenBytes } = format;
  const headerBytes = codeBytes + lenBytes;
  const wide = codeBytes === 2;
  const wideLen = lenBytes === 2;
  // Built on the first call, not with the skipper: a body's skipper may
  // be this one (a nested list), which is being compiled then.
  let plans: (SkipPlan | undefined)[] | undefined;
  const prepare = (defs: OptionTable): (SkipPlan | undefined)[] => {
    const bodies = bodyPlans(defs);
    const out: (SkipPlan | undefined)[] = [];
    for (const d of defs) {
      if (d === undefined) continue;
      const shape = d.body.shape;
      const body = bodies[d.code] as BodyPlan;
      // Written out, not spread: plans made by `{ ...body, listAt }` made a
      // scan of M2 1.7x slower (A/B in one process, CPU time, medians of 9).
      out[d.code] = {
        exact: body.exact,
        min: body.min,
        step: body.step,
        body: body.body,
        listAt: shape !== undefined && shape.lastField === codec ? shape.primitiveBytes : -1,
      };
    }
    plans = out;
    return out;
  };
  const skip: Skipper = (b, p, end, depth, opts) => {
    if (depth >= opts.maxDepth) return -1;
    const byCode = plans ?? prepare(table());
    while (p < end) {
      if (end - p < headerBytes) return -1;
      const s = p + headerBytes;
      const q = p + codeBytes;
      const e = s + (wideLen ? ((b[q] as number) << 8) | (b[q + 1] as number) : (b[q] as number));
      if (e > end) return -1;
      const plan = byCode[wide ? ((b[p] as number) << 8) | (b[p + 1] as number) : (b[p] as number)];
      if (plan !== undefined) {
        let ok = lengthFits(plan, e - s);
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
