/**
 * The inspector's pure modules in Node (no browser): pasted hex and where
 * it is not hex, the partial tree of a message that does not decode, and
 * the capture list's filter and request/reply pairs. Expected bytes and
 * offsets come from the inputs' hand-written layouts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeCaptureEntry, filterMessages, readCaptureView } from "../../examples/inspector/capture-view.js";
import { HexInputError, parseHexInput } from "../../examples/inspector/hex-input.js";
import { partialTree } from "../../examples/inspector/partial-tree.js";
import type { ViewNode } from "../../examples/inspector/view-tree.js";

const thrown = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
};

describe("parseHexInput", () => {
  it("reads separators, 0x prefixes and digits paired across separators", () => {
    expect([...parseHexInput("0x0f, 00:be-ef\n0xA 1")]).toEqual([0x0f, 0x00, 0xbe, 0xef, 0xa1]);
    expect([...parseHexInput("")]).toEqual([]);
  });

  it("says which character is not hex, with its line and column", () => {
    const e = thrown(() => parseHexInput("0f 00\n be g0"));
    expect(e).toBeInstanceOf(HexInputError);
    // "0f 00\n" is characters 0-5; " be " 6-9; "g" is character 10, line 2 column 5.
    expect([(e as HexInputError).index, (e as HexInputError).line, (e as HexInputError).column]).toEqual([10, 2, 5]);
    expect((e as Error).message).toBe('"g" is not a hex digit at character 10 (line 2, column 5)');
  });

  it("places an odd digit count at the digit left without a pair", () => {
    const e = thrown(() => parseHexInput("0f 00 be e")) as HexInputError;
    expect([e.index, e.line, e.column]).toEqual([9, 1, 10]);
  });

  it("takes 0x only at the start of a group: inside one, x is not hex", () => {
    expect((thrown(() => parseHexInput("10x5")) as HexInputError).index).toBe(2);
  });
});

/** Every node, depth first. */
const all = (n: ViewNode): ViewNode[] => [n, ...n.children.flatMap(all)];

describe("partialTree", () => {
  it("keeps the header and whole options before an option that runs past the end", () => {
    // 0f 00beef | 0002 0004 01020304 (SERVERID, 4 bytes, DUID type 0x0102) | 0001 0010 0a0b (CLIENTID, 16 bytes, 2 left).
    const b = Uint8Array.from(Buffer.from("0f00beef000200040102030400010010" + "0a0b", "hex"));
    const { tree, lenient } = partialTree(b, "dhcpv6", 14, "truncated", "LEASEQUERY-REPLY (15)");
    expect(lenient).toBe(false);
    const nodes = all(tree);
    expect(nodes.find((n) => n.label === "msgType")?.value).toBe("15 (LEASEQUERY-REPLY)");
    expect(nodes.find((n) => n.label.startsWith("SERVERID"))).toMatchObject({ offset: 4, length: 8 });
    expect(nodes.some((n) => n.label.startsWith("CLIENTID"))).toBe(false);
    const rest = tree.children.at(-1);
    expect(rest).toMatchObject({
      label: "not decoded",
      offset: 12,
      length: 6,
      value: "6 byte(s): truncated at byte 14",
    });
  });

  it("is the lenient decode's tree when keepMalformedOptions reads the message", () => {
    // A CLT_TIME (46) of 3 bytes instead of 4 (RFC 5007 §4.1.2.2): kept raw by the lenient decoder.
    const b = Uint8Array.from(Buffer.from("0f00beef002e0003010203", "hex"));
    const { tree, lenient } = partialTree(b, "dhcpv6", 8, "length-mismatch", "LEASEQUERY-REPLY (15)");
    expect(lenient).toBe(true);
    expect(all(tree).find((n) => n.label.startsWith("CLT_TIME"))).toMatchObject({ offset: 4, length: 7 });
  });

  it("shows only the bytes not decoded when not even the header reads", () => {
    const b = Uint8Array.of(0x0f, 0x00);
    const { tree } = partialTree(b, "dhcpv6", 1, "truncated", "LEASEQUERY-REPLY (15)");
    expect(tree.children.map((c) => [c.label, c.offset, c.length])).toEqual([["not decoded", 0, 2]]);
  });
});

