/**
 * The hand-written baseline encoder: the same contract as the library's
 * `encode()` (every value validated before a byte is written, exact length
 * computed first, one allocation), written out by hand for the options the
 * bench messages use. Address text is parsed once, in the validating size
 * pass, into a scratch area that the write pass copies from: the best a
 * hand-writer can do under "nothing is written on error".
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
  if (scratch.length < (nAddr + 1) * 16) {
    const s = new Uint8Array(scratch.length * 2);
    s.set(scratch);
    scratch = s;
  }
  const out = scratch;
  const base = nAddr * 16;
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
    const slot = gap >= 0 && k >= gap ? 8 - tail + (k - gap) : k;
    out[base + slot * 2] = (groups[k] as number) >> 8;
    out[base + slot * 2 + 1] = (groups[k] as number) & 0xff;
  }
  nAddr++;
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
