/**
 * The hand-written baseline decoders the library is measured against.
 *
 * A fair baseline does the same work as the library: bounds-checks every
 * read, checks every option-len against its layout and that every nested
 * list is consumed exactly, bounds nesting, keeps unknown options as
 * `{ code, data }`, and builds a plain object for every option and field,
 * with the same shapes as `decode()`. What it does not have is the
 * declarations: each layout is a `case` written out by hand, objects are
 * literals, and an error is a bare code and offset (no path).
 *
 * Two flavours: addresses as RFC 5952 text (like-for-like with `decode()`),
 * and addresses as 16-byte views (the reference figures' walker). Plus a
 * length-only walk (the lower bound for `scan()`).
 *
 * The nested DHCPv4 message (option 87) is decoded by `decodeV4` into the
 * shape of `src/v4` when that is available; see `bench/run.ts`.
 * @module
 */

export class WalkError extends Error {
  constructor(
    readonly code: string,
    readonly offset: number,
  ) {
    super(code);
  }
}

const MAX_DEPTH = 24;

// ---------------------------------------------------------------- addresses

const HEX = "0123456789abcdef";
/** Group text for 0..255 without leading zeros, and for the low byte with two digits. */
const H1: string[] = [];
const H2: string[] = [];
for (let i = 0; i < 256; i++) {
  H1.push(i.toString(16));
  H2.push((HEX[i >> 4] as string) + (HEX[i & 15] as string));
}

/** RFC 5952 text of the 16 bytes at `p` (the same rules as the library). */
export function ipv6Text(b: Uint8Array, p: number): string {
  let bestStart = -1;
  let bestLen = 0;
  let runStart = -1;
  for (let i = 0; i < 8; i++) {
    if ((b[p + 2 * i] as number) === 0 && (b[p + 2 * i + 1] as number) === 0) {
      if (runStart < 0) runStart = i;
      if (i - runStart + 1 > bestLen) {
        bestLen = i - runStart + 1;
        bestStart = runStart;
      }
    } else runStart = -1;
  }
  if (bestStart === 0 && bestLen === 5 && b[p + 10] === 0xff && b[p + 11] === 0xff) {
    return `::ffff:${b[p + 12]}.${b[p + 13]}.${b[p + 14]}.${b[p + 15]}`;
  }
  if (bestLen < 2) bestStart = -1;
  let s = "";
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      s += "::";
      i += bestLen - 1;
      continue;
    }
    if (i !== 0 && i !== bestStart + bestLen) s += ":";
    const hi = b[p + 2 * i] as number;
    const lo = b[p + 2 * i + 1] as number;
    s += hi === 0 ? (H1[lo] as string) : (H1[hi] as string) + (H2[lo] as string);
  }
  return s;
}

const ipv4Text = (b: Uint8Array, p: number): string => `${b[p]}.${b[p + 1]}.${b[p + 2]}.${b[p + 3]}`;

const rd16 = (b: Uint8Array, p: number): number => ((b[p] as number) << 8) | (b[p + 1] as number);
const rd32 = (b: Uint8Array, p: number): number =>
  (b[p] as number) * 0x1000000 + (((b[p + 1] as number) << 16) | ((b[p + 2] as number) << 8) | (b[p + 3] as number));

function fail(code: string, offset: number): never {
  throw new WalkError(code, offset);
}

// ---------------------------------------------------------------- DUID

function duid(b: Uint8Array, p: number, end: number): object {
  if (end - p < 2) fail("length-mismatch", p);
  const t = rd16(b, p);
  switch (t) {
    case 1:
      if (end - p < 8) fail("length-mismatch", p + 2);
      return {
        duidType: 1,
        hardwareType: rd16(b, p + 2),
        time: rd32(b, p + 4),
        linkLayerAddress: b.subarray(p + 8, end),
      };
    case 2:
      if (end - p < 6) fail("length-mismatch", p + 2);
      return { duidType: 2, enterpriseNumber: rd32(b, p + 2), identifier: b.subarray(p + 6, end) };
    case 3:
      if (end - p < 4) fail("length-mismatch", p + 2);
      return { duidType: 3, hardwareType: rd16(b, p + 2), linkLayerAddress: b.subarray(p + 4, end) };
    case 4:
      if (end - p !== 18) fail("length-mismatch", p + 2);
      return { duidType: 4, uuid: b.subarray(p + 2, end) };
    default:
      return { duidType: t, data: b.subarray(p + 2, end) };
  }
}

// ---------------------------------------------------------------- DHCPv6 options

type Addr = (b: Uint8Array, p: number) => unknown;

