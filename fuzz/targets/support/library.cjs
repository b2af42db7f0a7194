"use strict";
/**
 * The library as Jazzer.js and OSS-Fuzz see it: the built CommonJS bundle
 * (`npm run build` first), loaded by the package's own name, which Node
 * resolves through the "exports" map of package.json (a package may require
 * itself). Every subpath export (`dhcp-leasequery/stream`, ...) is merged in,
 * so a target finds `decode`, `FrameDecoder` and `validate` on one object.
 *
 * The in-project driver and unit test do not come here: they call a
 * target's `make(library)` with the TypeScript sources, so that coverage and
 * stack traces point at src/.
 */
const NAME = "dhcp-leasequery";

/** @param {string} id */
function optional(id) {
  try {
    return require(id);
  } catch (e) {
    const code = /** @type {{ code?: string }} */ (e).code;
    if (code === "MODULE_NOT_FOUND" || code === "ERR_PACKAGE_PATH_NOT_EXPORTED") return {};
    throw e;
  }
}

/** @returns {Record<string, unknown>} */
function loadBuiltLibrary() {
  const pkg = require("../../../package.json");
  const lib = Object.assign({}, require(NAME));
  const exportsMap = pkg.exports && typeof pkg.exports === "object" ? pkg.exports : {};
  for (const key of Object.keys(exportsMap)) {
    if (key === "." || !key.startsWith("./") || key.endsWith(".json")) continue;
    Object.assign(lib, optional(`${NAME}/${key.slice(2)}`));
  }
  return lib;
}

/**
 * Checks that `lib` has every export a target calls.
 * @param {Record<string, unknown>} lib
 * @param {readonly string[]} needs
 * @param {string} target
 */
function checkNeeds(lib, needs, target) {
  const missing = needs.filter((k) => lib[k] === undefined);
  if (missing.length > 0) {
    throw new Error(
      `fuzz target ${target} needs ${missing.join(", ")} from the library; build it (npm run build) and check that package.json exports the subpath that holds them`,
    );
  }
}

/**
 * The Jazzer.js entry point of a target: binds `make` to the built library
 * on the first call.
 * @param {string} target
 * @param {readonly string[]} needs
 * @param {(lib: any) => (data: Uint8Array) => void} make
 * @returns {(data: Uint8Array) => void}
 */
function lazyFuzz(target, needs, make) {
  /** @type {((data: Uint8Array) => void) | undefined} */
  let bound;
  return (data) => {
    if (bound === undefined) {
      const lib = loadBuiltLibrary();
      checkNeeds(lib, needs, target);
      bound = make(lib);
    }
    bound(data);
  };
}

module.exports.loadBuiltLibrary = loadBuiltLibrary;
module.exports.checkNeeds = checkNeeds;
module.exports.lazyFuzz = lazyFuzz;
