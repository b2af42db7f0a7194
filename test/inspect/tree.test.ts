import { describe, expect, it } from "vitest";
import { decode, formatMessage, formatTree, hex, inspectMessage, type TreeNode } from "../../src/index.js";

// RELAY-FORW hop 1, link 2001:db8::1, peer fe80::2, with INTERFACE_ID "eth0",
// ELAPSED_TIME 150, an unknown option 0x1234 and a RELAY_MSG holding
// LEASEQUERY xid 0xabcdef with ORO [100, 46] and a DUID-LLT CLIENTID.
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

function find(node: TreeNode, label: string): TreeNode {
  if (node.label === label) return node;
  for (const c of node.children) {
    try {
      return find(c, label);
    } catch {}
  }
  throw new Error(`no node ${label}`);
}

describe("inspectMessage", () => {
  // Built inside each test, so that a mutation tool attributes the code it runs to the test.
  const relayTree = () => inspectMessage(decode(hex(RELAY)));

  it("names the message and gives each node its byte range and path", () => {
    const tree = relayTree();
    expect(tree.label).toBe("RELAY-FORW (12)");
    expect(tree).toMatchObject({ offset: 0, length: RELAY.length / 2, path: "" });
    const iface = find(tree, "INTERFACE_ID (18)");
    expect(iface).toMatchObject({ offset: 34, length: 8, path: "options[0](INTERFACE_ID)", rfc: "RFC 8415 §21.18" });
    expect(iface.children[0]).toMatchObject({
      label: "interfaceId",
      value: '65746830 ("eth0")',
      offset: 38,
      length: 4,
    });
  });

  it("renders units, names, unknown options and nested messages", () => {
    const tree = relayTree();
    expect(find(tree, "ELAPSED_TIME (8)").children[0]?.value).toBe("150 (1.50 s)");
    expect(find(tree, "option 4660")).toMatchObject({ value: "0102 [unknown option]", offset: 48, length: 6 });
    const oro = find(tree, "requestedOptions");
    expect(oro.value).toBe("100 (LQ_BASE_TIME), 46 (CLT_TIME)");
    expect(oro.children.map((c) => [c.offset, c.path])).toEqual([
      [66, "options[3](RELAY_MSG).relayMessage.options[0](ORO).requestedOptions[0]"],
      [68, "options[3](RELAY_MSG).relayMessage.options[0](ORO).requestedOptions[1]"],
    ]);
    const duid = find(tree, "duid");
    expect(duid.value).toBe("1 (LLT)");
    expect(duid.children.map((c) => c.value)).toEqual(["1 (LLT)", "1", "60 (2000-01-01T00:01:00Z)", "020000000001"]);
    expect(find(tree, "linkAddress").value).toBe("2001:db8::1");
    expect(find(tree, "transactionId").value).toBe("0xabcdef");
  });

  it("shows malformed options kept raw, empty bytes and long bytes", () => {
    const m = decode(hex(`0f000001002e000101001200000012004c${"00".repeat(76)}`), {
      keepMalformedOptions: true,
    });
    const t = inspectMessage(m);
    expect(t.children[2]?.children[0]?.value).toMatch(/^01 \[malformed: .*CLT_TIME/);
    expect(find(t, "interfaceId").value).toBe("(empty)");
    expect(t.children[2]?.children[2]?.children[0]?.value).toBe(`${"00".repeat(64)}… (76 bytes)`);
  });

  it("names unknown message types and shows infinity and flags", () => {
    expect(inspectMessage(decode(hex("c8000000"))).label).toBe("message type 200");
    const t = inspectMessage(decode(hex("14800000")));
    expect(find(t, "flags").value).toBe("0x800000");
    const ia = inspectMessage(decode(hex(`0f000001000500180000000000000000000000000000000000000000ffffffff`)));
    expect(find(ia, "validLifetime").value).toBe("4294967295 (infinity)");
  });
});

describe("formatTree", () => {
  it("draws guides, RFC references and optional offsets", () => {
    const text = formatMessage(decode(hex("11000001002d0008002e000400000e10")), { offsets: true, rfc: false });
    expect(text.split("\n")).toEqual([
      "LEASEQUERY-DATA (17)  @0+16",
      "├─ msgType: 17 (LEASEQUERY-DATA)  @0+1",
      "├─ transactionId: 0x000001  @1+3",
      "└─ options: 1 option(s)  @4+12",
      "   └─ CLIENT_DATA (45)  @4+12",
      "      └─ options: 1 option(s)  @8+8",
      "         └─ CLT_TIME (46)  @8+8",
      "            └─ cltTime: 3600 s  @12+4",
    ]);
    expect(formatTree({ label: "x", offset: 0, length: 0, path: "", children: [], rfc: "RFC 1" })).toBe("x  [RFC 1]");
  });
});

// Expected values are worked out by hand from the wire layouts (RFC 8415 §21
// for DHCPv6 options, RFC 2131 §2 and RFC 2132 for DHCPv4, RFC 3396 for split
// options) and from the rendering rules the inspect module documents
// (renderBytes: hex cut at 64 bytes, plus the text when every byte is
// printable ASCII). Trees are built inside each test.
describe("renderBytes, paths, formatTree and more inspectMessage fields", () => {
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
  describe("inspectMessage, more fields", () => {
    it("renders the msgType field, list item labels and a relayed message's range", () => {
      const t = inspectMessage(decode(hex(RELAY)));
      expect(t.children[0]).toMatchObject({ label: "msgType", path: "msgType", value: "12 (RELAY-FORW)" });
      expect(byLabel(t, "requestedOptions").children.map((c) => c.label)).toEqual(["[0]", "[1]"]);
      expect(brief(byLabel(t, "RELAY_MSG (9)"))).toEqual(["RELAY_MSG (9)", 54, 34]);
    });

    it("shows a declared option given as raw bytes without calling it unknown", () => {
      // A built value (not decoded): INTERFACE_ID (RFC 8415 §21.18) kept as bytes.
      const m = { msgType: 15, transactionId: 1, options: [{ code: 18, data: Uint8Array.of(1, 2) }] };
      const node = byLabel(inspectMessage(m as never), "INTERFACE_ID (18)");
      expect(node).toMatchObject({ value: "0102", offset: 4, length: 6, children: [] });
    });
  });
});
