/**
 * Locating options by code with their index, for diagnostics that point at
 * them by path.
 * @module
 * @internal
 */
import type { RawOption } from "../schema/option.js";
import { type Dhcpv6Option, type Dhcpv6OptionOf, OPTION_TABLE } from "../v6/schema.js";
import { joinPath, optionSegment } from "../wire/path.js";

/** An option found at `path`. */
export interface Located<T> {
  readonly option: T;
  readonly path: string;
}

/** The path of the DHCPv6 option at `index` of the `options` list under `prefix`. */
export function optionPath(prefix: string, index: number, code: number): string {
  return joinPath(prefix, joinPath("options", optionSegment(index, OPTION_TABLE[code]?.name)));
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
      out.push({ option: o as Dhcpv6OptionOf<C>, path: optionPath(prefix, i, code) });
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
    const path = optionPath(prefix, i, o.code);
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
