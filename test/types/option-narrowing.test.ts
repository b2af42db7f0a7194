/**
 * Runs the TypeScript compiler (the project's tsconfig.json options) on
 * option-narrowing.ts: the file compiles, and without its
 * `@ts-expect-error` directives it fails on exactly the lines they mark.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..", "..");
const file = join(__dirname, "option-narrowing.ts");
const source = readFileSync(file, "utf8");

/** The 1-based lines with a semantic or syntactic error when `file` holds `text`. */
function errorLines(text: string): number[] {
  const config = ts.readConfigFile(join(root, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (f, v, ...rest) =>
    f === file ? ts.createSourceFile(f, text, v, true) : getSourceFile.call(host, f, v, ...rest);
  const program = ts.createProgram([file], options, host);
  const sf = program.getSourceFile(file) as ts.SourceFile;
  const diagnostics = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
  return diagnostics.map((d) => sf.getLineAndCharacterOfPosition(d.start ?? 0).line + 1);
}

describe("DHCPv6 option narrowing (type test)", () => {
  const lines = source.split("\n");
  const marked = lines.flatMap((l, i) => (l.trimStart().startsWith("// @ts-expect-error") ? [i + 2] : []));

  it("compiles, each @ts-expect-error meeting its error", () => {
    expect(marked.length).toBe(5);
    expect(errorLines(source)).toEqual([]);
  }, 120000);

  it("fails on exactly the marked lines without the directives", () => {
    // Blank the directives rather than remove them, so that line numbers stay.
    const bare = lines.map((l) => (l.trimStart().startsWith("// @ts-expect-error") ? "" : l)).join("\n");
    expect([...new Set(errorLines(bare))]).toEqual(marked);
  }, 120000);
});
