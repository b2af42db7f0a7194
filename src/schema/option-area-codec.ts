/**
 * The DHCPv4 option area in the declaration language: a single area as a
 * codec, and the reference interpreter's option bodies over a table of
 * declarations (src/schema/option-area.ts holds the algorithm both the
 * interpreter and the generated codecs run).
 * @module
 */
import { DecodeError } from "../errors.js";
import { type Codec, ensureCapacity } from "./codec.js";
import type { OptionDef, OptionTable } from "./option.js";
import { type AreaPlan, decodeAreas, type OptionBodies, planAreas, scanArea, writeArea } from "./option-area.js";
import { readBody } from "./tlv-entry.js";
import { DHCPV4_OPTION_FORMAT } from "./tlv-format.js";

/**
 * The reference interpreter's {@link OptionBodies} over `table`: each body
 * read by `readBody`, then measured (and validated) by its codec's `size`
 * and written by its `write`.
 * @internal
 */
export function interpretedBodies(table: OptionTable): OptionBodies {
  const names: Record<number, string> = {};
  const dataField: Record<number, true> = {};
  for (const def of table) {
    if (def === undefined) continue;
    names[def.code] = def.name;
    if ("data" in def.body.fields) dataField[def.code] = true;
  }
  return {
    names,
    dataField,
    read: (r, code, len, lenAt) =>
      readBody(r, table[code] as OptionDef, code, len, lenAt, DHCPV4_OPTION_FORMAT) as object,
    encode(w, code, v, depth) {
      const body = (table[code] as OptionDef).body;
      ensureCapacity(w, body.size(v as never, depth));
      body.write(w, v as never);
    },
  };
}

/**
 * A single DHCPv4 option area filling the rest of its region: pad, end and
 * RFC 3396 split instances within it (see the module notes for the
 * decoded form). Entering it counts one level of nesting. Its bodies go
 * through the reference interpreter, which serves any table (the DHCPv4
 * message itself reads its areas with the generated bodies).
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
      const bodies = interpretedBodies(table());
      const scanned = scanArea(r, "", r.pos, r.end, bodies.names);
      const [out] = decodeAreas(r, [scanned], bodies) as [T[]];
      r.pos = r.end;
      r.depth = depth;
      return out;
    },
    size(v, depth) {
      const [plan] = planAreas([{ name: "", list: v, fixed: -1 }], interpretedBodies(table()), depth) as [AreaPlan];
      return plan.size;
    },
    write(w, v) {
      const [plan] = planAreas([{ name: "", list: v, fixed: -1 }], interpretedBodies(table()), 0) as [AreaPlan];
      writeArea(w, plan);
    },
  };
}
