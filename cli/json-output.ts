/**
 * The records of `decode --json` and `validate --json`, one JSON object a
 * line. A message record holds the message in the JSON form that `encode`
 * reads back.
 * @module
 */
import type { DecodeError, Diagnostic } from "../src/index.js";
import { toHex } from "../src/index.js";
import type { Decoded, Failed } from "./decode-message.js";
import type { InputProblem, Source } from "./input.js";
import { type Json, toJsonForm } from "./json-form.js";

function sourceJson(s: Source): Json {
  return toJsonForm(s);
}

function errorJson(e: DecodeError): Json {
  return { code: e.code, offset: e.offset, path: e.path, reason: e.reason, message: e.message };
}

function diagnosticJson(d: Diagnostic): Json {
  return { severity: d.severity, rule: d.rule, rfc: d.rfc, path: d.path, message: d.message };
}

/** `{"type":"message",...}` for a decoded message, `{"type":"error",...}` for one that did not decode. */
export function messageRecord(r: Decoded | Failed, n: number): Json {
  const base = { index: n, source: sourceJson(r.found.source), kind: r.kind, hex: toHex(r.found.bytes) };
  if (r.type === "failed") return { type: "error", ...base, error: errorJson(r.error) };
  return {
    type: "message",
    ...base,
    summary: r.tree.label,
    message: toJsonForm(r.message),
    diagnostics: r.diagnostics.map(diagnosticJson),
  };
}

/** `{"type":"diagnostic",...}`: one validate diagnostic of message `n`. */
export function diagnosticRecord(r: Decoded, n: number, d: Diagnostic): Json {
  return { type: "diagnostic", index: n, source: sourceJson(r.found.source), ...(diagnosticJson(d) as object) };
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
