import { describe, expect, it } from "vitest";
import {
  decode,
  decodeDhcpv4,
  formatMessage,
  formatTree,
  hex,
  inspectDhcpv4,
  inspectMessage,
  type TreeNode,
} from "../../src/index.js";

// Expected values below are worked out by hand from the wire layouts
// (RFC 8415 §21 for DHCPv6 options, RFC 2131 §2 and RFC 2132 for DHCPv4,
// RFC 3396 for split options) and from the rendering rules the inspect
// module documents (renderBytes: hex cut at 64 bytes, plus the text when
// every byte is printable ASCII).

function find(node: TreeNode, pred: (n: TreeNode) => boolean): TreeNode {
  if (pred(node)) return node;
  for (const c of node.children) {
    try {
      return find(c, pred);
    } catch {}
  }
  throw new Error("no such node");
}
const byLabel = (root: TreeNode, label: string) => find(root, (n) => n.label === label);
const brief = (n: TreeNode) => [n.label, n.offset, n.length];
const toHex = (s: string) => Buffer.from(s, "latin1").toString("hex");

/** LEASEQUERY-REPLY (15), xid 1, with one INTERFACE_ID (18) option holding `body` (hex). */
function interfaceId(body: string): string {
  const len = (body.length / 2).toString(16).padStart(4, "0");
  return inspectMessage(decode(hex(`0f0000010012${len}${body}`))).children[2]?.children[0]?.children[0]?.value ?? "";
}

describe("renderBytes through an INTERFACE_ID value", () => {
  it("cuts hex after 64 bytes only", () => {
    // 64 bytes: shown whole; 65: the first 64 then the count.
    expect(interfaceId("01".repeat(64))).toBe("01".repeat(64));
    expect(interfaceId("01".repeat(65))).toBe(`${"01".repeat(64)}… (65 bytes)`);
  });

  it("adds the text only for three or more printable ASCII bytes (0x20-0x7e)", () => {
    expect(interfaceId(toHex("ab"))).toBe("6162");
    expect(interfaceId(toHex("abc"))).toBe('616263 ("abc")');
    // Space (0x20) and tilde (0x7e) are the ends of the printable range.
    expect(interfaceId("207e7e")).toBe('207e7e (" ~~")');
    // DEL (0x7f) and 0x1f are not printable.
    expect(interfaceId("61627f")).toBe("61627f");
    expect(interfaceId("1f6162")).toBe("1f6162");
  });

  it("cuts the text at 64 characters too", () => {
    const a = "a".repeat(65);
    expect(interfaceId(toHex(a))).toBe(`${"61".repeat(64)}… (65 bytes) ("${"a".repeat(64)}")`);
  });
});

describe("inspectMessage paths and empty lists", () => {
  it("gives an unknown option a path with its index only", () => {
    // LEASEQUERY-REPLY with ELAPSED_TIME, then unknown option 0x1234 (2 bytes).
    const t = inspectMessage(decode(hex("0f000001000800020096123400020102")));
    expect(byLabel(t, "option 4660")).toMatchObject({ path: "options[1]", offset: 10, length: 6 });
    expect(byLabel(t, "ELAPSED_TIME (8)").path).toBe("options[0](ELAPSED_TIME)");
  });

  it("shows a list with no items as a label with no value", () => {
    // LEASEQUERY (14) with an empty ORO (6): option header only, 4 bytes at offset 4.
    const text = formatMessage(decode(hex("0e00000100060000")), { rfc: false });
    expect(text.split("\n").slice(-2)).toEqual(["   └─ ORO (6)", "      └─ requestedOptions"]);
  });
});

describe("formatTree", () => {
  it("omits an empty value and an absent RFC", () => {
    const leaf = (label: string, value?: string): TreeNode => ({
      label,
      ...(value === undefined ? {} : { value }),
      offset: 0,
      length: 0,
      path: "",
      children: [],
    });
    const root: TreeNode = { ...leaf("root", ""), children: [leaf("a", ""), leaf("b", "x")] };
    expect(formatTree(root)).toBe(["root", "├─ a", "└─ b: x"].join("\n"));
    expect(formatTree(root, { offsets: false, rfc: true })).toBe("root\n├─ a\n└─ b: x");
  });
});

