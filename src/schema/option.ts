/**
 * Option declarations: one layout per code, declared once as data, and the
 * table that looks them up by code. The lists that read and write options
 * from these declarations are in src/schema/tlv.ts.
 * @module
 */
import { type Fields, type Simplify, type StructCodec, type StructValue, struct } from "./codec.js";

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
