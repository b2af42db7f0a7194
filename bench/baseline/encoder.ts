/**
 * The hand-written baseline encoder: the same contract as the library's
 * `encode()` (every value validated before a byte is written, exact length
 * computed first, one allocation), written out by hand for the options the
 * bench messages use. Address text is parsed once, in the validating size
 * pass, into a scratch area that the write pass copies from: the best a
 * hand-writer can do under "nothing is written on error". The nested
 * DHCPv4 message of DHCPV4_MSG (option 87, RFC 7341) is encoded the same
 * way: its header fields checked, its addresses and `chaddr` text parsed in
 * the size pass, long opaque options split into RFC 3396 instances. It has
 * no option overload (RFC 2132 §9.3), which the bench messages do not use.
 * @module
 */

type O = Record<string, unknown> & { code: number };

function bad(what: string): never {
  throw new Error(`invalid ${what}`);
}
const uint = (v: unknown, max: number): number =>
  typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= max ? v : bad("integer");
const bytesOf = (v: unknown): Uint8Array => (v instanceof Uint8Array ? v : bad("bytes"));

// Parsed addresses, in size-pass order.
let scratch = new Uint8Array(16 * 64);
let nAddr = 0;
let rAddr = 0;

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Parses IPv6 text (no IPv4 tail: the bench has none) into the scratch area. */
function parse6(v: unknown): void {
  if (typeof v !== "string" || v.length < 2 || v.length > 39) bad("address");
  const base = slot();
  const out = scratch;
  const groups = [0, 0, 0, 0, 0, 0, 0, 0];
  let n = 0;
  let gap = -1;
  let i = 0;
  const len = v.length;
  if (v.charCodeAt(0) === 58) {
    if (v.charCodeAt(1) !== 58) bad("address");
    gap = 0;
    i = 2;
  }
  while (i < len) {
    let g = 0;
    let digits = 0;
    while (i < len) {
      const d = hexDigit(v.charCodeAt(i));
      if (d < 0) break;
      g = (g << 4) | d;
      i++;
      if (++digits > 4) bad("address");
    }
    if (digits === 0 || n === 8) bad("address");
    groups[n++] = g;
    if (i === len) break;
    if (v.charCodeAt(i) !== 58) bad("address");
    i++;
    if (v.charCodeAt(i) === 58) {
      if (gap >= 0) bad("address");
      gap = n;
      i++;
    } else if (i === len) bad("address");
  }
  if (gap < 0 ? n !== 8 : n > 7) bad("address");
  out.fill(0, base, base + 16);
  const tail = gap < 0 ? 0 : n - gap;
  for (let k = 0; k < n; k++) {
    const at = gap >= 0 && k >= gap ? 8 - tail + (k - gap) : k;
    out[base + at * 2] = (groups[k] as number) >> 8;
    out[base + at * 2 + 1] = (groups[k] as number) & 0xff;
  }
}

/** A scratch slot of 16 bytes for the next parsed address. */
function slot(): number {
  if (scratch.length < (nAddr + 1) * 16) {
    const s = new Uint8Array(scratch.length * 2);
    s.set(scratch);
    scratch = s;
  }
  return nAddr++ * 16;
}

/** Parses dotted-decimal IPv4 text into the scratch area. */
function parse4(v: unknown): void {
  if (typeof v !== "string" || v.length < 7 || v.length > 15) bad("address");
  const base = slot();
  let i = 0;
  for (let part = 0; part < 4; part++) {
    const from = i;
    let octet = 0;
    while (i < v.length && i - from < 3) {
      const c = v.charCodeAt(i);
      if (c < 48 || c > 57) break;
      octet = octet * 10 + c - 48;
      i++;
    }
    if (i === from || octet > 255 || (i - from > 1 && v.charCodeAt(from) === 48)) bad("address");
    scratch[base + part] = octet;
    if (part < 3 && v.charCodeAt(i++) !== 46) bad("address");
  }
  if (i !== v.length) bad("address");
}

