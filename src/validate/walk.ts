/**
 * Locating options by code with their index, for diagnostics that point at
 * them by path.
 * @module
 * @internal
 */
import type { RawOption } from "../schema/option.js";
import { type Dhcpv6Option, type Dhcpv6OptionOf, OPTION_TABLE } from "../v6/schema.js";

/** An option found at `path`. */
export interface Located<T> {
  readonly option: T;
  readonly path: string;
}

/** Joins path segments the way DecodeError paths read. */
export function joinPath(prefix: string, segment: string): string {
  return prefix === "" ? segment : `${prefix}.${segment}`;
}

/** The path segment of the option at `index` of a list. */
export function optionSegment(index: number, code: number): string {
  const name = OPTION_TABLE[code]?.name;
  return name === undefined ? `options[${index}]` : `options[${index}](${name})`;
}

/** True for an option that decoded into its declared fields (not kept raw). */
function isDecoded(o: Dhcpv6Option): boolean {
  if (o === null || typeof o !== "object") return false;
  return OPTION_TABLE[o.code] === undefined || !((o as RawOption).data instanceof Uint8Array);
}

/** Every option with `code` in `options`, with its path under `prefix`. */
export function locate<C extends number>(
  options: readonly Dhcpv6Option[] | undefined,
  code: C,
  prefix: string,
): Located<Dhcpv6OptionOf<C>>[] {
  const out: Located<Dhcpv6OptionOf<C>>[] = [];
  if (!Array.isArray(options)) return out;
  options.forEach((o, i) => {
    if (isDecoded(o) && o.code === code) {
      out.push({ option: o as Dhcpv6OptionOf<C>, path: joinPath(prefix, optionSegment(i, code)) });
    }
  });
  return out;
}

/** Every option with `code` at message level or in an LQ_QUERY's query-options, in wire order. */
export function locateInQuery<C extends number>(
  options: readonly Dhcpv6Option[],
  code: C,
  prefix: string,
): Located<Dhcpv6OptionOf<C>>[] {
  const out: Located<Dhcpv6OptionOf<C>>[] = [];
  options.forEach((o, i) => {
    if (!isDecoded(o)) return;
    const path = joinPath(prefix, optionSegment(i, o.code));
    if (o.code === code) out.push({ option: o as Dhcpv6OptionOf<C>, path });
    if (o.code === 44) out.push(...locate((o as Dhcpv6OptionOf<44>).options, code, path));
  });
  return out;
}

/** Whether an ORO at message level or in an LQ_QUERY's query-options requests `code`. */
export function asksFor(options: readonly Dhcpv6Option[], code: number): boolean {
  return locateInQuery(options, 6, "").some(
    (o) => Array.isArray(o.option.requestedOptions) && o.option.requestedOptions.includes(code),
  );
}