/** The 236 bytes before the magic cookie: op, then zeros unless given. */
function fixedPart(op: number, fill: Record<number, string> = {}): string {
  const b = new Uint8Array(236);
  b[0] = op;
  for (const [at, h] of Object.entries(fill)) b.set(hex(h), Number(at));
  return Buffer.from(b).toString("hex");
}
const COOKIE = "63825363";

describe("inspectDhcpv4: sname and file holding bytes", () => {
  it("says when sname and file are all zero", () => {
    const t = inspectDhcpv4(decodeDhcpv4(hex(`${fixedPart(1)}${COOKIE}ff`)));
    // sname is 64 bytes at 44, file 128 bytes at 108 (RFC 2131 §2).
    expect(byLabel(t, "sname")).toMatchObject({ value: "(not given: 64 zero bytes)", offset: 44, length: 64 });
    expect(byLabel(t, "file")).toMatchObject({ value: "(not given: 128 zero bytes)", offset: 108, length: 128 });
  });

  it("shows a name with no NUL, filling the field, as text", () => {
    const t = inspectDhcpv4(decodeDhcpv4(hex(`${fixedPart(1, { 44: toHex("s".repeat(64)) })}${COOKIE}ff`)));
    expect(byLabel(t, "sname").value).toBe(JSON.stringify("s".repeat(64)));
  });

  it("shows bytes when the name is empty, not printable, or followed by non-zero bytes", () => {
    // NUL first, then a non-zero byte: no name, but not "not given".
    const leadingNul = inspectDhcpv4(decodeDhcpv4(hex(`${fixedPart(1, { 44: "0041" })}${COOKIE}ff`)));
    expect(byLabel(leadingNul, "sname").value).toBe(`0041${"00".repeat(62)}`);
    // "srv", NUL, then "x": the rest is not zero.
    const junk = inspectDhcpv4(decodeDhcpv4(hex(`${fixedPart(1, { 44: "7372760078" })}${COOKIE}ff`)));
    expect(byLabel(junk, "sname").value).toBe(`7372760078${"00".repeat(59)}`);
    // A control character (0x1f) or DEL (0x7f) in the name.
    const ctl = inspectDhcpv4(decodeDhcpv4(hex(`${fixedPart(1, { 44: "61621f" })}${COOKIE}ff`)));
    expect(byLabel(ctl, "sname").value).toBe(`61621f${"00".repeat(61)}`);
    const del = inspectDhcpv4(decodeDhcpv4(hex(`${fixedPart(1, { 44: "7f6162" })}${COOKIE}ff`)));
    expect(byLabel(del, "sname").value).toBe(`7f6162${"00".repeat(61)}`);
    // Space and tilde are printable.
    const edge = inspectDhcpv4(decodeDhcpv4(hex(`${fixedPart(1, { 44: "207e" })}${COOKIE}ff`)));
    expect(byLabel(edge, "sname").value).toBe('" ~"');
  });
});

describe("inspectDhcpv4: option placement", () => {
  it("places an option with an empty value as a 2-byte instance", () => {
    // Option 224 (not declared) with length 0, then the end: 240-241, 242.
    const t = inspectDhcpv4(decodeDhcpv4(hex(`${fixedPart(1)}${COOKIE}e000ff`)));
    const options = byLabel(t, "options");
    expect(options.children.map(brief)).toEqual([
      ["option 224", 240, 2],
      ["end (255)", 242, 1],
    ]);
    expect(byLabel(t, "option 224")).toMatchObject({ value: "(empty) [unknown option]", path: "options[0]" });
    expect(options).toMatchObject({ offset: 240, length: 3, value: "1 option(s)" });
  });

  it("counts the instances of a continuation held in the file (RFC 3396)", () => {
    // options (240): 53=1 (240-242), 52=1 "file" (243-245), 61 = 01 aa (246-249);
    // file (108): 61 = bb (108-110), 61 = cc (111-113), end (114).
    const m = `${fixedPart(1, { 108: "3d01bb3d01ccff" })}${COOKIE}350101340101 3d0201aa ff`.replace(/ /g, "");
    const t = inspectDhcpv4(decodeDhcpv4(hex(m)));
    const file = byLabel(t, "file");
    expect(file.value).toBe("1 option(s) (overload, RFC 2132 §9.3)");
    expect(file.children[0]).toMatchObject({
      label: "dhcp-client-identifier (61)",
      value: "2 more byte(s) of the value in 2 instances",
      rfc: "RFC 3396 §7",
      offset: 108,
      length: 6,
      path: "file[0](dhcp-client-identifier)",
      children: [],
    });
    expect(brief(file.children[1] as TreeNode)).toEqual(["end (255)", 114, 122]);
    const cid = byLabel(byLabel(t, "options"), "dhcp-client-identifier (61)");
    expect(cid.value).toBe("one value in 3 instances (RFC 3396)");
    // type is the first data byte (248); clientIdentifier starts at 249 (aa).
    expect(cid.children.map((c) => [c.label, c.offset])).toEqual([
      ["type", 248],
      ["clientIdentifier", 249],
    ]);
  });

  it("notes the instances of a malformed option kept raw", () => {
    // dhcp-lease-time (51) in two instances, 2 + 1 bytes: 3 bytes, not the 4 of RFC 2132 §9.2.
    const m = decodeDhcpv4(hex(`${fixedPart(2)}${COOKIE}3302000e330110ff`), { keepMalformedOptions: true });
    const lt = byLabel(inspectDhcpv4(m), "dhcp-lease-time (51)");
    expect(lt.value).toMatch(/^000e10 \[malformed: .*\]; one value in 2 instances \(RFC 3396\)$/);
    expect([lt.offset, lt.length]).toEqual([240, 7]);
  });
});

