/**
 * The DHCPv4 message as the codecs run it: read, plan and write of the
 * BOOTP header, `chaddr`, `sname` and `file`, the magic cookie, and the
 * option areas (RFC 2131 §2-4.1), with option overload (RFC 2132 §9.3)
 * and long options (RFC 3396), over the generated option bodies. It
 * imports no declaration: what it needs of them (offsets, option names)
 * is generated into src/v4/codecs.generated.ts. The codec object of the
 * declaration language wraps these functions (src/v4/message-codec.ts).
 * @module
 */
import { DecodeError, EncodeError } from "../errors.js";
import { ensureCapacity, prefix, type Skipper } from "../schema/codec.js";
import {
  type AreaInput,
  type AreaPlan,
  decodeAreas,
  eachInstance,
  type OptionBodies,
  planAreas,
  type ScannedArea,
  scanArea,
  writeArea,
} from "../schema/option-area.js";
import { parseHexColon } from "../wire/address.js";
import { toHex } from "../wire/hex.js";
import { joinPath, optionSegment } from "../wire/path.js";
import { Reader } from "../wire/reader.js";
import { checkBytes, describe, Writer } from "../wire/writer.js";
import {
  BOOTP_HEADER_SIZE,
  CHADDR_SIZE,
  COOKIE,
  COOKIE_AT,
  DHCPV4_DATA_FIELD,
  DHCPV4_OPTION_NAMES,
  decodeBootpHeader,
  decodeDhcpv4OptionBody,
  encodeBootpHeader,
  encodeDhcpv4OptionBody,
  FILE_SIZE,
  HLEN_AT,
  OPTIONS_AT,
  OVERLOAD,
  OVERLOADABLE,
  SNAME_SIZE,
} from "./codecs.generated.js";
import { dhcpv4MessageSkipper } from "./message-skip.js";
import type { Dhcpv4HeaderAnomaly, Dhcpv4Message, Dhcpv4OptionEntry } from "./schema.js";
import { isCookieAt, isEthernetChaddr, overloadBits } from "./wire-checks.js";

/**
 * The DHCPv4 option bodies as the message reads and writes them: the
 * generated functions (src/v4/codecs.generated.ts).
 * @internal
 */
export const DHCPV4_BODIES: OptionBodies = {
  names: DHCPV4_OPTION_NAMES,
  dataField: DHCPV4_DATA_FIELD,
  read: decodeDhcpv4OptionBody,
  encode: encodeDhcpv4OptionBody,
};

const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

function formatMac(b: Uint8Array, at: number): string {
  // A table and one template: Array.from + padStart + join was 14% of a
  // decode of bench M3.
  const h = (i: number): string => HEX2[b[at + i] as number] as string;
  return `${h(0)}:${h(1)}:${h(2)}:${h(3)}:${h(4)}:${h(5)}`;
}

/** The 16 chaddr bytes of a value, checked against `hlen`. */
function chaddrBytes(chaddr: unknown, hlen: number): Uint8Array {
  if (typeof chaddr === "string") {
    // Text stays the value's form (what decode gives for Ethernet): parsed
    // in one pass straight into the 16 bytes, an encode of bench M3 with
    // chaddr text measured within the run-to-run noise of the same message
    // with chaddr as 16 raw bytes, so a byte form would save little and
    // cost every reader of a decoded value the MAC text.
    const out = new Uint8Array(CHADDR_SIZE);
    const n = parseHexColon(chaddr, out, 0, CHADDR_SIZE);
    if (n < 0) {
      throw new EncodeError("invalid-value", `chaddr text must be colon-separated hex bytes, got ${describe(chaddr)}`);
    }
    if (n !== hlen) {
      throw new EncodeError("invalid-value", `chaddr text has ${n} byte(s), hlen says ${hlen}`);
    }
    return out;
  }
  checkBytes(chaddr);
  if (chaddr.length !== CHADDR_SIZE) {
    throw new EncodeError("invalid-value", `chaddr bytes must be all ${CHADDR_SIZE}, got ${chaddr.length}`);
  }
  return chaddr;
}

/** The overload value of the options area: its one byte, when option 52 holds exactly one. */
function scannedOverload(r: Reader, area: ScannedArea): number {
  let total = 0;
  let value = 0;
  for (const s of area.slots) {
    if (!("code" in s) || s.code !== OVERLOAD) continue;
    eachInstance(r.b, s, (start, n) => {
      total += n;
      if (n === 1) value = r.b[start] as number;
    });
  }
  return total === 1 ? value : 0;
}

function rejectOverloadIn(area: ScannedArea): void {
  area.slots.forEach((s, i) => {
    if ("code" in s && s.code === OVERLOAD) {
      throw new DecodeError(
        "invalid-value",
        s.at,
        "option overload (52) may appear only in the options field (RFC 2131 §4.1), not in the fields it overloads",
        joinPath(area.name, optionSegment(i, "dhcp-option-overload")),
      );
    }
  });
}