/** chaddr: "aa:bb:..." text of `hlen` bytes, or the 16 raw bytes, into the scratch area. */
function parseChaddr(v: unknown, hlen: number): void {
  const base = slot();
  if (v instanceof Uint8Array) {
    if (v.length !== 16) bad("chaddr");
    scratch.set(v, base);
    return;
  }
  if (typeof v !== "string" || v.length !== hlen * 3 - 1 || hlen < 1 || hlen > 16) bad("chaddr");
  scratch.fill(0, base, base + 16);
  for (let k = 0; k < hlen; k++) {
    const hi = hexDigit(v.charCodeAt(k * 3));
    const lo = hexDigit(v.charCodeAt(k * 3 + 1));
    if (hi < 0 || lo < 0 || (k > 0 && v.charCodeAt(k * 3 - 1) !== 58)) bad("chaddr");
    scratch[base + k] = (hi << 4) | lo;
  }
}

function duidSize(d: unknown): number {
  if (typeof d !== "object" || d === null) bad("duid");
  const o = d as Record<string, unknown>;
  switch (uint(o.duidType, 0xffff)) {
    case 1:
      uint(o.hardwareType, 0xffff);
      uint(o.time, 0xffffffff);
      return 8 + bytesOf(o.linkLayerAddress).length;
    case 3:
      uint(o.hardwareType, 0xffff);
      return 4 + bytesOf(o.linkLayerAddress).length;
    default:
      return 2 + bytesOf(o.data).length;
  }
}

function optionsSize(list: unknown, depth: number): number {
  if (!Array.isArray(list) || depth > 1000) bad("options");
  let total = 0;
  for (const item of list as O[]) {
    if (typeof item !== "object" || item === null) bad("option");
    let len: number;
    switch (uint(item.code, 0xffff)) {
      case 1:
      case 2:
        len = duidSize(item.duid);
        break;
      case 5:
        parse6(item.address);
        uint(item.preferredLifetime, 0xffffffff);
        uint(item.validLifetime, 0xffffffff);
        len = 24 + optionsSize(item.options, depth + 1);
        break;
      case 26:
        uint(item.preferredLifetime, 0xffffffff);
        uint(item.validLifetime, 0xffffffff);
        uint(item.prefixLength, 0xff);
        parse6(item.prefix);
        len = 25 + optionsSize(item.options, depth + 1);
        break;
      case 45:
        len = optionsSize(item.options, depth + 1);
        break;
      case 46:
        uint(item.cltTime, 0xffffffff);
        len = 4;
        break;
      case 87:
        len = v4Size(item.dhcpv4Message);
        break;
      case 100:
        uint(item.baseTime, 0xffffffff);
        len = 4;
        break;
      default:
        len = bytesOf(item.data).length;
    }
    if (len > 0xffff) bad("length");
    total += 4 + len;
  }
  return total;
}

// ---------------------------------------------------------------- DHCPv4 (inside option 87)

type V4 = Record<string, unknown> & { options: O[] };

/** Wire size of an opaque DHCPv4 option body of `n` bytes: RFC 3396 instances of at most 255. */
const split = (n: number): number => n + 2 * Math.max(1, Math.ceil(n / 255));

/** Size of option 82's sub-options (RFC 3046): each { code, circuitId | remoteId | relayId | data }. */
function subSize(list: unknown): number {
  if (!Array.isArray(list)) bad("suboptions");
  let total = 0;
  for (const s of list as O[]) {
    if (typeof s !== "object" || s === null) bad("suboption");
    const code = uint(s.code, 0xff);
    const d = bytesOf(code === 1 ? s.circuitId : code === 2 ? s.remoteId : code === 12 ? s.relayId : s.data);
    if (d.length > 255) bad("suboption length");
    total += 2 + d.length;
  }
  if (total > 255) bad("option 82 length");
  return total;
}