// The trees below are built inside each test (not while the file loads), so
// that a mutation tool attributes the code they run to these tests.

// RELAY-FORW (test/inspect/tree.test.ts): 34-byte relay header, INTERFACE_ID
// "eth0" at 34 (8 bytes), ELAPSED_TIME 150 at 42 (6), unknown option 0x1234 at
// 48 (6), RELAY_MSG at 54 holding LEASEQUERY xid 0xabcdef with ORO [100, 46]
// (option at 62, codes at 66 and 68) and a DUID-LLT CLIENTID.
const RELAY =
  "0c01" +
  "20010db8000000000000000000000001" +
  "fe800000000000000000000000000002" +
  "0012000465746830" +
  "000800020096" +
  "123400020102" +
  "0009001e" +
  "0eabcdef" +
  "000600040064002e" +
  "0001000e000100010000003c020000000001";

describe("inspectMessage, tree built in the test", () => {
  it("renders units, lists, unions and addresses", () => {
    const t = inspectMessage(decode(hex(RELAY)));
    expect(t).toMatchObject({ path: "", offset: 0, length: RELAY.length / 2 });
    expect(t.children[0]).toMatchObject({ label: "msgType", path: "msgType", value: "12 (RELAY-FORW)" });
    expect(byLabel(t, "ELAPSED_TIME (8)").children[0]?.value).toBe("150 (1.50 s)");
    expect(byLabel(t, "linkAddress").value).toBe("2001:db8::1");
    const oro = byLabel(t, "requestedOptions");
    expect(oro.value).toBe("100 (LQ_BASE_TIME), 46 (CLT_TIME)");
    expect(oro.children.map((c) => [c.label, c.offset, c.path])).toEqual([
      ["[0]", 66, "options[3](RELAY_MSG).relayMessage.options[0](ORO).requestedOptions[0]"],
      ["[1]", 68, "options[3](RELAY_MSG).relayMessage.options[0](ORO).requestedOptions[1]"],
    ]);
    // A union's value is its tag's.
    expect(byLabel(t, "duid").value).toBe("1 (LLT)");
    // The option after the unknown one starts where the unknown one ends.
    expect(brief(byLabel(t, "option 4660"))).toEqual(["option 4660", 48, 6]);
    expect(brief(byLabel(t, "RELAY_MSG (9)"))).toEqual(["RELAY_MSG (9)", 54, 34]);
  });

  it("shows a declared option given as raw bytes without calling it unknown", () => {
    // A built value (not decoded): INTERFACE_ID (RFC 8415 §21.18) kept as bytes.
    const m = { msgType: 15, transactionId: 1, options: [{ code: 18, data: Uint8Array.of(1, 2) }] };
    const node = byLabel(inspectMessage(m as never), "INTERFACE_ID (18)");
    expect(node).toMatchObject({ value: "0102", offset: 4, length: 6, children: [] });
  });
});

