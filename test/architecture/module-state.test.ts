/**
 * No module-level mutable state in src/: every call of the library depends
 * only on its arguments, and nothing is kept from one call to the next.
 *
 * The rule, checked on the syntax tree of each src/**\/*.ts file:
 * 1. no top-level `let` or `var`;
 * 2. a top-level `const` is never mutated from inside a function of its
 *    file: no assignment to it or to a property or element of it (`X.a =`,
 *    `X[i] =`, `X[i]++`), and no call of a mutating method on it (`set`,
 *    `add`, `delete`, `clear`, `fill`, `push`, `copyWithin`, ...);
 * 3. a top-level `const` holding a collection or a buffer (an array
 *    literal, or a Map, Set, WeakMap, WeakSet, Array, typed array or Writer
 *    made with `new`, `.from` or `.of`) is never handed to a function nor
 *    aliased by a local variable, either of which could mutate it, unless
 *    its declared type is read-only (`ReadonlySet<number>`,
 *    `readonly string[]`): then the compiler keeps every user from
 *    mutating it.
 *
 * What a module computes once at load time (a lookup table filled by a
 * top-level loop, a frozen Set used only for `.has`) is a constant and
 * passes. Exported objects that are classes' instances (none today) would
 * need the same care.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const src = join(__dirname, "..", "..", "src");

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith(".ts") ? [p] : [];
  });

const MUTATORS = new Set([
  "set",
  "add",
  "delete",
  "clear",
  "fill",
  "push",
  "pop",
  "shift",
  "unshift",
  "splice",
  "sort",
  "reverse",
  "copyWithin",
]);
const CONTAINERS =
  /^(Map|Set|WeakMap|WeakSet|Writer|Reader|Array|(Uint8|Uint8Clamped|Int8|Uint16|Int16|Uint32|Int32|Float32|Float64|BigInt64|BigUint64)Array)$/;

/** True when `d` holds a new collection or buffer under a type that lets it be mutated. */
function mutableContainer(d: ts.VariableDeclaration): boolean {
  const type = d.type;
  if (type !== undefined) {
    if (ts.isTypeOperatorNode(type) && type.operator === ts.SyntaxKind.ReadonlyKeyword) return false;
    if (ts.isTypeReferenceNode(type) && /^Readonly/.test(type.typeName.getText())) return false;
  }
  let init = d.initializer;
  while (init !== undefined && (ts.isAsExpression(init) || ts.isSatisfiesExpression(init))) init = init.expression;
  if (init === undefined) return false;
  if (ts.isArrayLiteralExpression(init)) return true;
  if (ts.isNewExpression(init)) return ts.isIdentifier(init.expression) && CONTAINERS.test(init.expression.text);
  if (ts.isCallExpression(init) && ts.isPropertyAccessExpression(init.expression)) {
    const target = init.expression.expression;
    const method = init.expression.name.text;
    return ts.isIdentifier(target) && CONTAINERS.test(target.text) && (method === "from" || method === "of");
  }
  return false;
}

/** The identifier at the root of `X`, `X.a`, `X[i]`, `X.a.b`. */
function rootOf(e: ts.Expression): string | undefined {
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isParenthesizedExpression(e)) {
    e = e.expression;
  }
  return ts.isIdentifier(e) ? e.text : undefined;
}

const isFunctionLike = (n: ts.Node): boolean =>
  ts.isFunctionDeclaration(n) ||
  ts.isFunctionExpression(n) ||
  ts.isArrowFunction(n) ||
  ts.isMethodDeclaration(n) ||
  ts.isConstructorDeclaration(n) ||
  ts.isGetAccessorDeclaration(n) ||
  ts.isSetAccessorDeclaration(n);

const ASSIGNMENTS = new Set([
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.PlusEqualsToken,
  ts.SyntaxKind.MinusEqualsToken,
  ts.SyntaxKind.AsteriskEqualsToken,
  ts.SyntaxKind.SlashEqualsToken,
  ts.SyntaxKind.BarEqualsToken,
  ts.SyntaxKind.AmpersandEqualsToken,
  ts.SyntaxKind.CaretEqualsToken,
  ts.SyntaxKind.LessThanLessThanEqualsToken,
  ts.SyntaxKind.GreaterThanGreaterThanEqualsToken,
  ts.SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
]);

