"use strict";
/**
 * Fuzz target: `validate` (RFC rule checks) and the inspection tree on
 * decoded messages, and `validate` on values broken by hand.
 *
 * The input is decoded leniently (`keepMalformedOptions`, as an inspector
 * does); inputs that do not decode are the decoder targets' business. Then:
 * - `validate(message, context)` never throws, for every kind of context
 *   (none, each exchange, the message as its own query), returns the same
 *   diagnostics each time, each naming a known rule with that rule's
 *   severity and RFC section, and leaves the message unchanged (it encodes
 *   to the input before and after);
 * - `inspectMessage` and `formatMessage` accept every decoded message.
 *
 * Values built by hand with fields of the wrong type are out of scope here:
 * see "Open findings" in fuzz/README.md.
 */
const { attempt, expect, expectBytes, expectEqual, mustNotThrow } = require("./support/contract.cjs");
const { lazyFuzz } = require("./support/library.cjs");

const NAME = "validate";
const NEEDS = ["decode", "encode", "validate", "RULES", "inspectMessage", "formatMessage", "isDecodeError"];
const LENIENT = { keepMalformedOptions: true };
const EXCHANGES = [undefined, "udp", "bulk", "active"];
const SEVERITIES = new Set(["error", "warning"]);

/**
 * @param {any} lib
 * @returns {(data: Uint8Array) => void}
 */
function make(lib) {
  /**
   * @param {unknown} m
   * @param {unknown} context
   * @param {string} what
   */
  function check(m, context, what) {
    const ds = mustNotThrow(() => (context === undefined ? lib.validate(m) : lib.validate(m, context)), what);
    expect(Array.isArray(ds), `${what} returned ${typeof ds}, not an array`);
    for (const d of ds) {
      const rule = lib.RULES[d.rule];
      expect(rule !== undefined, `${what} gave a diagnostic with an unknown rule ${String(d.rule)}`);
      expect(
        d.severity === rule.severity && SEVERITIES.has(d.severity) && d.rfc === rule.rfc,
        `${what}: diagnostic ${d.rule} has severity ${d.severity} / ${d.rfc}, its rule says ${rule.severity} / ${rule.rfc}`,
      );
      expect(
        typeof d.path === "string" && typeof d.message === "string" && d.message.length > 0,
        `${what}: diagnostic ${d.rule} lacks a path or message`,
      );
    }
    return ds;
  }

  return (data) => {
    const r = attempt(lib, () => lib.decode(data, LENIENT), data.length, "decode with keepMalformedOptions");
    if (!r.ok) return;
    const m = r.value;

    for (const exchange of EXCHANGES) {
      const contexts = exchange === undefined ? [undefined, {}, { query: m }] : [{ exchange }, { exchange, query: m }];
      for (const context of contexts) {
        const what = `validate(message, ${JSON.stringify(context === undefined ? "none" : { ...context, query: context.query ? "<itself>" : undefined })})`;
        const first = check(m, context, what);
        const second = check(m, context, what);
        expectEqual(second, first, `${what} twice`);
      }
    }
    expectBytes(
      mustNotThrow(() => lib.encode(m), "encode after validate"),
      data,
      "the message after validate (validate must not change it)",
    );
    const tree = mustNotThrow(() => lib.inspectMessage(m), "inspectMessage of a decoded message");
    expect(typeof tree === "object" && tree !== null, "inspectMessage returned no tree");
    const text = mustNotThrow(() => lib.formatMessage(m), "formatMessage of a decoded message");
    expect(typeof text === "string" && text.length > 0, "formatMessage returned no text");
  };
}

module.exports.name = NAME;
module.exports.input = "dhcpv6-message";
module.exports.needs = NEEDS;
module.exports.make = make;
module.exports.fuzz = lazyFuzz(NAME, NEEDS, make);
