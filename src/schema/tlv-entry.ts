/**
 * One entry of a TLV list against its declaration: its code, its body read,
 * measured or checked, and its name in error paths. Shared by the TLV lists
 * (src/schema/tlv.ts) and the DHCPv4 option area, whose instances are
 * entries of the same kind.
 * @module
 */
import { DecodeError, EncodeError } from "../errors.js";
import { optionSegment } from "../wire/path.js";
import type { Reader } from "../wire/reader.js";
import { describe } from "../wire/writer.js";
import type { OptionDef, RawOption } from "./option.js";
import type { TlvFormat } from "./tlv-format.js";

/**
 * True when an entry is written from its raw `data` rather than its fields:
 * `data` is bytes, and the layout (if any) has no field of that name.
 * @internal
 */
export function isRawEntry(o: { data?: unknown }, def: OptionDef | undefined): boolean {
  return isRawData(o.data, def);
}

/** {@link isRawEntry} of an entry whose `data` was read already (as `data`). @internal */
export function isRawData(data: unknown, def: OptionDef | undefined): data is Uint8Array {
  return data instanceof Uint8Array && (def === undefined || !("data" in def.body.fields));
}

/** Path segment of an entry: `[i](name)` for a declared code, `[i]` otherwise. @internal */
export function segment(i: number, def: OptionDef | undefined): string {
  return optionSegment(i, def?.name);
}

/**
 * The `code` of an entry to encode, read once.
 * @throws EncodeError `invalid-value` unless `o` is an object, `out-of-range`
 * (at `code`) unless its code is an integer the format's code field holds.
 * @internal
 */
export function entryCode(o: unknown, format: TlvFormat): number {
  if (typeof o !== "object" || o === null) throw notAnEntry(o);
  return checkedCode((o as { code?: unknown }).code, format);
}

/** The error for an entry that is not an object. */
function notAnEntry(o: unknown): EncodeError {
  return new EncodeError("invalid-value", `expected an option object, got ${describe(o)}`);
}

/**
 * `code`, already read from its entry, when it is an integer the format's
 * code field holds.
 * @throws EncodeError `out-of-range` at `code` otherwise.
 */
function checkedCode(code: unknown, format: TlvFormat): number {
  if (typeof code !== "number" || !Number.isInteger(code) || code < 0 || code > format.maxCode) {
    throw new EncodeError("out-of-range", `option code must be 0-${format.maxCode}, got ${describe(code)}`).prefixPath(
      "code",
    );
  }
  return code;
}

/**
 * Validates one entry's body and returns its encoded size (raw `data`, or
 * the declared layout).
 * @throws EncodeError when the body is not valid, or an undeclared code has no raw `data`.
 * @internal
 */
export function bodySize(o: { data?: unknown }, code: number, def: OptionDef | undefined, depth: number): number {
  if (isRawEntry(o, def)) return (o.data as Uint8Array).length;
  if (def === undefined) throw noLayout(code);
  return def.body.size(o as never, depth);
}

/** The error for an undeclared code given without raw `data`. @internal */
export function noLayout(code: number): EncodeError {
  return new EncodeError("invalid-value", `option ${code} has no declared layout, so it needs data: Uint8Array`);
}

/**
 * Reads one declared body of `len` bytes at `r.pos` (already bounded by the
 * caller), or keeps it raw when `keepMalformedOptions` is set and it does not
 * fit. `lenAt` is the offset of the length field, for size errors; `format`
 * gives the words of the errors.
 * @throws DecodeError `length-mismatch` (at `lenAt`) when `len` does not fit
 * the layout, or what reading the body throws; none with
 * `keepMalformedOptions`, when the body is kept raw instead.
 * @internal
 */
export function readBody(
  r: Reader,
  def: OptionDef,
  code: number,
  len: number,
  lenAt: number,
  format: TlvFormat,
): unknown {
  const body = def.body;
  const start = r.pos;
  const end = start + len;
  const fixed = body.fixed;
  const min = body.minSize;
  const step = fixed >= 0 ? 0 : body.itemStep;
  if (fixed >= 0 ? len !== fixed : len < min || (step > 0 && (len - min) % step !== 0)) {
    return lengthDoesNotFit(r, def, code, len, lenAt, format);
  }
  const savedEnd = r.end;
  const savedInputEnd = r.inputEnd;
  const depth = r.depth;
  r.end = end;
  r.inputEnd = -1;
  const o: Record<string, unknown> = { code };
  try {
    body.readInto(r, o);
    if (r.pos !== end) throw leftOver(r.pos, end, def, len, format);
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

// The two error paths of readBody, as functions of their own.

/** A body whose length does not fit its layout: thrown, or kept raw with `keepMalformedOptions`. */
function lengthDoesNotFit(
  r: Reader,
  def: OptionDef,
  code: number,
  len: number,
  lenAt: number,
  format: TlvFormat,
): RawOption {
  const body = def.body;
  const fixed = body.fixed;
  const min = body.minSize;
  const why =
    fixed >= 0
      ? `${def.name} is ${fixed} byte(s), ${format.lengthSays} ${len}`
      : len < min
        ? `${def.name} needs at least ${min} byte(s), ${format.lengthSays} ${len}`
        : `${def.name} is ${min} byte(s) plus ${body.itemStep}-byte items, ${format.lengthSays} ${len}`;
  if (!r.opts.keepMalformedOptions) throw new DecodeError("length-mismatch", lenAt, why);
  const start = r.pos;
  r.pos = start + len;
  return { code, data: r.b.subarray(start, start + len), malformed: format.keptNote(why, def, len) };
}

function leftOver(pos: number, end: number, def: OptionDef, len: number, format: TlvFormat): DecodeError {
  return new DecodeError(
    "length-mismatch",
    pos,
    `${end - pos} byte(s) left over after the ${def.name} layout (${format.lengthWord} ${len})`,
  );
}
