/**
 * The records of `decode --json` and `validate --json`, one JSON object a
 * line. A message record holds the message in the JSON form that `encode`
 * reads back.
 * @module
 */
import type { DecodeError, Dhcpv4HeaderAnomaly, Diagnostic, TreeNode } from "../src/index.js";
import { formatPath, indexSegment, joinPath, type PathSegment, parsePath, toHex } from "../src/index.js";
import type { Decoded, Failed } from "./decode-message.js";
import type { InputProblem, Source } from "./found.js";
import { type Json, NAME_KEY, toJsonForm } from "./json-form.js";

function sourceJson(s: Source): Json {
  return toJsonForm(s);
}

function errorJson(e: DecodeError): Json {
  return { code: e.code, offset: e.offset, path: e.path, reason: e.reason, message: e.message };
}

function diagnosticJson(d: Diagnostic): Json {
  return { severity: d.severity, rule: d.rule, rfc: d.rfc, path: d.path, message: d.message };
}

/** An inspection tree node's label `NAME (code)`, split. */
const OPTION_LABEL = /^(.+) \((\d+)\)$/;

/**
 * The option names of a message, by path: the tree's paths (which are
 * also the JSON form's, once the `(NAME)` after each index is taken out)
 * to the names its labels give.
 */
function namesByPath(tree: TreeNode): Map<string, { name: string; code: number }> {
  const out = new Map<string, { name: string; code: number }>();
  const stack = [tree];
  while (stack.length > 0) {
    const n = stack.pop() as TreeNode;
    const m = OPTION_LABEL.exec(n.label);
    const steps = parsePath(n.path);
    if (m !== null && steps !== undefined)
      out.set(formatPath(steps.map(withoutName)), { name: m[1] as string, code: Number(m[2]) });
    stack.push(...n.children);
  }
  return out;
}

/** A segment without the option name the trees put after an index. */
const withoutName = (s: PathSegment): PathSegment => (s.kind === "index" ? { kind: "index", index: s.index } : s);

/** The JSON form with `"$name"` put right after `code` in each option object the tree names. */
function withNames(v: Json, path: string, names: Map<string, { name: string; code: number }>): Json {
  if (Array.isArray(v)) return v.map((x, i) => withNames(x, joinPath(path, indexSegment(i)), names));
  if (v === null || typeof v !== "object") return v;
  const named = names.get(path);
  const out: { [k: string]: Json } = {};
  for (const [k, x] of Object.entries(v)) {
    out[k] = withNames(x, joinPath(path, k), names);
    if (k === "code" && named !== undefined && named.code === x) out[NAME_KEY] = named.name;
  }
  return out;
}

/** `{"type":"message",...}` for a decoded message, `{"type":"error",...}` for one that did not decode. */
export function messageRecord(r: Decoded | Failed, n: number): Json {
  const base = { index: n, source: sourceJson(r.found.source), kind: r.kind, hex: toHex(r.found.bytes) };
  if (r.type === "failed") return { type: "error", ...base, error: errorJson(r.error) };
  return {
    type: "message",
    ...base,
    summary: r.tree.label,
    message: withNames(toJsonForm(r.message), "", namesByPath(r.tree)),
    diagnostics: r.diagnostics.map(diagnosticJson),
  };
}

/** `{"type":"diagnostic",...}`: one validate diagnostic of message `n`. */
export function diagnosticRecord(r: Decoded, n: number, d: Diagnostic): Json {
  return { type: "diagnostic", index: n, source: sourceJson(r.found.source), ...(diagnosticJson(d) as object) };
}

/** `{"type":"header-anomaly",...}`: a header anomaly the lenient decode kept in message `n`. */
export function anomalyRecord(r: Decoded, n: number, a: Dhcpv4HeaderAnomaly): Json {
  return { type: "header-anomaly", index: n, source: sourceJson(r.found.source), ...(toJsonForm(a) as object) };
}

/** `{"type":"input-warning"|"input-error",...}`: what the input reader reported. */
export function problemRecord(p: InputProblem): Json {
  return {
    type: p.severity === "error" ? "input-error" : "input-warning",
    input: p.input,
    message: p.message,
    ...(p.error ? { error: errorJson(p.error) } : {}),
  };
}
