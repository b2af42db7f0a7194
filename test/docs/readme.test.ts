/**
 * The README's TypeScript blocks type-check (strict, as the project is
 * compiled) against the package's entries, run and print what the README
 * says, and its option table is exactly the one generated from the
 * declarations.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { optionsMarkdownTable } from "../../src/schema/describe.js";
import { OPTION_DEFS } from "../../src/v6/schema.js";
import { OPTION_SUMMARIES } from "../../src/v6/summaries.js";
import { checkLogs, expectationsOf, runExample } from "../helpers/examples.js";

const root = join(__dirname, "..", "..");
const readme = readFileSync(join(root, "README.md"), "utf8");

/** The package's entries, as a user imports them, mapped to their sources. */
const ENTRIES: Record<string, string> = {
  "dhcp-leasequery": "src/index.ts",
  "dhcp-leasequery/capture": "src/capture/index.ts",
  "dhcp-leasequery/arbitrary": "src/arbitrary/index.ts",
};

/**
 * Type-checks code blocks as modules of the project (its tsconfig.json
 * options, the package's entries resolved to their sources) and returns
 * each block's errors as `line:col message`.
 */
function typeCheck(blocks: readonly string[]): string[][] {
  const config = ts.readConfigFile(join(root, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  options.paths = Object.fromEntries(Object.entries(ENTRIES).map(([k, v]) => [k, [join(root, v)]]));
  // Each block is a module of its own, even one without imports.
  const files = new Map(
    blocks.map((code, i) => [join(root, "test", `.readme-block-${i}.ts`), `${code}\nexport {};\n`]),
  );
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile;
  host.readFile = (f) => files.get(f) ?? readFile.call(host, f);
  const fileExists = host.fileExists;
  host.fileExists = (f) => files.has(f) || fileExists.call(host, f);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (f, v, ...rest) => {
    const text = files.get(f);
    return text === undefined ? getSourceFile.call(host, f, v, ...rest) : ts.createSourceFile(f, text, v, true);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  return [...files.keys()].map((f) => {
    const sf = program.getSourceFile(f) as ts.SourceFile;
    return [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)].map((d) => {
      const { line, character } = sf.getLineAndCharacterOfPosition(d.start ?? 0);
      return `${line + 1}:${character + 1} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
  });
}

describe("README", () => {
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```(?:\n\nprints\n\n```\n([\s\S]*?)```)?/g)];

  it("has TypeScript examples", () => {
    expect(blocks.length).toBeGreaterThan(2);
  });

  it("type-checks every TypeScript block", () => {
    const errors = typeCheck(blocks.map((b) => b[1] ?? ""));
    expect(errors.map((e, i) => (e.length ? `block ${i}: ${e.join("; ")}` : "")).filter(Boolean)).toEqual([]);
  }, 120000);

  it("the type check catches a wrong block", () => {
    const [wrong] = typeCheck([
      'import { buildLeasequeryDone } from "dhcp-leasequery";\nbuildLeasequeryDone({ transactionId: 9 }, {});',
    ]);
    expect(wrong).toHaveLength(1);
    expect(wrong?.[0]).toMatch(/^2:43 Expected 1 arguments, but got 2\./);
  }, 120000);

  blocks.forEach((b, i) => {
    it(`example ${i} runs and prints what the README says`, async () => {
      const code = b[1] ?? "";
      const logs = await runExample(code, `readme${i}`);
      const expected = expectationsOf(code);
      const printed = b[2];
      if (printed !== undefined) {
        // The block after "prints" is the output of the last unchecked console.log.
        const last = expected.lastIndexOf(null);
        expect(last).toBeGreaterThanOrEqual(0);
        expected[last] = { block: printed.replace(/\n$/, "") };
      }
      checkLogs(logs, expected);
    });
  });

  it("shows the option table generated from the declarations", () => {
    const table = readme.match(/<!-- options:start -->\n([\s\S]*?)\n<!-- options:end -->/)?.[1];
    expect(table).toBe(optionsMarkdownTable(OPTION_DEFS, OPTION_SUMMARIES));
  });
});
