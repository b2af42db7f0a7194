"use strict";
/**
 * Fuzz target: the DHCPv6 message and option-list decoders.
 *
 * For any input bytes:
 * - `decode`, `decode` with `keepMalformedOptions`, `decode` with a small
 *   `maxDepth` and `decodeOptions` each return a value or throw a
 *   DecodeError whose offset lies within the input; nothing else escapes.
 * - When a decode succeeds, `encode` gives the input back byte for byte
 *   (also through `encodingLength` and `encodeInto` at an offset), and
 *   decoding that gives an equal value.
 * - The lenient decoder only relaxes: where the strict one succeeds it gives
 *   the same value. A lower `maxDepth` only adds `depth-exceeded` failures.
 * - `scan`, under each of those options, says ok exactly when `decode`
 *   returns, and otherwise reports decode's error code and offset.
 * - After any failure the decoder still decodes a known message to the same
 *   value (no state survives a failure).
 */
const {
  attempt,
  expect,
  expectBytes,
  expectEqual,
  fromHex,
  mustNotThrow,
  roundTripper,
} = require("./support/contract.cjs");
const { lazyFuzz } = require("./support/library.cjs");

const NAME = "dhcpv6-decode";
const NEEDS = [
  "decode",
  "scan",
  "encode",
  "encodingLength",
  "encodeInto",
  "decodeOptions",
  "encodeOptions",
  "isDecodeError",
];
/** Known good: LEASEQUERY by address with CLIENTID, IAADDR and ORO (vectors/v6/leasequery-by-address.json). */
const CANARY =
  "0e00beef0001000a0003000100005e005301002c003701000000000000000000000000000000000005001820010db8000100000000000000000100000000000000000000060006002e002f0030";
const LENIENT = { keepMalformedOptions: true };
const SHALLOW = { maxDepth: 2 };

/**
 * @param {any} lib the library: the sources in-project, the built bundle under Jazzer.js
 * @returns {(data: Uint8Array) => void}
 */
function make(lib) {
  const canary = fromHex(CANARY);
  const canaryValue = lib.decode(canary);

  function stillWorks() {
    const again = mustNotThrow(() => lib.decode(canary), "decode of a good message after a failure");
    expectEqual(again, canaryValue, "decode of a good message after a failure");
  }

  const roundTrip = roundTripper(lib, {
    encode: "encode",
    encodingLength: "encodingLength",
    encodeInto: "encodeInto",
    decode: "decode",
  });

  return (data) => {
    const strict = attempt(lib, () => lib.decode(data), data.length, "decode");
    if (strict.ok) roundTrip(data, strict.value, undefined, "decode(b)");

    const lenient = attempt(lib, () => lib.decode(data, LENIENT), data.length, "decode with keepMalformedOptions");
    if (strict.ok) {
      expect(
        lenient.ok,
        `keepMalformedOptions failed where the strict decoder succeeded: ${lenient.ok ? "" : lenient.error.message}`,
      );
      if (lenient.ok) expectEqual(lenient.value, strict.value, "keepMalformedOptions vs strict");
    } else if (lenient.ok) {
      roundTrip(data, lenient.value, LENIENT, "decode(b, keepMalformedOptions)");
    }

    const shallow = attempt(lib, () => lib.decode(data, SHALLOW), data.length, "decode with maxDepth 2");
    if (shallow.ok) {
      expect(strict.ok, "maxDepth 2 succeeded where the default maxDepth failed");
      if (strict.ok) expectEqual(shallow.value, strict.value, "maxDepth 2 vs default");
    } else if (strict.ok) {
      expect(
        shallow.error.code === "depth-exceeded",
        `maxDepth 2 failed with ${shallow.error.code} where the default maxDepth succeeded`,
      );
    }

    for (const [options, outcome, label] of [
      [undefined, strict, "scan(b)"],
      [LENIENT, lenient, "scan(b, keepMalformedOptions)"],
      [SHALLOW, shallow, "scan(b, maxDepth 2)"],
    ]) {
      const s = mustNotThrow(() => lib.scan(data, options), label);
      expect(s.ok === outcome.ok, `${label} says ok: ${s.ok}, where decode ${outcome.ok ? "returned" : "threw"}`);
      if (!s.ok && !outcome.ok) {
        expect(
          s.error.code === outcome.error.code && s.error.offset === outcome.error.offset,
          `${label} reports ${s.error.code} at ${s.error.offset}, decode ${outcome.error.code} at ${outcome.error.offset}`,
        );
      }
    }

    const list = attempt(lib, () => lib.decodeOptions(data), data.length, "decodeOptions");
    if (list.ok) {
      const bytes = mustNotThrow(() => lib.encodeOptions(list.value), "encodeOptions(decodeOptions(b))");
      expectBytes(bytes, data, "encodeOptions(decodeOptions(b))");
      const again = attempt(lib, () => lib.decodeOptions(bytes), bytes.length, "decodeOptions(encodeOptions(...))");
      expect(again.ok, "decodeOptions(encodeOptions(decodeOptions(b))) failed");
      if (again.ok) expectEqual(again.value, list.value, "decodeOptions(encodeOptions(decodeOptions(b)))");
    }

    if (!strict.ok || !lenient.ok || !shallow.ok || !list.ok) stillWorks();
  };
}

module.exports.name = NAME;
/** What the input bytes are, for seeding and structure-aware mutation. */
module.exports.input = "dhcpv6-message";
module.exports.needs = NEEDS;
module.exports.make = make;
module.exports.fuzz = lazyFuzz(NAME, NEEDS, make);
