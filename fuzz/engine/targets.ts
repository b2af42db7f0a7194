/**
 * Finding and loading the CommonJS fuzz targets in fuzz/targets/.
 */
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { InputKind } from "./structure.js";

/** The project root (the directory above fuzz/). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const TARGETS_DIR = join(ROOT, "fuzz", "targets");

/** What a target module exports (see fuzz/README.md). */
export interface TargetModule {
  readonly name: string;
  readonly input: InputKind;
  /** Library exports the target calls. */
  readonly needs: readonly string[];
  /** Binds the target's checks to a library object. */
  make(lib: Readonly<Record<string, unknown>>): (data: Uint8Array) => void;
  /** The Jazzer.js entry point, bound to the built package. */
  fuzz(data: Uint8Array): void;
}

const require = createRequire(import.meta.url);

/** Target names: the `.cjs` files directly in fuzz/targets/. */
export function targetNames(): string[] {
  return readdirSync(TARGETS_DIR)
    .filter((f) => f.endsWith(".cjs"))
    .map((f) => f.slice(0, -".cjs".length))
    .sort();
}

export function loadTarget(name: string): TargetModule {
  if (!targetNames().includes(name)) {
    throw new Error(`no fuzz target "${name}"; the targets are: ${targetNames().join(", ")}`);
  }
  return require(join(TARGETS_DIR, `${name}.cjs`)) as TargetModule;
}

/** The target's check function bound to `lib`, after checking that `lib` has what it needs. */
export function bindTarget(t: TargetModule, lib: Readonly<Record<string, unknown>>): (data: Uint8Array) => void {
  const missing = t.needs.filter((k) => lib[k] === undefined);
  if (missing.length > 0) throw new Error(`fuzz target ${t.name} needs ${missing.join(", ")}, which the library lacks`);
  return t.make(lib);
}