/**
 * Reads a DHCPv4 message filling r.pos..r.end, its option bodies with
 * `bodies` (the generated ones, or the reference interpreter's in tests).
 * @internal
 */
export function readDhcpv4(r: Reader, bodies: OptionBodies): Dhcpv4Message {
  const start = r.pos;
  const out = decodeBootpHeader(r) as unknown as Record<string, unknown>;
  const hlen = out.hlen as number;
  let anomalies: Dhcpv4HeaderAnomaly[] | undefined;
  if (hlen > CHADDR_SIZE) {
    const why = new DecodeError(
      "invalid-value",
      start + HLEN_AT,
      `hlen ${hlen} is more than the ${CHADDR_SIZE} bytes of chaddr`,
      "hlen",
    );
    if (r.opts.lenientHeader !== true) throw why;
    // ISC dhcpd 4.4 sends hlen 255 for a lease without hardware: chaddr
    // stays raw (the text form needs hlen 6) and hlen is kept as read.
    anomalies = [{ code: why.code, offset: why.offset, path: why.path, reason: `${why.reason}; chaddr kept raw` }];
  }
  // One try for the four fixed fields rather than a closure each (they were
  // a measurable part of a decode of bench M3); `field` names the one read.
  let field = "chaddr";
  let chaddr: Uint8Array;
  let sname: Uint8Array;
  let file: Uint8Array;
  try {
    chaddr = r.bytes(CHADDR_SIZE, "chaddr");
    field = "sname";
    sname = r.bytes(SNAME_SIZE, "sname");
    field = "file";
    file = r.bytes(FILE_SIZE, "file");
    field = "magicCookie";
    const at = r.pos;
    r.need(4, "magic cookie");
    r.pos = at + 4;
    const b = r.b;
    if (!isCookieAt(b, at)) {
      throw new DecodeError(
        "invalid-value",
        start + COOKIE_AT,
        `magic cookie is ${toHex(b.subarray(at, at + 4))}, not 63825363 (99.130.83.99, RFC 2131 §3)`,
      );
    }
  } catch (e) {
    throw prefix(e, field);
  }
  const depth = r.depth;
  if (depth >= r.opts.maxDepth) {
    throw new DecodeError("depth-exceeded", r.pos, `options nested deeper than maxDepth ${r.opts.maxDepth}`);
  }
  r.depth = depth + 1;
  const names = bodies.names;
  const areas = [scanArea(r, "options", start + OPTIONS_AT, r.end, names)];
  const overloaded = overloadBits(scannedOverload(r, areas[0] as ScannedArea));
  if (overloaded !== 0) {
    for (const f of OVERLOADABLE) {
      if (overloaded & f.bit) areas.push(scanArea(r, f.name, start + f.at, start + f.at + f.size, names));
    }
  }
  for (let i = 1; i < areas.length; i++) rejectOverloadIn(areas[i] as ScannedArea);
  const decoded = decodeAreas(r, areas, bodies) as Dhcpv4OptionEntry[][];
  r.depth = depth;
  r.pos = r.end;
  out.chaddr = isEthernetChaddr(out.htype as number, hlen, chaddr) ? formatMac(chaddr, 0) : chaddr;
  out.sname = sname;
  out.file = file;
  for (let i = 1; i < areas.length; i++) out[(areas[i] as ScannedArea).name] = decoded[i];
  out.options = decoded[0];
  if (anomalies !== undefined) out.headerAnomalies = anomalies;
  return out as unknown as Dhcpv4Message;
}

/**
 * The areas that follow the options field, in RFC 3396 order, as option 52
 * says. `overload` is the value of option 52 in the options field as
 * encoded (a decoder reads its one byte), if present. Each field is read
 * once from `v`; the fields that hold bytes are put in `bytesOf`.
 */
function moreAreas(
  v: Record<string, unknown>,
  overload: Uint8Array | undefined,
  bytesOf: Record<string, unknown>,
): AreaInput[] {
  const overloaded = overloadBits(overload?.length === 1 ? (overload[0] as number) : 0);
  const areas: AreaInput[] = [];
  for (const { name, bit, size } of OVERLOADABLE) {
    const x = v[name];
    if (overloaded & bit) {
      if (!Array.isArray(x)) {
        throw new EncodeError(
          "invalid-value",
          `option 52 says ${name} carries options, so it must be an array of option entries, got ${describe(x)}`,
          name,
        );
      }
      areas.push({ name, list: x, fixed: size });
      continue;
    }
    if (Array.isArray(x)) {
      throw new EncodeError("invalid-value", `${name} holds options but option 52 does not say so`, name);
    }
    try {
      checkBytes(x);
      if (x.length !== size) throw new EncodeError("invalid-value", `expected ${size} bytes, got ${x.length}`);
    } catch (e) {
      throw prefix(e, name);
    }
    bytesOf[name] = x;
  }
  return areas;
}

/**
 * A message validated and laid out, ready to be written: what
 * {@link planDhcpv4} returns.
 * @internal
 */
