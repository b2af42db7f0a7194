/**
 * The node type of inspection trees.
 * @module
 */

/** One node of an inspection tree. */
export interface TreeNode {
  /** What the node is: a field name, `NAME (code)` for an option, a message type. */
  readonly label: string;
  /** The rendered value of a leaf (or a summary of a container). */
  readonly value?: string;
  /** The RFC section that defines the node's layout, for options and messages. */
  readonly rfc?: string;
  /** Absolute offset of the node's first byte in the encoded message. */
  readonly offset: number;
  /** How many bytes the node covers, headers included. */
  readonly length: number;
  /** The node's path, in the syntax DecodeError paths use. */
  readonly path: string;
  /** Child nodes, in wire order. */
  readonly children: readonly TreeNode[];
}