function v4Size(m: unknown): number {
  if (typeof m !== "object" || m === null) bad("DHCPv4 message");
  const v = m as V4;
  uint(v.op, 0xff);
  uint(v.htype, 0xff);
  const hlen = uint(v.hlen, 16);
  uint(v.hops, 0xff);
  uint(v.xid, 0xffffffff);
  uint(v.secs, 0xffff);
  uint(v.flags, 0xffff);
  parse4(v.ciaddr);
  parse4(v.yiaddr);
  parse4(v.siaddr);
  parse4(v.giaddr);
  parseChaddr(v.chaddr, hlen);
  if (bytesOf(v.sname).length !== 64 || bytesOf(v.file).length !== 128) bad("sname/file");
  if (!Array.isArray(v.options)) bad("options");
  let total = 240;
  // RFC 3396: one entry per code (the library rejects a repeated one too).
  const seen = new Uint32Array(8);
  for (const o of v.options) {
    if (typeof o !== "object" || o === null) bad("option");
    const code = uint(o.code, 0xff);
    if (code !== 0 && code !== 255) {
      const bit = 1 << (code & 31);
      if ((seen[code >> 5] as number) & bit) bad("repeated option");
      seen[code >> 5] = (seen[code >> 5] as number) | bit;
    }
    switch (code) {
      case 0:
        total += 1;
        break;
      case 255:
        total += 1 + (o.trailing === undefined ? 0 : bytesOf(o.trailing).length);
        break;
      case 53:
        uint(o.messageType, 0xff);
        total += 3;
        break;
      case 156:
        uint(o.dhcpState, 0xff);
        total += 3;
        break;
      case 51:
        uint(o.leaseTime, 0xffffffff);
        total += 6;
        break;
      case 152:
        uint(o.baseTime, 0xffffffff);
        total += 6;
        break;
      case 54:
        parse4(o.serverIdentifier);
        total += 6;
        break;
      case 61:
        uint(o.type, 0xff);
        total += split(1 + bytesOf(o.clientIdentifier).length);
        break;
      case 82:
        total += 2 + subSize(o.suboptions);
        break;
      default:
        total += split(bytesOf(o.data).length);
    }
  }
  return total;
}

/** Writes option `code` with an opaque body, split into RFC 3396 instances; `lead` is a first byte, or -1. */
function v4Opaque(b: Uint8Array, p: number, code: number, lead: number, d: Uint8Array): number {
  const n = d.length + (lead >= 0 ? 1 : 0);
  let done = 0;
  do {
    const len = Math.min(255, n - done);
    b[p] = code;
    b[p + 1] = len;
    p += 2;
    for (let k = 0; k < len; k++, done++) {
      b[p + k] = lead < 0 ? (d[done] as number) : done === 0 ? lead : (d[done - 1] as number);
    }
    p += len;
  } while (done < n);
  return p;
}

function v4Write(b: Uint8Array, p: number, v: V4): number {
  b[p] = v.op as number;
  b[p + 1] = v.htype as number;
  b[p + 2] = v.hlen as number;
  b[p + 3] = v.hops as number;
  w32(b, p + 4, v.xid as number);
  w16(b, p + 8, v.secs as number);
  w16(b, p + 10, v.flags as number);
  for (let k = 12; k < 28; k += 4) {
    const s = rAddr++ * 16;
    for (let i = 0; i < 4; i++) b[p + k + i] = scratch[s + i] as number;
  }
  addr(b, p + 28);
  b.set(v.sname as Uint8Array, p + 44);
  b.set(v.file as Uint8Array, p + 108);
  b[p + 236] = 99;
  b[p + 237] = 130;
  b[p + 238] = 83;
  b[p + 239] = 99;
  p += 240;
  for (const o of v.options) {
    const code = o.code;
    switch (code) {
      case 0:
        b[p++] = 0;
        break;
      case 255:
        b[p++] = 255;
        if (o.trailing !== undefined) {
          b.set(o.trailing as Uint8Array, p);
          p += (o.trailing as Uint8Array).length;
        }
        break;
      case 53:
      case 156:
        b[p] = code;
        b[p + 1] = 1;
        b[p + 2] = (code === 53 ? o.messageType : o.dhcpState) as number;
        p += 3;
        break;
      case 51:
      case 152:
        b[p] = code;
        b[p + 1] = 4;
        w32(b, p + 2, (code === 51 ? o.leaseTime : o.baseTime) as number);
        p += 6;
        break;
      case 54: {
        b[p] = 54;
        b[p + 1] = 4;
        const s = rAddr++ * 16;
        for (let i = 0; i < 4; i++) b[p + 2 + i] = scratch[s + i] as number;
        p += 6;
        break;
      }
      case 61:
        p = v4Opaque(b, p, 61, o.type as number, o.clientIdentifier as Uint8Array);
        break;
      case 82: {
        const start = p;
        b[p] = 82;
        p += 2;
        for (const s of o.suboptions as O[]) {
          const c = s.code;
          const d = (c === 1 ? s.circuitId : c === 2 ? s.remoteId : c === 12 ? s.relayId : s.data) as Uint8Array;
          b[p] = c;
          b[p + 1] = d.length;
          b.set(d, p + 2);
          p += 2 + d.length;
        }
        b[start + 1] = p - start - 2;
        break;
      }
      default:
        p = v4Opaque(b, p, code, -1, o.data as Uint8Array);
    }
  }
  return p;
}