function makeWalker(addr: Addr, v4: (b: Uint8Array, p: number, end: number) => unknown) {
  function options(b: Uint8Array, p: number, end: number, depth: number): object[] {
    if (depth >= MAX_DEPTH) fail("depth-exceeded", p);
    const out: object[] = [];
    while (p < end) {
      if (end - p < 4) fail(end === b.length ? "truncated" : "length-mismatch", p);
      const code = rd16(b, p);
      const len = rd16(b, p + 2);
      const s = p + 4;
      const e = s + len;
      if (e > end) fail(end === b.length ? "truncated" : "length-mismatch", p + 2);
      out.push(option(b, code, len, s, e, depth));
      p = e;
    }
    return out;
  }

  function fixed(len: number, want: number, s: number): void {
    if (len !== want) fail("length-mismatch", s - 2);
  }
  function atLeast(len: number, want: number, s: number): void {
    if (len < want) fail("length-mismatch", s - 2);
  }

  function option(b: Uint8Array, code: number, len: number, s: number, e: number, depth: number): object {
    switch (code) {
      case 1:
        atLeast(len, 2, s);
        return { code: 1, duid: duid(b, s, e) };
      case 2:
        atLeast(len, 2, s);
        return { code: 2, duid: duid(b, s, e) };
      case 3:
        atLeast(len, 12, s);
        return {
          code: 3,
          iaid: rd32(b, s),
          t1: rd32(b, s + 4),
          t2: rd32(b, s + 8),
          options: options(b, s + 12, e, depth + 1),
        };
      case 5:
        atLeast(len, 24, s);
        return {
          code: 5,
          address: addr(b, s),
          preferredLifetime: rd32(b, s + 16),
          validLifetime: rd32(b, s + 20),
          options: options(b, s + 24, e, depth + 1),
        };
      case 13: {
        atLeast(len, 2, s);
        let text = "";
        for (let i = s + 2; i < e; i++) {
          const c = b[i] as number;
          if (c > 0x7f) fail("invalid-value", s + 2);
          text += String.fromCharCode(c);
        }
        return { code: 13, statusCode: rd16(b, s), statusMessage: text };
      }
      case 25:
        atLeast(len, 12, s);
        return {
          code: 25,
          iaid: rd32(b, s),
          t1: rd32(b, s + 4),
          t2: rd32(b, s + 8),
          options: options(b, s + 12, e, depth + 1),
        };
      case 26:
        atLeast(len, 25, s);
        return {
          code: 26,
          preferredLifetime: rd32(b, s),
          validLifetime: rd32(b, s + 4),
          prefixLength: b[s + 8] as number,
          prefix: addr(b, s + 9),
          options: options(b, s + 25, e, depth + 1),
        };
      case 45:
        return { code: 45, options: options(b, s, e, depth + 1) };
      case 46:
        fixed(len, 4, s);
        return { code: 46, cltTime: rd32(b, s) };
      case 53:
        atLeast(len, 2, s);
        return { code: 53, duid: duid(b, s, e) };
      case 87:
        return { code: 87, dhcpv4Message: v4(b, s, e) };
      case 100:
        fixed(len, 4, s);
        return { code: 100, baseTime: rd32(b, s) };
      case 101:
        fixed(len, 4, s);
        return { code: 101, queryStartTime: rd32(b, s) };
      case 102:
        fixed(len, 4, s);
        return { code: 102, queryEndTime: rd32(b, s) };
      default:
        return { code, data: b.subarray(s, e) };
    }
  }

  /** Decodes a client/server DHCPv6 message (all the bench uses). */
  return function decode(b: Uint8Array): object {
    if (b.length < 4) fail("truncated", b.length < 1 ? 0 : 1);
    return {
      msgType: b[0] as number,
      transactionId: ((b[1] as number) << 16) | ((b[2] as number) << 8) | (b[3] as number),
      options: options(b, 4, b.length, 0),
    };
  };
}

// ---------------------------------------------------------------- DHCPv4 (inside option 87)

/** Sub-options of option 82 (RFC 3046): 1 circuit-id, 2 remote-id, 12 relay-id (RFC 6925), others raw. */
function subOptions(b: Uint8Array, p: number, end: number): object[] {
  const out: object[] = [];
  while (p < end) {
    if (end - p < 2) fail("length-mismatch", p);
    const code = b[p] as number;
    const len = b[p + 1] as number;
    const s = p + 2;
    const e = s + len;
    if (e > end) fail("length-mismatch", p + 1);
    switch (code) {
      case 1:
        out.push({ code: 1, circuitId: b.subarray(s, e) });
        break;
      case 2:
        out.push({ code: 2, remoteId: b.subarray(s, e) });
        break;
      case 12:
        out.push({ code: 12, relayId: b.subarray(s, e) });
        break;
      default:
        out.push({ code, data: b.subarray(s, e) });
    }
    p = e;
  }
  return out;
}

const MAC: string[] = [];
for (let i = 0; i < 256; i++) MAC.push((HEX[i >> 4] as string) + (HEX[i & 15] as string));

/** chaddr as "aa:bb:..." text for Ethernet (htype 1, hlen 6, zero padding), else the 16 bytes. */
function chaddr(b: Uint8Array, p: number): unknown {
  let ethernet = b[p + 1] === 1 && b[p + 2] === 6;
  for (let i = p + 34; ethernet && i < p + 44; i++) if (b[i] !== 0) ethernet = false;
  if (!ethernet) return b.subarray(p + 28, p + 44);
  const q = p + 28;
  return `${MAC[b[q] as number]}:${MAC[b[q + 1] as number]}:${MAC[b[q + 2] as number]}:${MAC[b[q + 3] as number]}:${MAC[b[q + 4] as number]}:${MAC[b[q + 5] as number]}`;
}

