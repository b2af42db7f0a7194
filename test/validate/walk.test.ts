// The option walkers of src/validate/walk.ts: the path segments they give and
// where they search. Expected paths follow the DecodeError path convention
// and the JSDoc of walk.ts.
import { describe, expect, it } from "vitest";
import type { Dhcpv6Option } from "../../src/index.js";
import { locate, locateInQuery, optionPath } from "../../src/validate/walk.js";

describe("option walkers", () => {
  it("optionPath reads like DecodeError paths: index only for an undeclared code, index and name otherwise", () => {
    // Same convention as the codec's paths (e.g. "options[0]" for code 9999 in test/v6/message.test.ts).
    expect(optionPath("", 3, 999)).toBe("options[3]");
    expect(optionPath("", 0, 44)).toBe("options[0](LQ_QUERY)");
    expect(optionPath("options[1](CLIENT_DATA)", 2, 5)).toBe("options[1](CLIENT_DATA).options[2](IAADDR)");
  });

  it("locate finds an undeclared code kept as raw bytes, and nothing in a missing list", () => {
    const raw: Dhcpv6Option = { code: 999, data: Uint8Array.of(1) };
    const found = locate([{ code: 8, elapsedTime: 0 }, raw], 999, "x");
    expect(found).toEqual([{ option: raw, path: "x.options[1]" }]);
    expect(locate(undefined, 999, "")).toEqual([]);
    expect(locate([undefined, null, 5] as unknown as Dhcpv6Option[], 999, "")).toEqual([]);
  });

  it("locateInQuery looks at message level and in LQ_QUERY only, not inside other options", () => {
    // STATUS_CODE (13) may sit inside IAADDR (RFC 8415 §21.6), but that one is
    // neither at message level nor in the query-options.
    const status = (statusCode: number) => ({ code: 13, statusCode, statusMessage: "" }) as Dhcpv6Option;
    const options = [
      { code: 5, address: "::1", preferredLifetime: 0, validLifetime: 0, options: [status(1)] },
      { code: 44, queryType: 1, linkAddress: "::", options: [status(2)] },
      status(3),
    ] as Dhcpv6Option[];
    const found = locateInQuery(options, 13, "");
    expect(found.map((l) => l.path)).toEqual([
      "options[1](LQ_QUERY).options[0](STATUS_CODE)",
      "options[2](STATUS_CODE)",
    ]);
  });
});
