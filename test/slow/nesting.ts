/**
 * Builders of deeply nested inputs for the slow suite. "Levels" count as
 * `DecodeOptions.maxDepth` counts them: a message's own options are level
 * 1, and each RELAY_MSG, LQ_RELAY_DATA or CLIENT_DATA adds one.
 */

function wrap(header: readonly number[], code: number, inner: Uint8Array): Uint8Array {
  if (inner.length > 0xffff) throw new RangeError(`option-len ${inner.length} does not fit 16 bits`);
  const out = new Uint8Array(header.length + 4 + inner.length);
  out.set(header);
  const h = header.length;
  out[h] = code >>> 8;
  out[h + 1] = code & 0xff;
  out[h + 2] = inner.length >>> 8;
  out[h + 3] = inner.length & 0xff;
  out.set(inner, h + 4);
  return out;
}

/** RELAY-FORW header: msg-type, hop-count, link-address, peer-address. */
const RELAY_HEADER = [12, 0, ...new Array<number>(32).fill(0)];

/** `levels - 1` RELAY-FORW messages, each in the previous one's RELAY_MSG, around an empty LEASEQUERY. */
export function relayChain(levels: number): Uint8Array {
  let m: Uint8Array = Uint8Array.of(14, 0, 0, 1);
  for (let i = 1; i < levels; i++) m = wrap(RELAY_HEADER, 9, m);
  return m;
}

/** A LEASEQUERY-DATA whose options hold CLIENT_DATA nested `levels - 1` deep (the innermost empty). */
export function clientDataChain(levels: number): Uint8Array {
  let body: Uint8Array = new Uint8Array(0);
  for (let i = 2; i < levels; i++) body = wrap([], 45, body);
  return levels === 1 ? Uint8Array.of(17, 0, 0, 1) : wrap([17, 0, 0, 1], 45, body);
}

/**
 * How deep the option lists (DHCPv4 Relay Agent sub-options included) of a
 * decoded value go: 1 for a message whose options hold no nested list.
 */
export function depthOf(v: unknown): number {
  if (v === null || typeof v !== "object" || v instanceof Uint8Array) return 0;
  let deepest = 0;
  for (const [k, x] of Object.entries(v)) {
    const d = depthOf(x) + ((k === "options" || k === "suboptions") && Array.isArray(x) ? 1 : 0);
    if (d > deepest) deepest = d;
  }
  return deepest;
}
