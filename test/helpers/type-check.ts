/**
 * Runs the TypeScript compiler with the project's tsconfig.json options on
 * one file, some files' text replaced in memory, for the type tests.
 */
import { join } from "node:path";
import ts from "typescript";

const root = join(__dirname, "..", "..");

/** The 1-based lines of `file` with a syntactic or semantic error, `texts` standing in for files on disk. */
export function errorLines(file: string, texts: ReadonlyMap<string, string> = new Map()): number[] {
  const config = ts.readConfigFile(join(root, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (f, v, ...rest) => {
    const text = texts.get(f);
    return text === undefined ? getSourceFile.call(host, f, v, ...rest) : ts.createSourceFile(f, text, v, true);
  };
  const program = ts.createProgram([file], options, host);
  const sf = program.getSourceFile(file) as ts.SourceFile;
  const diagnostics = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
  return diagnostics.map((d) => sf.getLineAndCharacterOfPosition(d.start ?? 0).line + 1);
}
