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
import { type Codec, type Kind, MAX_ENCODE_DEPTH, prefix } from "./codec.js";
import type { OptionDef, OptionTable } from "./option.js";
import { bodySize, entryCode, isRawEntry, readBody, segment } from "./tlv-entry.js";
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
  const { codeBytes, lenBytes, maxLength } = format;
  const headerBytes = codeBytes + lenBytes;
  const wide = codeBytes === 2;
  const wideLen = lenBytes === 2;

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
    // The table is late-bound: looked up when a list is read, not declared.
    const defs = table();
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
        const code = codeAt(wide, b, start);
        const len = codeAt(wideLen, b, start + codeBytes);
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

  return { kind, fixed: -1, read, size, write };
}

/** The code (or length) at `p`: 2 bytes big-endian when `wide`, else 1. */
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
