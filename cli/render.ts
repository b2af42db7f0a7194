/**
 * Text output of the decode and validate commands: a message's heading,
 * its tree with the diagnostics under the nodes they concern, decode
 * errors at their byte offset with the bytes around it, and hex dumps.
 * @module
 */
import type { DecodeError, Diagnostic, TreeNode } from "../src/index.js";
import { toHex } from "../src/index.js";
import type { Decoded, Failed } from "./decode-message.js";
import type { Source } from "./input.js";

/** How trees are drawn. */
export interface RenderOptions {
  /** Show `@offset+length`. */
  readonly offsets: boolean;
}

const MARK = { error: "✖", warning: "⚠" } as const;

/** One diagnostic as a line: mark, severity, rule, text, RFC section. */
export function diagnosticLine(d: Diagnostic): string {
  return `${MARK[d.severity]} ${d.severity} ${d.rule}: ${d.message}  [${d.rfc}]`;
}

/** Is `prefix` the path of `path` or of one of its ancestors? */
function isWithin(path: string, prefix: string): boolean {
  if (prefix === "") return true;
  if (!path.startsWith(prefix)) return false;
  const next = path[prefix.length];
  return next === undefined || next === "." || next === "[";
}

/** Assigns each diagnostic to the deepest node whose path holds it. */
function placeDiagnostics(root: TreeNode, diagnostics: readonly Diagnostic[]): Map<TreeNode, Diagnostic[]> {
  const out = new Map<TreeNode, Diagnostic[]>();
  for (const d of diagnostics) {
    let node = root;
    for (;;) {
      const child = node.children.find((c) => isWithin(d.path, c.path) && c.path !== node.path);
      if (child === undefined) break;
      node = child;
    }
    out.set(node, [...(out.get(node) ?? []), d]);
  }
  return out;
}

/** The tree as indented text, with diagnostics as extra lines under their nodes. */
export function renderTree(root: TreeNode, diagnostics: readonly Diagnostic[], options: RenderOptions): string[] {
  const placed = placeDiagnostics(root, diagnostics);
  const lines: string[] = [];
  const text = (n: TreeNode): string => {
    let s = n.label;
    if (n.value !== undefined && n.value !== "") s += `: ${n.value}`;
    if (n.rfc) s += `  [${n.rfc}]`;
    if (options.offsets) s += `  @${n.offset}+${n.length}`;
    return s;
  };
  const walk = (n: TreeNode, prefix: string): void => {
    const notes = (placed.get(n) ?? []).map(diagnosticLine);
    const items: (TreeNode | string)[] = [...notes, ...n.children];
    items.forEach((c, i) => {
      const last = i === items.length - 1;
      lines.push(`${prefix}${last ? "└─ " : "├─ "}${typeof c === "string" ? c : text(c)}`);
      if (typeof c !== "string") walk(c, prefix + (last ? "   " : "│  "));
    });
  };
  lines.push(text(root));
  walk(root, "");
  return lines;
}

/** Where a message came from, in one line. */
export function sourceLine(s: Source, length: number): string {
  const c = s.capture;
  const input = s.input === "argument" ? "" : `${s.input}: `;
  if (c === undefined) {
    if (s.input === "argument") return `hex argument (${length} bytes)`;
    const what = s.format === "hex" ? `line ${s.index + 1}` : s.format === "framed" ? `frame ${s.index}` : "message";
    return `${input}${what} (${length} bytes)`;
  }
  const tcp = c.transport === "tcp" ? `TCP connection ${c.connection} frame ${c.frame}` : "UDP";
  return `${input}packet ${s.index}${c.time ? ` ${c.time}` : ""} ${tcp} ${c.src} → ${c.dst} (${length} bytes)`;
}

/** The bytes around an error offset, with a caret under the byte. */
export function errorContext(bytes: Uint8Array, offset: number): string[] {
  const row = Math.floor(Math.min(offset, Math.max(bytes.length - 1, 0)) / 16) * 16;
  const slice = bytes.subarray(row, row + 16);
  const head = `${row.toString().padStart(6)}  `;
  const line = head + Array.from(slice, (b) => b.toString(16).padStart(2, "0")).join(" ");
  const col = offset - row;
  // An offset at the end of the bytes points just past the last one.
  const caret = `${" ".repeat(head.length + col * 3)}^${offset >= bytes.length ? " (end of message)" : ""}`;
  return [line, caret];
}

/** `error at byte N (path): reason`. */
export function errorLine(e: DecodeError): string {
  return `error at byte ${e.offset}${e.path ? ` (${e.path})` : ""}: ${e.reason}`;
}

/** Offsets and hex bytes, 16 a line. */
export function hexDump(bytes: Uint8Array): string[] {
  const out: string[] = [];
  for (let at = 0; at < bytes.length; at += 16) {
    out.push(`${at.toString().padStart(6)}  ${toHex(bytes.subarray(at, at + 16)).replace(/(..)(?!$)/g, "$1 ")}`);
  }
  return out;
}

/** A message's text block for `decode`. */
export function renderDecoded(r: Decoded | Failed, n: number, options: RenderOptions & { hexDump: boolean }): string[] {
  const head = `#${n} ${sourceLine(r.found.source, r.found.bytes.length)}`;
  const dump = options.hexDump ? hexDump(r.found.bytes) : [];
  if (r.type === "failed") return [head, errorLine(r.error), ...errorContext(r.found.bytes, r.error.offset), ...dump];
  return [head, ...renderTree(r.tree, r.diagnostics, options), ...dump];
}

/** A message's one line for `decode --brief`. */
export function briefLine(r: Decoded | Failed, n: number): string {
  const where = sourceLine(r.found.source, r.found.bytes.length);
  if (r.type === "failed") return `#${n} ${where}: ${errorLine(r.error)}`;
  const counts = ["error", "warning"].map((s) => [s, r.diagnostics.filter((d) => d.severity === s).length] as const);
  const notes = counts.filter(([, k]) => k > 0).map(([s, k]) => `${k} ${s}(s)`);
  return `#${n} ${where}: ${r.tree.label}${notes.length ? ` (${notes.join(", ")})` : ""}`;
}
