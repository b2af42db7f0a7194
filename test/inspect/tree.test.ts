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
  const tree = inspectMessage(decode(hex(RELAY)));

  it("names the message and gives each node its byte range and path", () => {
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