describe("inspectDhcpv4, tree built in the test", () => {
  it("groups runs of pads and shows the bytes after the end", () => {
    // options at 240: pad, 53=1 (241-243), pad pad (244-245), end (246) then 00 01.
    const t = inspectDhcpv4(decodeDhcpv4(hex(`${fixedPart(1)}${COOKIE}00350101 0000 ff 0001`.replace(/ /g, ""))));
    const options = byLabel(t, "options");
    expect(options.children).toEqual([
      {
        label: "pad (0)",
        value: "1 byte(s)",
        rfc: "RFC 2132 §3.1",
        offset: 240,
        length: 1,
        path: "options[0]",
        children: [],
      },
      expect.objectContaining({ label: "dhcp-message-type (53)", offset: 241, length: 3 }),
      {
        label: "pad (0)",
        value: "2 byte(s)",
        rfc: "RFC 2132 §3.1",
        offset: 244,
        length: 2,
        path: "options[2]",
        children: [],
      },
      {
        label: "end (255)",
        value: "then 0001",
        rfc: "RFC 2132 §3.2",
        offset: 246,
        length: 3,
        path: "options[4]",
        children: [],
      },
    ]);
    expect(byLabel(t, "magicCookie")).toMatchObject({ offset: 236, length: 4, path: "magicCookie" });
  });

  it("places an empty last field just after its option's data", () => {
    // status-code (151): code 0 at 242, an empty message at 243 (RFC 6926 §6.2.2).
    const t = inspectDhcpv4(decodeDhcpv4(hex(`${fixedPart(2)}${COOKIE}970100ff`)));
    expect(byLabel(t, "statusMessage")).toMatchObject({ offset: 243, length: 0 });
  });

  it("puts a 255-byte value in one instance", () => {
    // Option 224 with 255 bytes: 2 + 255 = 257 bytes at 240; the end at 497.
    const t = inspectDhcpv4(decodeDhcpv4(hex(`${fixedPart(1)}${COOKIE}e0ff${"ab".repeat(255)}ff`)));
    expect(byLabel(t, "options").children.map(brief)).toEqual([
      ["option 224", 240, 257],
      ["end (255)", 497, 1],
    ]);
  });

  it("keeps file at its fixed 128 bytes when a built value's options use fewer", () => {
    // Option overload into file (RFC 2132 §9.3); the built value drops the 127 zero bytes after its end.
    const m = decodeDhcpv4(hex(`${fixedPart(1, { 108: "ff" })}${COOKIE}350101340101ff`));
    const built = { ...m, file: [{ code: 255 }] };
    const file = byLabel(inspectDhcpv4(built as never), "file");
    expect(file).toMatchObject({ offset: 108, length: 128, value: "0 option(s) (overload, RFC 2132 §9.3)" });
    expect(file.children.map(brief)).toEqual([["end (255)", 108, 1]]);
  });

  it("measures a Relay Agent Information sub-option list (RFC 3046 §2.0)", () => {
    // 82 at 240: 2-byte header, then relay-id 0102 (242-245) and link-selection 192.0.2.1 (246-251).
    const t = inspectDhcpv4(decodeDhcpv4(hex(`${fixedPart(2)}${COOKIE}520a0c0201020504c0000201ff`)));
    expect(brief(byLabel(t, "relay-agent-information (82)"))).toEqual(["relay-agent-information (82)", 240, 12]);
    expect(byLabel(t, "suboptions")).toMatchObject({ offset: 242, length: 10, value: "2 sub-option(s)" });
  });

  it("handles built values: pads closing the options, a declared option as raw bytes", () => {
    const m = decodeDhcpv4(hex(`${fixedPart(1)}${COOKIE}350101ff`));
    for (const pads of [1, 2]) {
      const options = [{ code: 53, messageType: 1 }, ...Array.from({ length: pads }, () => ({ code: 0 }))];
      const t = inspectDhcpv4({ ...m, options } as never);
      expect(byLabel(t, "options").children.map((c) => [c.label, c.value, c.offset, c.length])).toEqual([
        ["dhcp-message-type (53)", undefined, 240, 3],
        ["pad (0)", `${pads} byte(s)`, 243, pads],
      ]);
    }
    // dhcp-lease-time (RFC 2132 §9.2) given as its 4 raw bytes.
    const raw = { ...m, options: [{ code: 51, data: Uint8Array.of(0, 0, 0x0e, 0x10) }, { code: 255 }] };
    expect(byLabel(inspectDhcpv4(raw as never), "dhcp-lease-time (51)")).toMatchObject({
      value: "00000e10",
      offset: 240,
      length: 6,
    });
  });
});