function w16(b: Uint8Array, p: number, v: number): void {
  b[p] = v >>> 8;
  b[p + 1] = v;
}
function w32(b: Uint8Array, p: number, v: number): void {
  b[p] = v >>> 24;
  b[p + 1] = v >>> 16;
  b[p + 2] = v >>> 8;
  b[p + 3] = v;
}
function addr(b: Uint8Array, p: number): void {
  const s = rAddr * 16;
  for (let i = 0; i < 16; i++) b[p + i] = scratch[s + i] as number;
  rAddr++;
}

function duidWrite(b: Uint8Array, p: number, o: Record<string, unknown>): number {
  const t = o.duidType as number;
  w16(b, p, t);
  switch (t) {
    case 1: {
      w16(b, p + 2, o.hardwareType as number);
      w32(b, p + 4, o.time as number);
      const ll = o.linkLayerAddress as Uint8Array;
      b.set(ll, p + 8);
      return p + 8 + ll.length;
    }
    case 3: {
      w16(b, p + 2, o.hardwareType as number);
      const ll = o.linkLayerAddress as Uint8Array;
      b.set(ll, p + 4);
      return p + 4 + ll.length;
    }
    default: {
      const d = o.data as Uint8Array;
      b.set(d, p + 2);
      return p + 2 + d.length;
    }
  }
}

function optionsWrite(b: Uint8Array, p: number, list: O[]): number {
  for (const o of list) {
    const start = p;
    w16(b, p, o.code);
    p += 4;
    switch (o.code) {
      case 1:
      case 2:
        p = duidWrite(b, p, o.duid as Record<string, unknown>);
        break;
      case 5:
        addr(b, p);
        w32(b, p + 16, o.preferredLifetime as number);
        w32(b, p + 20, o.validLifetime as number);
        p = optionsWrite(b, p + 24, o.options as O[]);
        break;
      case 26:
        w32(b, p, o.preferredLifetime as number);
        w32(b, p + 4, o.validLifetime as number);
        b[p + 8] = o.prefixLength as number;
        addr(b, p + 9);
        p = optionsWrite(b, p + 25, o.options as O[]);
        break;
      case 45:
        p = optionsWrite(b, p, o.options as O[]);
        break;
      case 46:
        w32(b, p, o.cltTime as number);
        p += 4;
        break;
      case 87:
        p = v4Write(b, p, o.dhcpv4Message as V4);
        break;
      case 100:
        w32(b, p, o.baseTime as number);
        p += 4;
        break;
      default: {
        const d = o.data as Uint8Array;
        b.set(d, p);
        p += d.length;
      }
    }
    w16(b, start + 2, p - start - 4);
  }
  return p;
}

/** Encodes a client/server message of the bench's shapes. */
export function handEncode(m: { msgType: number; transactionId: number; options: unknown }): Uint8Array {
  if (typeof m !== "object" || m === null) bad("message");
  nAddr = 0;
  rAddr = 0;
  uint(m.msgType, 0xff);
  uint(m.transactionId, 0xffffff);
  const n = 4 + optionsSize(m.options, 0);
  const out = new Uint8Array(n);
  out[0] = m.msgType;
  out[1] = m.transactionId >>> 16;
  out[2] = m.transactionId >>> 8;
  out[3] = m.transactionId;
  optionsWrite(out, 4, m.options as O[]);
  return out;
}
