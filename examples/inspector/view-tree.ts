/**
 * The inspector's tree model: the library's {@link TreeNode} with byte
 * ranges instead of one offset and length, so that a node whose bytes are
 * not contiguous (a DHCPv4 option split across instances, RFC 3396) can
 * still be highlighted exactly. Pure: no DOM.
 * @module
 */
import type { TreeNode } from "../../src/index.js";

/** `[offset, length]` of a run of bytes in the bytes shown. */
export type ByteRange = readonly [offset: number, length: number];

/** One node of the inspector's tree. */
export interface ViewNode {
  /** Field name, `NAME (code)` for an option, or the message type. */
  readonly label: string;
  /** The rendered value, when there is one. */
  readonly value?: string | undefined;
  /** The RFC section that defines the node's layout. */
  readonly rfc?: string | undefined;
  /** The node's first byte (for an empty node: where it would be). */
  readonly offset: number;
  /** How many bytes the node covers: the sum of its ranges. */
  readonly length: number;
  /** The bytes the node covers (for a split DHCPv4 option, in the order its value joins them); empty for a zero-length field. */
  readonly ranges: readonly ByteRange[];
  /** The node's path, in the syntax DecodeError and Diagnostic paths use. */
  readonly path: string;
  /** Child nodes, in wire order. */
  readonly children: readonly ViewNode[];
}

/**
 * Joins path segments the way the library's paths read: `a.b`, `a[0]`.
 * @param prefix - the outer path ("" at the top)
 * @param path - the inner path
 * @returns the joined path
 */
export function joinPath(prefix: string, path: string): string {
  if (prefix === "") return path;
  if (path === "") return prefix;
  return path.startsWith("[") ? prefix + path : `${prefix}.${path}`;
}

/**
 * A node with one contiguous range.
 * @param label - what the node is
 * @param offset - its first byte
 * @param length - how many bytes
 * @param path - where it is
 * @param extra - value, RFC reference and children
 * @returns the node
 */
export function node(
  label: string,
  offset: number,
  length: number,
  path: string,
  extra: { value?: string | undefined; rfc?: string | undefined; children?: readonly ViewNode[] } = {},
): ViewNode {
  return {
    label,
    value: extra.value,
    rfc: extra.rfc,
    offset,
    length,
    ranges: length > 0 ? [[offset, length]] : [],
    path,
    children: extra.children ?? [],
  };
}

/**
 * Converts a library tree, moving every offset by `shift` and putting
 * `pathPrefix` in front of every path (a message inside a stream frame).
 * @param t - a node from `inspectMessage`
 * @param shift - added to every offset
 * @param pathPrefix - put in front of every path
 * @returns the converted tree
 */
export function fromTreeNode(t: TreeNode, shift = 0, pathPrefix = ""): ViewNode {
  return node(t.label, t.offset + shift, t.length, joinPath(pathPrefix, t.path), {
    value: t.value,
    rfc: t.rfc,
    children: t.children.map((c) => fromTreeNode(c, shift, pathPrefix)),
  });
}

/** A tree walked once: pre-order list, parents and depths, for lookups. */
export interface IndexedTree {
  readonly root: ViewNode;
  /** Every node, in pre-order (wire order). */
  readonly nodes: readonly ViewNode[];
  readonly parent: ReadonlyMap<ViewNode, ViewNode>;
  readonly depth: ReadonlyMap<ViewNode, number>;
}

/**
 * Indexes a tree.
 * @param root - the tree
 * @returns its pre-order list, parents and depths
 */
export function indexTree(root: ViewNode): IndexedTree {
  const nodes: ViewNode[] = [];
  const parent = new Map<ViewNode, ViewNode>();
  const depth = new Map<ViewNode, number>();
  const walk = (n: ViewNode, d: number): void => {
    nodes.push(n);
    depth.set(n, d);
    for (const c of n.children) {
      parent.set(c, n);
      walk(c, d + 1);
    }
  };
  walk(root, 0);
  return { root, nodes, parent, depth };
}

/**
 * The deepest node covering byte `offset`; among equally deep ones, the one
 * that starts last (the continuation run of a split option rather than the
 * option whose value it continues).
 * @param tree - an indexed tree
 * @param offset - a byte offset in the bytes shown
 * @returns the node, or undefined when no node covers the byte
 */
export function nodeAtByte(tree: IndexedTree, offset: number): ViewNode | undefined {
  let best: ViewNode | undefined;
  let bestDepth = -1;
  let bestStart = -1;
  for (const n of tree.nodes) {
    const r = n.ranges.find(([o, l]) => offset >= o && offset < o + l);
    if (r === undefined) continue;
    const d = tree.depth.get(n) ?? 0;
    if (d > bestDepth || (d === bestDepth && r[0] > bestStart)) {
      best = n;
      bestDepth = d;
      bestStart = r[0];
    }
  }
  return best;
}

/**
 * The node with exactly this path, or the nearest one above it (a
 * diagnostic may name a field the tree does not split out, such as a
 * query-options list's `.options`).
 * @param tree - an indexed tree
 * @param path - a DecodeError or Diagnostic path
 * @returns the deepest node whose path is `path` or a prefix of it
 */
export function nodeAtPath(tree: IndexedTree, path: string): ViewNode | undefined {
  let best: ViewNode | undefined;
  for (const n of tree.nodes) {
    const p = n.path;
    const within = p === path || p === "" || path.startsWith(`${p}.`) || path.startsWith(`${p}[`);
    if (within && (best === undefined || p.length > best.path.length)) best = n;
  }
  return best;
}

/**
 * Every byte offset the ranges cover, in order.
 * @param ranges - byte ranges
 * @returns the offsets
 */
export function bytesOf(ranges: readonly ByteRange[]): number[] {
  const out: number[] = [];
  for (const [o, l] of ranges) for (let i = 0; i < l; i++) out.push(o + i);
  return out;
}