export interface Dhcpv4Plan {
  /** The encoded size. */
  readonly size: number;
  readonly header: Uint8Array;
  /** The fields that hold bytes rather than options (sname, file), as read. */
  readonly fields: Record<string, unknown>;
  readonly chaddr: Uint8Array;
  readonly areas: readonly AreaInput[];
  readonly plans: readonly AreaPlan[];
}

/**
 * Validates a message value and lays it out, reading each of its fields
 * (and of its option entries) once, the option bodies with `bodies`;
 * throws the EncodeError of the first problem.
 * @internal
 */
export function planDhcpv4(message: unknown, depth: number, bodies: OptionBodies = DHCPV4_BODIES): Dhcpv4Plan {
  if (typeof message !== "object" || message === null) {
    throw new EncodeError("invalid-value", `expected a DHCPv4 message object, got ${describe(message)}`);
  }
  // Each field is read once, in wire order: a getter that answers
  // differently on each read cannot make the size and the bytes disagree.
  const v = message as Record<string, unknown>;
  // The header validated and written in one pass, into bytes of its own.
  const header = new Writer(new Uint8Array(BOOTP_HEADER_SIZE));
  encodeBootpHeader(header, v, depth);
  // hlen as written (the encoder checked it is one byte), not read again.
  const hlen = header.b[HLEN_AT] as number;
  const chaddrValue = v.chaddr;
  // Raw chaddr bytes are written whatever hlen says (a lenient decode keeps an hlen over 16 this way).
  if (hlen > CHADDR_SIZE && !(chaddrValue instanceof Uint8Array)) {
    throw new EncodeError("out-of-range", `hlen ${hlen} is more than ${CHADDR_SIZE}`, "hlen");
  }
  let chaddr: Uint8Array;
  try {
    chaddr = chaddrBytes(chaddrValue, hlen);
  } catch (e) {
    throw prefix(e, "chaddr");
  }
  const fields: Record<string, unknown> = {};
  const areas: AreaInput[] = [{ name: "options", list: v.options, fixed: -1 }];
  const plans = planAreas(areas, bodies, depth, FIRST_AREA_ONLY, (encodedValue) => {
    const more = moreAreas(v, encodedValue(OVERLOAD), fields);
    for (const a of more) areas.push(a);
    return more;
  });
  return { size: OPTIONS_AT + (plans[0] as AreaPlan).size, header: header.b, fields, chaddr, areas, plans };
}

/** Option overload may appear only in the options field (RFC 2131 §4.1). */
const FIRST_AREA_ONLY: ReadonlySet<number> = new Set([OVERLOAD]);

/**
 * Writes a planned message at `w.pos`, which has room for `plan.size` bytes.
 * @internal
 */
export function writeDhcpv4(w: Writer, plan: Dhcpv4Plan): void {
  const { areas, plans, fields } = plan;
  const start = w.pos;
  w.bytes(plan.header);
  w.bytes(plan.chaddr);
  for (const { name, at } of OVERLOADABLE) {
    w.pos = start + at;
    const bytes = fields[name];
    if (bytes !== undefined) {
      w.bytes(bytes as Uint8Array);
      continue;
    }
    for (let i = 1; i < areas.length; i++)
      if ((areas[i] as AreaInput).name === name) writeArea(w, plans[i] as AreaPlan);
  }
  w.pos = start + COOKIE_AT;
  for (const c of COOKIE) w.u8(c);
  writeArea(w, plans[0] as AreaPlan);
}

/**
 * Decodes a DHCPv4 message filling r.pos..r.end with the generated bodies:
 * what the generated DHCPv6 codecs call for DHCPV4_MSG (RFC 7341 §6.1).
 * @internal
 */
export function decodeDhcpv4Message(r: Reader): Dhcpv4Message {
  return readDhcpv4(r, DHCPV4_BODIES);
}

/**
 * Validates a DHCPv4 message value and writes it at w.pos, growing w: the
 * one-pass encoder of a nested message (DHCPV4_MSG), planned once.
 * @internal
 */
export function encodeDhcpv4Message(w: Writer, v: unknown, depth: number): void {
  const plan = planDhcpv4(v, depth);
  ensureCapacity(w, plan.size);
  writeDhcpv4(w, plan);
}

/** The skipper's answer for the cases it leaves to the decoder: decode, -1 if that throws. */
const viaDecoder: Skipper = (b, p, end, depth, opts) => {
  const r = new Reader(b, opts, p, end);
  r.depth = depth;
  try {
    readDhcpv4(r, DHCPV4_BODIES);
  } catch {
    return -1;
  }
  return r.pos;
};

/**
 * Checks `b[p, end)` is one DHCPv4 message that decodes at `depth`: `end`,
 * or -1. Built from pure functions once, when this module loads.
 * @internal
 */
export const skipDhcpv4Message: Skipper = /* @__PURE__ */ dhcpv4MessageSkipper(viaDecoder);
