/**
 * The inspector's tree: the library's {@link TreeNode}, moved to where a
 * message sits in the bytes shown (a frame of a stream), and lookups from
 * a byte or a path to a node. Pure: no DOM.
 * @module
 */
import { isWithinPath, joinPath, type TreeNode } from "../../src/index.js";

/** One node of the inspector's tree (offsets count from the start of the bytes shown). */
export type ViewNode = TreeNode;

/** `[offset, length]` of a run of bytes in the bytes shown. */
export type ByteRange = readonly [offset: number, length: number];

/**
 * The bytes a node covers, as ranges for the hex view.
 * @param n - a node
 * @returns its one range, or none for a zero-length field
 */
export function rangesOf(n: ViewNode): ByteRange[] {
  return n.length > 0 ? [[n.offset, n.length]] : [];
}

/**
 * A tree node of the inspector's own (a stream and its frames).
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
    ...(extra.value === undefined ? {} : { value: extra.value }),
    ...(extra.rfc === undefined ? {} : { rfc: extra.rfc }),
    offset,
    length,
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
  return {
    ...t,
    offset: t.offset + shift,
    path: joinPath(pathPrefix, t.path),
    children: t.children.map((c) => fromTreeNode(c, shift, pathPrefix)),
  };
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
 * that starts last (the narrower one, where siblings' ranges overlap).
 * @param tree - an indexed tree
 * @param offset - a byte offset in the bytes shown
 * @returns the node, or undefined when no node covers the byte
 */
export function nodeAtByte(tree: IndexedTree, offset: number): ViewNode | undefined {
  let best: ViewNode | undefined;
  let bestDepth = -1;
  let bestStart = -1;
  for (const n of tree.nodes) {
    if (offset < n.offset || offset >= n.offset + n.length) continue;
    const d = tree.depth.get(n) ?? 0;
    if (d > bestDepth || (d === bestDepth && n.offset > bestStart)) {
      best = n;
      bestDepth = d;
      bestStart = n.offset;
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
    if (isWithinPath(path, n.path) && (best === undefined || n.path.length > best.path.length)) best = n;
  }
  return best;
}
