/**
 * Text output of the decode and validate commands: a message's heading,
 * its tree with the diagnostics under the nodes they concern, decode
 * errors at their byte offset with the bytes around it, and hex dumps.
 * @module
 */
import type { Dhcpv4HeaderAnomaly, Diagnostic, TreeNode } from "../src/index.js";
import { isWithinPath, toHex } from "../src/index.js";
import type { Decoded, Failed } from "./decode-message.js";
import { errorContext, errorLine } from "./error-text.js";
import type { Source } from "./found.js";
import { infoLine } from "./info.js";

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

/**
 * A header anomaly the lenient decode kept, as a line: what `--strict`
 * would have rejected, at which byte and path (the reason is also on the
 * field's node).
 */
export function anomalyLine(a: Dhcpv4HeaderAnomaly): string {
  return `${MARK.warning} anomaly ${a.code} at byte ${a.offset} (${a.path}): ${a.reason}; --strict rejects it`;
}

/** A line placed under the deepest node whose path holds `path`. */
interface Note {
  readonly path: string;
  readonly line: string;
}

/** Assigns each note to the deepest node whose path holds it. */
function placeNotes(root: TreeNode, notes: readonly Note[]): Map<TreeNode, string[]> {
  const out = new Map<TreeNode, string[]>();
  for (const d of notes) {
    let node = root;
    for (;;) {
      const child = node.children.find((c) => isWithinPath(d.path, c.path) && c.path !== node.path);
      if (child === undefined) break;
      node = child;
    }
    out.set(node, [...(out.get(node) ?? []), d.line]);
  }
  return out;
}

/** The tree as indented text, with diagnostics and header anomalies as extra lines under their nodes. */
export function renderTree(
  root: TreeNode,
  diagnostics: readonly Diagnostic[],
  options: RenderOptions,
  anomalies: readonly Dhcpv4HeaderAnomaly[] = [],
): string[] {
  const placed = placeNotes(root, [
    ...anomalies.map((a) => ({ path: a.path, line: anomalyLine(a) })),
    ...diagnostics.map((d) => ({ path: d.path, line: diagnosticLine(d) })),
  ]);
  const lines: string[] = [];
  const text = (n: TreeNode): string => {
    let s = n.label;
    if (n.value !== undefined && n.value !== "") s += `: ${n.value}`;
    if (n.rfc) s += `  [${n.rfc}]`;
    if (options.offsets) s += `  @${n.offset}+${n.length}`;
    return s;
  };
  const walk = (n: TreeNode, prefix: string): void => {
    const notes = placed.get(n) ?? [];
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

/**
 * Where a message came from, in one line. Packets, lines and messages are
 * counted from 1, as Wireshark counts packets; a TCP connection is
 * numbered from 0 like Wireshark's `tcp.stream`, and a message is counted
 * within its connection and direction.
 */
export function sourceLine(s: Source, length: number): string {
  const c = s.capture;
  const input = s.input === "argument" ? "" : `${s.input}: `;
  if (c === undefined) {
    const what = s.format === "hex" ? `line ${s.number}` : s.format === "framed" ? `message ${s.number}` : "message";
    if (s.input === "argument") return `hex argument${s.format === "framed" ? ` ${what}` : ""} (${length} bytes)`;
    return `${input}${what} (${length} bytes)`;
  }
  const tcp = c.transport === "tcp" ? `TCP connection ${c.connection} message ${c.message}` : "UDP";
  return `${input}packet ${s.number}${c.time ? ` ${c.time}` : ""} ${tcp} ${c.src} → ${c.dst} (${length} bytes)`;
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
  return [head, ...renderTree(r.tree, r.diagnostics, options, r.anomalies), ...dump];
}

/** A message's one line for `decode --brief`. */
export function briefLine(r: Decoded | Failed, n: number): string {
  const where = sourceLine(r.found.source, r.found.bytes.length);
  if (r.type === "failed") return `#${n} ${where}: ${errorLine(r.error)}`;
  const counts = ["error", "warning"].map((s) => [s, r.diagnostics.filter((d) => d.severity === s).length] as const);
  const notes = counts.filter(([, k]) => k > 0).map(([s, k]) => `${k} ${s}(s)`);
  if (r.anomalies.length > 0) notes.push(`${r.anomalies.length} header anomaly(ies)`);
  return `#${n} ${where}: ${infoLine(r.tree)}${notes.length ? ` (${notes.join(", ")})` : ""}`;
}