/** Every breach of the rule in one file, as `name: why`. */
function moduleState(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const consts = new Map<string, boolean>(); // name -> holds a container
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    const list = st.declarationList;
    const isConst = (list.flags & ts.NodeFlags.Const) !== 0;
    for (const d of list.declarations) {
      const names = ts.isIdentifier(d.name) ? [d.name.text] : [d.name.getText(sf)];
      for (const name of names) {
        if (!isConst) found.push(`${name}: top-level let/var`);
        else consts.set(name, mutableContainer(d));
      }
    }
  }
  // Which names a function declares itself (parameters, locals) shadow the
  // module's: a function's own `out[i] = ...` is no module state.
  const shadowed = (n: ts.Node, name: string): boolean => {
    for (let p: ts.Node | undefined = n; p !== undefined; p = p.parent) {
      if (!isFunctionLike(p) && !ts.isBlock(p) && !ts.isForStatement(p) && !ts.isForOfStatement(p)) continue;
      let hit = false;
      const look = (m: ts.Node): void => {
        if (hit || (m !== p && isFunctionLike(m))) return;
        if ((ts.isVariableDeclaration(m) || ts.isParameter(m)) && ts.isIdentifier(m.name) && m.name.text === name) {
          hit = true;
        }
        if (!(m !== p && ts.isBlock(m))) ts.forEachChild(m, look);
      };
      if (isFunctionLike(p)) for (const q of (p as ts.SignatureDeclaration).parameters) look(q);
      ts.forEachChild(p, look);
      if (hit) return true;
    }
    return false;
  };
  const inFunction = (n: ts.Node): boolean => {
    for (let p = n.parent; p !== undefined; p = p.parent) if (isFunctionLike(p)) return true;
    return false;
  };
  const flag = (name: string | undefined, node: ts.Node, why: string): void => {
    if (name === undefined || !consts.has(name) || !inFunction(node) || shadowed(node, name)) return;
    found.push(`${name}: ${why} (line ${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1})`);
  };
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && ASSIGNMENTS.has(n.operatorToken.kind)) {
      flag(rootOf(n.left), n, "assigned");
    } else if (
      (ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) &&
      (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)
    ) {
      flag(rootOf(n.operand), n, "incremented");
    } else if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
      const callee = n.expression;
      if (ts.isPropertyAccessExpression(callee) && MUTATORS.has(callee.name.text)) {
        flag(rootOf(callee.expression), n, `.${callee.name.text}()`);
      }
      for (const a of n.arguments ?? []) {
        if (ts.isIdentifier(a) && consts.get(a.text) === true) flag(a.text, n, "handed to a function");
      }
    } else if (ts.isVariableDeclaration(n) && n.initializer !== undefined && ts.isIdentifier(n.initializer)) {
      if (consts.get(n.initializer.text) === true) flag(n.initializer.text, n, "aliased");
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return [...new Set(found)];
}

describe("module-level state in src/", () => {
  for (const file of walk(src)) {
    const rel = relative(src, file).split("\\").join("/");
    it(`${rel} keeps none`, () => {
      expect(moduleState(rel, readFileSync(file, "utf8"))).toEqual([]);
    });
  }

  it("catches each kind of state it forbids", () => {
    const breaches = moduleState(
      "probe.ts",
      `
      let count = 0;
      const cache = new Map<string, number>();
      const scratch = new Uint8Array(16);
      const state = { opts: 1 };
      const table = [1, 2, 3];
      const fine = new Set([1, 2]);
      const lookup = new Int8Array(4).fill(-1);
      const groups = [0, 0];
      const allowed: ReadonlySet<number> = new Set([1]);
      for (let i = 0; i < 4; i++) lookup[i] = i;
      export function f(x: number, out: number[]) {
        cache.set("a", x);
        state.opts = x;
        table[0]++;
        parse(x, scratch, allowed);
        const g = groups;
        out[0] = x;
        const local = new Map();
        local.set(1, 2);
        return fine.has(x) ? lookup[x] : count;
      }
      `,
    );
    expect(breaches.map((b) => b.split(" (")[0])).toEqual([
      "count: top-level let/var",
      "cache: .set()",
      "state: assigned",
      "table: incremented",
      "scratch: handed to a function",
      "groups: aliased",
    ]);
  });
});
