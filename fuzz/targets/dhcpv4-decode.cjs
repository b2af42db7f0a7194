"use strict";
/**
 * Fuzz target: the standalone DHCPv4 message decoder (one message per
 * frame on a DHCPv4 Bulk or Active Leasequery connection, and the body of
 * OPTION_DHCPV4_MSG).
 *
 * For any input bytes:
 * - `decodeDhcpv4`, with and without `keepMalformedOptions` and with
 *   `maxDepth` 1, returns a value or throws a DecodeError whose offset lies
 *   within the input; nothing else escapes.
 * - When it succeeds, `encodeDhcpv4` gives the input back byte for byte
 *   (pads, end option, trailing bytes and RFC 3396 splits included; also
 *   through `dhcpv4EncodingLength` and `encodeDhcpv4Into` at an offset), and
 *   decoding that gives an equal value.
 * - The lenient decoder gives the strict value where the strict one
 *   succeeds; `maxDepth` 1 only adds `depth-exceeded` failures.
 * - After any failure a known message still decodes to the same value.
 */
const { attempt, expect, expectEqual, mustNotThrow, roundTripper } = require("./support/contract.cjs");
const { lazyFuzz } = require("./support/library.cjs");

const NAME = "dhcpv4-decode";
const NEEDS = ["decodeDhcpv4", "encodeDhcpv4", "dhcpv4EncodingLength", "encodeDhcpv4Into", "isDecodeError"];
const LENIENT = { keepMalformedOptions: true };
/** The options area is level 1; Relay Agent Information sub-options would be level 2. */
const SHALLOW = { maxDepth: 1 };

/** Known good: DHCPACTIVELEASEQUERY with query-start-time and a parameter request list (vectors/v4/active-leasequery.json). */
function canaryBytes() {
  const b = new Uint8Array(240 + 14);
  b[0] = 1;
  b[7] = 0x09;
  b[6] = 0x01;
  b.set([99, 130, 83, 99], 236);
  b.set([0x35, 0x01, 0x10, 0x9a, 0x04, 0x5f, 0x5e, 0x10, 0x00, 0x37, 0x02, 0x98, 0x99, 0xff], 240);
  return b;
}

/**
 * @param {any} lib
 * @returns {(data: Uint8Array) => void}
 */
function make(lib) {
  const canary = canaryBytes();
  const canaryValue = lib.decodeDhcpv4(canary);

  function stillWorks() {
    const again = mustNotThrow(() => lib.decodeDhcpv4(canary), "decodeDhcpv4 of a good message after a failure");
    expectEqual(again, canaryValue, "decodeDhcpv4 of a good message after a failure");
  }

  const roundTrip = roundTripper(lib, {
    encode: "encodeDhcpv4",
    encodingLength: "dhcpv4EncodingLength",
    encodeInto: "encodeDhcpv4Into",
    decode: "decodeDhcpv4",
  });

  return (data) => {
    const strict = attempt(lib, () => lib.decodeDhcpv4(data), data.length, "decodeDhcpv4");
    if (strict.ok) roundTrip(data, strict.value, undefined, "decodeDhcpv4(b)");

    const lenient = attempt(
      lib,
      () => lib.decodeDhcpv4(data, LENIENT),
      data.length,
      "decodeDhcpv4 with keepMalformedOptions",
    );
    if (strict.ok) {
      expect(
        lenient.ok,
        `keepMalformedOptions failed where the strict decoder succeeded: ${lenient.ok ? "" : lenient.error.message}`,
      );
      if (lenient.ok) expectEqual(lenient.value, strict.value, "keepMalformedOptions vs strict");
    } else if (lenient.ok) {
      roundTrip(data, lenient.value, LENIENT, "decodeDhcpv4(b, keepMalformedOptions)");
    }

    const shallow = attempt(lib, () => lib.decodeDhcpv4(data, SHALLOW), data.length, "decodeDhcpv4 with maxDepth 1");
    if (shallow.ok) {
      expect(strict.ok, "maxDepth 1 succeeded where the default maxDepth failed");
      if (strict.ok) expectEqual(shallow.value, strict.value, "maxDepth 1 vs default");
    } else if (strict.ok) {
      expect(
        shallow.error.code === "depth-exceeded",
        `maxDepth 1 failed with ${shallow.error.code} where the default maxDepth succeeded`,
      );
    }

    if (!strict.ok || !lenient.ok || !shallow.ok) stillWorks();
  };
}

module.exports.name = NAME;
module.exports.input = "dhcpv4-message";
module.exports.needs = NEEDS;
module.exports.make = make;
module.exports.fuzz = lazyFuzz(NAME, NEEDS, make);