describe("readCaptureView on the ISC dhcpd captures", () => {
  const view = readCaptureView(
    new Uint8Array(readFileSync(join(__dirname, "../capture/fixtures/isc/isc-dhcpv4.pcap"))),
  );

  it("names, numbers and pairs the 20 messages without decoding them", () => {
    // tshark: frames 1-20, queries (op 1) and replies (op 2) in turn, xid 0x40000001 first.
    expect(view.messages.length).toBe(20);
    expect(view.messages.map((m) => m.role)).toEqual(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? "reply" : "request")),
    );
    expect(view.messages.map((m) => m.pair)).toEqual(Array.from({ length: 20 }, (_, i) => (i % 2 ? i - 1 : i + 1)));
    expect(view.messages[3]).toMatchObject({ name: "DHCPLEASEACTIVE (13)", xid: 0x40000009, payloadOffset: 42 });
    expect(view.messages[3]?.frame?.length).toBe(325);
  });

  it("filters by type, xid and address", () => {
    expect(filterMessages(view.messages, "dhcpleaseunknown")).toEqual([11, 15]);
    expect(filterMessages(view.messages, "0x40000009")).toEqual([2, 3]);
    expect(filterMessages(view.messages, "10.140.0.1:67 → leaseactive")).toEqual([1, 3, 13, 17, 19]);
    expect(filterMessages(view.messages, "")).toHaveLength(20);
  });
});

describe("decodeCaptureEntry on ISC's hlen-255 replies (lenient by default)", () => {
  const view = readCaptureView(
    new Uint8Array(readFileSync(join(__dirname, "../capture/fixtures/isc/isc-dhcpv4.pcap"))),
  );

  it("decodes all 20 messages with nothing rejected", () => {
    for (const m of view.messages) expect(decodeCaptureEntry(m, {}).errors).toEqual([]);
  });

  it("shows the anomaly on the hlen node, at frame byte 44 (the message starts at 42)", () => {
    for (const i of [3, 19]) {
      const v = decodeCaptureEntry(view.messages[i] as (typeof view.messages)[number], {});
      const hlen = all(v.tree as ViewNode).find((n) => n.path === "hlen");
      expect(hlen).toMatchObject({ offset: 44, length: 1 });
      expect(hlen?.value).toMatch(/^255 \[anomaly: /);
      expect(all(v.tree as ViewNode).find((n) => n.path === "chaddr")?.value).toBe("00".repeat(16));
    }
  });

  it("shows the library's friendlier values: durations beside the seconds", () => {
    // Frame 4's option 51: 00001c0d = 7181 s = 1 h 59 min 41 s (tshark: "1 hour, 59 minutes, 41 seconds").
    const v = decodeCaptureEntry(view.messages[3] as (typeof view.messages)[number], {});
    expect(all(v.tree as ViewNode).find((n) => n.label === "leaseTime")?.value).toBe("7181 s (1h 59m 41s)");
  });

  it("rejects them with strict, at hlen, byte 2 of the message", () => {
    const v = decodeCaptureEntry(view.messages[3] as (typeof view.messages)[number], { strict: true });
    expect(v.errors.map((e) => [e.code, e.offset, e.path, e.base])).toEqual([["invalid-value", 44, "hlen", 42]]);
  });
});

describe("decodeCaptureEntry on ISC's DHCPv6 capture", () => {
  it("names the DUID's hardware type and puts colons in its link-layer address", () => {
    const view = readCaptureView(
      new Uint8Array(readFileSync(join(__dirname, "../capture/fixtures/isc/isc-dhcpv6.pcap"))),
    );
    // Frame 1: the requestor's CLIENTID, DUID-LL 0003 0001 020000000002.
    const v = decodeCaptureEntry(view.messages[0] as (typeof view.messages)[number], {});
    const nodes = all(v.tree as ViewNode);
    expect(nodes.find((n) => n.label === "hardwareType")?.value).toBe("1 (Ethernet)");
    expect(nodes.find((n) => n.label === "linkLayerAddress")?.value).toBe("02:00:00:00:00:02");
  });
});
