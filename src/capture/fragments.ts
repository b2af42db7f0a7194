/**
 * A small IP fragment reassembler for IPv4 (RFC 791 §3.2) and IPv6
 * (RFC 8200 §4.5), bounded in memory: at most `maxDatagrams` datagrams in
 * progress, each at most 65535 bytes in at most 128 fragments; the oldest
 * is dropped to make room. Overlapping fragments drop their datagram (as
 * RFC 5722 requires for IPv6; for IPv4 it avoids choosing between two
 * versions of the same bytes), but
 * an exact duplicate (a fragment captured twice) is ignored. There is no
 * clock: a datagram whose fragments never all arrive waits until evicted.
 * @module
 * @internal
 */

/** The largest datagram an IP length field can describe. */
const MAX_DATAGRAM = 65535;
/**
 * Fragments held per datagram. A 65535-byte datagram cut for the smallest
 * IPv6 MTU (1280) has 52, and for a 576-byte IPv4 path 114; more is in
 * practice a tiny-fragment attack (RFC 1858).
 */
const MAX_PIECES = 128;

interface Piece {
  readonly offset: number;
  readonly data: Uint8Array;
}

interface Datagram {
  /** Non-overlapping, sorted by offset. */
  readonly pieces: Piece[];
  /** Length of the whole datagram, once the last fragment has arrived. */
  total: number | undefined;
  received: number;
  maxEnd: number;
}

/** @internal */
export class FragmentReassembler {
  private readonly pending = new Map<string, Datagram>();
  private readonly maxDatagrams: number;

  constructor(maxDatagrams: number) {
    this.maxDatagrams = maxDatagrams;
  }

  /** Forgets every datagram in progress; returns how many there were. */
  clear(): number {
    const n = this.pending.size;
    this.pending.clear();
    return n;
  }

  /**
   * Adds one fragment; returns the reassembled datagram (a fresh buffer)
   * when this fragment completes it. `report` hears every datagram dropped.
   */
  add(
    key: string,
    offset: number,
    more: boolean,
    data: Uint8Array,
    report: (reason: string) => void,
  ): Uint8Array | undefined {
    const end = offset + data.length;
    if (end > MAX_DATAGRAM) {
      this.pending.delete(key);
      report(`a fragment ends at byte ${end}, past the largest datagram (${MAX_DATAGRAM})`);
      return undefined;
    }
    let d = this.pending.get(key);
    if (d === undefined) {
      if (this.pending.size >= this.maxDatagrams) {
        const oldest = this.pending.keys().next().value as string;
        this.pending.delete(oldest);
        report(`an incomplete datagram was dropped to stay within ${this.maxDatagrams} in progress`);
      }
      d = { pieces: [], total: undefined, received: 0, maxEnd: 0 };
      this.pending.set(key, d);
    }
    const problem = this.place(d, offset, more, data);
    if (problem === "duplicate") return undefined;
    if (problem !== undefined) {
      this.pending.delete(key);
      report(problem);
      return undefined;
    }
    if (d.total === undefined || d.received !== d.total) return undefined;
    this.pending.delete(key);
    const out = new Uint8Array(d.total);
    for (const p of d.pieces) out.set(p.data, p.offset);
    return out;
  }

  /** Inserts a fragment; returns why the datagram must be dropped, "duplicate", or undefined. */
  private place(d: Datagram, offset: number, more: boolean, data: Uint8Array): string | undefined {
    const end = offset + data.length;
    if (!more) {
      if ((d.total !== undefined && d.total !== end) || d.maxEnd > end) {
        return "the last fragment disagrees with the others about the datagram's length";
      }
      d.total = end;
    } else if (d.total !== undefined && end > d.total) {
      return "a fragment ends past the datagram's last fragment";
    }
    if (data.length === 0) return undefined;
    // The first piece that ends after this one starts is the only one that can overlap it from below.
    const { pieces } = d;
    let lo = 0;
    let hi = pieces.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const p = pieces[mid] as Piece;
      if (p.offset + p.data.length <= offset) lo = mid + 1;
      else hi = mid;
    }
    const next = pieces[lo];
    if (next !== undefined && next.offset < end) {
      return sameBytes(next, offset, data) ? "duplicate" : "fragments overlap (RFC 5722)";
    }
    if (pieces.length === MAX_PIECES) return `more than ${MAX_PIECES} fragments`;
    pieces.splice(lo, 0, { offset, data: data.slice() });
    d.received += data.length;
    d.maxEnd = Math.max(d.maxEnd, end);
    return undefined;
  }
}

function sameBytes(p: Piece, offset: number, data: Uint8Array): boolean {
  if (p.offset !== offset || p.data.length !== data.length) return false;
  for (let i = 0; i < data.length; i++) if (p.data[i] !== data[i]) return false;
  return true;
}
