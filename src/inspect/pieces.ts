/**
 * Where the bytes of a value joined from RFC 3396 instances lie on the
 * wire: the instances' data, in value order, and a map from an offset in
 * the joined value to the wire byte it came from.
 * @module
 * @internal
 */

/** The wire bytes of one instance's data: absolute offset and length. @internal */
export interface Piece {
  readonly at: number;
  readonly len: number;
}

/** Maps joined-value offsets to wire offsets; `steps` counts the pieces it looked at. @internal */
export interface PieceMap {
  map(offset: number): number;
  /** Pieces visited so far, summed over every call: a machine-independent cost. */
  readonly steps: number;
}

/**
 * The map of `pieces` (non-empty). A tree asks for its fields in wire
 * order, so the map keeps a cursor on the last piece it used and walks on
 * from there: n fields over p pieces cost O(n + p), where a search from the
 * first piece each time cost O(n x p) (6 s for a 64 KB option 55 in 1-octet
 * runs). An offset behind the cursor is found by binary search.
 * @internal
 */
export function pieceMap(pieces: readonly Piece[]): PieceMap {
  // starts[i]: the joined-value offset of pieces[i]'s first byte.
  const starts: number[] = [];
  let total = 0;
  for (const p of pieces) {
    starts.push(total);
    total += p.len;
  }
  const last = pieces.length - 1;
  let i = 0;
  let steps = 0;
  return {
    get steps() {
      return steps;
    },
    map(offset) {
      if (offset < (starts[i] as number)) {
        // Behind the cursor: the last piece starting at or before it.
        let lo = 0;
        let hi = i;
        while (lo < hi) {
          steps++;
          const mid = (lo + hi + 1) >> 1;
          if ((starts[mid] as number) <= offset) lo = mid;
          else hi = mid - 1;
        }
        i = lo;
      }
      // Forward to the piece holding `offset`; past the value's end, the
      // last piece (an end offset is just after the last byte).
      while (i < last && offset >= (starts[i] as number) + (pieces[i] as Piece).len) {
        steps++;
        i++;
      }
      steps++;
      const p = pieces[i] as Piece;
      return p.at + offset - (starts[i] as number);
    },
  };
}
