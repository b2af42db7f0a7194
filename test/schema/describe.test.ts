// describeCodec and optionsMarkdownTable. Expected texts follow the formats
// the JSDoc gives (`u32 seconds`, `IPv6 address`, `list of u16 option-code`)
// and the README table's header and row layout, worked out per codec kind.
// (test/docs/readme.test.ts checks the README's table against this module.)
import { describe, expect, it } from "vitest";
import { annotate, bytes, ipv4, ipv6, list, ref, struct, u8, u16, u32, union, utf8 } from "../../src/schema/codec.js";
import { describeCodec, optionsMarkdownTable } from "../../src/schema/describe.js";
import { optionArea } from "../../src/schema/option-area-codec.js";
import { optionList } from "../../src/schema/tlv.js";

describe("describeCodec", () => {
  it("names unsigned integers by width, with their unit when they have one", () => {
    expect(describeCodec(u8)).toBe("u8");
    expect(describeCodec(u16)).toBe("u16");
    expect(describeCodec(annotate(u32, { unit: "seconds" }))).toBe("u32 seconds");
  });

  it("names addresses, text and byte strings", () => {
    expect(describeCodec(ipv6)).toBe("IPv6 address");
    expect(describeCodec(ipv4)).toBe("IPv4 address");
    expect(describeCodec(utf8)).toBe("UTF-8 text");
    expect(describeCodec(bytes())).toBe("bytes");
    expect(describeCodec(bytes(16))).toBe("16 bytes");
  });

  it("describes lists and structs through their parts", () => {
    expect(describeCodec(list(annotate(u16, { unit: "option-code" })))).toBe("list of u16 option-code");
    expect(describeCodec(struct({ preference: u8, serverAddress: ipv6 }))).toBe(
      "preference: u8, serverAddress: IPv6 address",
    );
  });

  it("gives unions and references by name, option lists by space", () => {
    const duidLike = union("duidType", u16, { 4: struct({ uuid: bytes(16) }) }, struct({ data: bytes() }), "DUID");
    expect(describeCodec(duidLike)).toBe("DUID");
    expect(describeCodec(ref("DHCPv6 message", () => u8))).toBe("DHCPv6 message");
    expect(describeCodec(optionList("dhcpv6", () => []))).toBe("dhcpv6 options");
    expect(describeCodec(optionArea("dhcpv4", () => []))).toBe("dhcpv4 options");
  });
});

describe("optionsMarkdownTable", () => {
  it("has the README's header, one row per declaration, and (empty) for a body without fields", () => {
    const table = optionsMarkdownTable(
      [
        {
          code: 7,
          name: "PREFERENCE",
          rfc: "RFC 8415 §21.8",
          body: struct({ preference: u8 }),
        },
        {
          code: 12,
          name: "UNICAST",
          rfc: "RFC 8415 §21.12",
          body: struct({ serverAddress: ipv6, t: annotate(u32, { unit: "seconds" }) }),
        },
        { code: 14, name: "RAPID_COMMIT", rfc: "RFC 8415 §21.14", body: struct({}) },
      ],
      { 7: "Server preference.", 12: "Server address for unicast.", 14: "Two-message exchange." },
    );
    expect(table.split("\n")).toEqual([
      "| code | name | carries | fields | defined in |",
      "| --- | --- | --- | --- | --- |",
      "| 7 | PREFERENCE | Server preference. | `preference` (u8) | RFC 8415 §21.8 |",
      "| 12 | UNICAST | Server address for unicast. | `serverAddress` (IPv6 address), `t` (u32 seconds) | RFC 8415 §21.12 |",
      "| 14 | RAPID_COMMIT | Two-message exchange. | (empty) | RFC 8415 §21.14 |",
    ]);
  });
});