function makeV4(addr4: (b: Uint8Array, p: number) => unknown) {
  return function decodeV4(b: Uint8Array, p: number, end: number): object {
    if (end - p < 240) fail("length-mismatch", p);
    if ((b[p + 2] as number) > 16) fail("invalid-value", p + 2);
    if (b[p + 236] !== 99 || b[p + 237] !== 130 || b[p + 238] !== 83 || b[p + 239] !== 99) {
      fail("invalid-value", p + 236);
    }
    const options: object[] = [];
    let q = p + 240;
    while (q < end) {
      const code = b[q] as number;
      if (code === 0) {
        options.push({ code: 0 });
        q++;
        continue;
      }
      if (code === 255) {
        // What follows the end option is kept (the library's shape).
        options.push(q + 1 < end ? { code: 255, trailing: b.subarray(q + 1, end) } : { code: 255 });
        break;
      }
      if (end - q < 2) fail("length-mismatch", q);
      const len = b[q + 1] as number;
      const s = q + 2;
      const e = s + len;
      if (e > end) fail("length-mismatch", q + 1);
      switch (code) {
        case 51:
          if (len !== 4) fail("length-mismatch", q + 1);
          options.push({ code, leaseTime: rd32(b, s) });
          break;
        case 53:
          if (len !== 1) fail("length-mismatch", q + 1);
          options.push({ code, messageType: b[s] as number });
          break;
        case 54:
          if (len !== 4) fail("length-mismatch", q + 1);
          options.push({ code, serverIdentifier: addr4(b, s) });
          break;
        case 61:
          if (len < 1) fail("length-mismatch", q + 1);
          options.push({ code, type: b[s] as number, clientIdentifier: b.subarray(s + 1, e) });
          break;
        case 82:
          options.push({ code, suboptions: subOptions(b, s, e) });
          break;
        case 152:
          if (len !== 4) fail("length-mismatch", q + 1);
          options.push({ code, baseTime: rd32(b, s) });
          break;
        case 156:
          if (len !== 1) fail("length-mismatch", q + 1);
          options.push({ code, dhcpState: b[s] as number });
          break;
        default:
          options.push({ code, data: b.subarray(s, e) });
      }
      q = e;
    }
    return {
      op: b[p] as number,
      htype: b[p + 1] as number,
      hlen: b[p + 2] as number,
      hops: b[p + 3] as number,
      xid: rd32(b, p + 4),
      secs: rd16(b, p + 8),
      flags: rd16(b, p + 10),
      ciaddr: addr4(b, p + 12),
      yiaddr: addr4(b, p + 16),
      siaddr: addr4(b, p + 20),
      giaddr: addr4(b, p + 24),
      chaddr: chaddr(b, p),
      sname: b.subarray(p + 44, p + 108),
      file: b.subarray(p + 108, p + 236),
      options,
    };
  };
}

const view16 = (b: Uint8Array, p: number): Uint8Array => b.subarray(p, p + 16);
const view4 = (b: Uint8Array, p: number): Uint8Array => b.subarray(p, p + 4);

/** Hand-written decoder, addresses as text (like-for-like with `decode()`). */
export const walkText = makeWalker(ipv6Text, makeV4(ipv4Text));
/** Hand-written decoder, addresses as 16/4-byte views (the reference figures' walker). */
export const walkView = makeWalker(view16, makeV4(view4));
/** The DHCPv4 part alone, addresses as text. */
export const walkV4Text = makeV4(ipv4Text);

// ---------------------------------------------------------------- length-only walk

/** Option codes whose body (after a fixed part of N bytes) is an option list. */
const NESTED: Int16Array = (() => {
  const t = new Int16Array(65536).fill(-1);
  for (const [code, skip] of [
    [3, 12],
    [4, 4],
    [5, 24],
    [25, 12],
    [26, 25],
    [44, 17],
    [45, 0],
  ] as const) {
    t[code] = skip;
  }
  return t;
})();

function walkList(b: Uint8Array, p: number, end: number, depth: number): void {
  if (depth >= MAX_DEPTH) fail("depth-exceeded", p);
  while (p < end) {
    if (end - p < 4) fail("truncated", p);
    const code = rd16(b, p);
    const e = p + 4 + rd16(b, p + 2);
    if (e > end) fail("length-mismatch", p + 2);
    const skip = NESTED[code] as number;
    if (skip >= 0) {
      if (e - p - 4 < skip) fail("length-mismatch", p + 2);
      walkList(b, p + 4 + skip, e, depth + 1);
    }
    p = e;
  }
}

/** Validates the option structure only; returns the message type. */
export function walkLength(b: Uint8Array): number {
  if (b.length < 4) fail("truncated", 0);
  walkList(b, 4, b.length, 0);
  return b[0] as number;
}
