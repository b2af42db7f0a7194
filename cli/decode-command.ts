/**
 * `decode` and `validate`: every message of the inputs as a tree (or JSON
 * records), or only the diagnostics.
 * @module
 */
import type { Args } from "./args.js";
import { type Decoded, type Failed, MessageDecoder } from "./decode-message.js";
import { errorLine } from "./error-text.js";
import type { InputProblem } from "./found.js";
import { readInputs } from "./input.js";
import type { CliIo } from "./io.js";
import { anomalyRecord, diagnosticRecord, messageRecord, problemRecord } from "./json-output.js";
import { anomalyLine, briefLine, diagnosticLine, renderDecoded, sourceLine } from "./render.js";

/** Writes lines to a stream, waiting when it asks to (bounded memory on slow pipes). */
async function writeLines(out: CliIo["stdout"], lines: readonly string[]): Promise<void> {
  if (lines.length > 0) await out.write(`${lines.join("\n")}\n`);
}

async function reportProblem(io: CliIo, args: Args, p: InputProblem): Promise<void> {
  if (args.json) await writeLines(io.stdout, [JSON.stringify(problemRecord(p))]);
  else await writeLines(io.stderr, [`${p.severity}: ${p.input === "argument" ? "" : `${p.input}: `}${p.message}`]);
}

interface Tally {
  messages: number;
  failed: number;
  errors: number;
  warnings: number;
  inputErrors: number;
}

/** Runs every message of the inputs through `each`; returns the tally. */
async function run(args: Args, io: CliIo, each: (r: Decoded | Failed, n: number) => Promise<void>): Promise<Tally> {
  const decoder = new MessageDecoder({ kind: args.kind, exchange: args.exchange, strict: args.strict });
  const tally: Tally = { messages: 0, failed: 0, errors: 0, warnings: 0, inputErrors: 0 };
  for await (const item of readInputs(args.inputs, io, { format: args.format, progress: args.progress })) {
    if (item.type === "problem") {
      if (item.severity === "error") tally.inputErrors++;
      await reportProblem(io, args, item);
      continue;
    }
    const r = decoder.decode(item);
    tally.messages++;
    if (r.type === "failed") tally.failed++;
    else {
      for (const d of r.diagnostics) tally[d.severity === "error" ? "errors" : "warnings"]++;
    }
    await each(r, tally.messages);
  }
  return tally;
}

function summary(t: Tally): string {
  const parts = [`${t.messages} message(s)`];
  if (t.failed) parts.push(`${t.failed} did not decode`);
  parts.push(`${t.errors} error(s)`, `${t.warnings} warning(s)`);
  return parts.join(", ");
}

/**
 * `decode`: trees (or `--brief` lines, or `--json` records). Exit status 1
 * when a message did not decode or an input is not readable.
 */
export async function runDecode(args: Args, io: CliIo): Promise<number> {
  const tally = await run(args, io, async (r, n) => {
    if (args.json) await writeLines(io.stdout, [JSON.stringify(messageRecord(r, n))]);
    else if (args.brief) await writeLines(io.stdout, [briefLine(r, n)]);
    else await writeLines(io.stdout, [...renderDecoded(r, n, args), ""]);
  });
  if (!args.json) await writeLines(io.stderr, [summary(tally)]);
  return tally.failed > 0 || tally.inputErrors > 0 ? 1 : 0;
}

/**
 * `validate`: the diagnostics and decode errors only. Exit status 1 when a
 * diagnostic is an error, a message did not decode, or an input is not
 * readable; warnings alone leave it 0.
 */
export async function runValidate(args: Args, io: CliIo): Promise<number> {
  const tally = await run(args, io, async (r, n) => {
    const where = `#${n} ${sourceLine(r.found.source, r.found.bytes.length)}`;
    if (args.json) {
      const records =
        r.type === "failed"
          ? [messageRecord(r, n)]
          : [...r.anomalies.map((a) => anomalyRecord(r, n, a)), ...r.diagnostics.map((d) => diagnosticRecord(r, n, d))];
      await writeLines(
        io.stdout,
        records.map((x) => JSON.stringify(x)),
      );
    } else if (r.type === "failed") {
      await writeLines(io.stdout, [`${where}: ${errorLine(r.error)}`]);
    } else {
      const lines = [
        ...r.anomalies.map((a) => `${where}: ${anomalyLine(a)}`),
        ...r.diagnostics.map((d) => `${where}: ${diagnosticLine(d)}${d.path ? ` (at ${d.path})` : ""}`),
      ];
      await writeLines(io.stdout, lines);
    }
  });
  if (!args.json) await writeLines(io.stdout, [summary(tally)]);
  return tally.failed > 0 || tally.errors > 0 || tally.inputErrors > 0 ? 1 : 0;
}
