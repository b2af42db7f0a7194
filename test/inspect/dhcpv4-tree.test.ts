import { describe, expect, it } from "vitest";
import {
  DecodeError,
  decode,
  decodeDhcpv4,
  formatTree,
  hex,
  inspectDhcpv4,
  inspectMessage,
  type TreeNode,
} from "../../src/index.js";
import { DHCPV4_TREES } from "../../src/inspect/dhcpv4-tree.js";
import { inspectValue } from "../../src/inspect/value-tree.js";
import { DHCPV4_MESSAGE_CODEC } from "../../src/v4/message-codec.js";

/** The 236 bytes before the magic cookie: op, then zeros unless given. */
function fixedPart(op: number, fill: Record<number, string> = {}): string {
  const b = new Uint8Array(236);
  b[0] = op;
  for (const [at, h] of Object.entries(fill)) b.set(hex(h), Number(at));
  return Buffer.from(b).toString("hex");
}
const COOKIE = "63825363";

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

/** A DHCPV4-RESPONSE (21) whose OPTION_DHCPV4_MSG holds `v4` (hex). */
function dhcp4o6(v4: string): string {
  return `1500000100570${(v4.length / 2).toString(16).padStart(3, "0")}${v4}`;
}

// DHCPACTIVELEASEQUERY (16) with relay-agent-information: relay-id 0102 and
// link-selection 192.0.2.1, then two pads, the end, two zero bytes.
const ACTIVE = `${fixedPart(2)}${COOKIE}350110520a0c0201020504c000020100 00ff0000`.replace(/ /g, "");

describe("inspectMessage on OPTION_DHCPV4_MSG", () => {
  const tree = inspectMessage(decode(hex(dhcp4o6(ACTIVE))));
  const v4 = byLabel(tree, "dhcpv4Message");

  it("gives the DHCPv4 message a full tree at the bytes it came from", () => {
    // 4 bytes of DHCPv6 header, 4 of option header: the DHCPv4 message starts at 8.
    expect(v4).toMatchObject({ value: "DHCPACTIVELEASEQUERY (16)", offset: 8, length: 260, rfc: "RFC 2131 §2" });
    expect(v4.children.map((c) => c.label)).toEqual([
      ...["op", "htype", "hlen", "hops", "xid", "secs", "flags", "ciaddr", "yiaddr", "siaddr", "giaddr"],
      ...["chaddr", "sname", "file", "magicCookie", "options"],
    ]);
    expect(brief(byLabel(v4, "giaddr"))).toEqual(["giaddr", 8 + 24, 4]);
    expect(brief(byLabel(v4, "chaddr"))).toEqual(["chaddr", 8 + 28, 16]);
    expect(brief(byLabel(v4, "sname"))).toEqual(["sname", 8 + 44, 64]);
    expect(brief(byLabel(v4, "file"))).toEqual(["file", 8 + 108, 128]);
    // The magic cookie is at 236 of the DHCPv4 message and the options follow it.
    expect(byLabel(v4, "magicCookie")).toMatchObject({ offset: 8 + 236, length: 4, value: "99.130.83.99 (DHCP)" });
    expect(byLabel(v4, "options")).toMatchObject({ offset: 8 + 240, length: 20, value: "2 option(s)" });
  });

  it("lists options, sub-options, pads and end with their byte ranges", () => {
    const options = byLabel(v4, "options");
    expect(options.children.map(brief)).toEqual([
      ["dhcp-message-type (53)", 248, 3],
      ["relay-agent-information (82)", 251, 12],
      ["pad (0)", 263, 2],
      ["end (255)", 265, 3],
    ]);
    const subs = byLabel(v4, "suboptions");
    expect(subs).toMatchObject({ value: "2 sub-option(s)", offset: 253, length: 10 });
    expect(subs.children.map(brief)).toEqual([
      ["relay-id (12)", 253, 4],
      ["link-selection (5)", 257, 6],
    ]);
    expect(byLabel(v4, "address")).toMatchObject({ value: "192.0.2.1", offset: 259, length: 4 });
    expect(byLabel(v4, "relayId")).toMatchObject({ value: "0102", offset: 255, length: 2 });
    expect(byLabel(v4, "link-selection (5)").rfc).toBe("RFC 3527");
    expect(byLabel(v4, "pad (0)").value).toBe("2 byte(s)");
    expect(byLabel(v4, "end (255)").value).toBe("then 2 zero byte(s)");
  });

  it("writes paths the way DecodeError does", () => {
    const node = byLabel(v4, "link-selection (5)");
    expect(node.path).toBe(
      "options[0](DHCPV4_MSG).dhcpv4Message.options[1](relay-agent-information).suboptions[1](link-selection)",
    );
    // The same sub-option with a 3-byte address: the decoder names the same path.
    const bad = ACTIVE.replace("520a0c0201020504c0000201", "52090c0201020503c00002");
    const err = (() => {
      try {
        decode(hex(dhcp4o6(`${bad}00`)));
      } catch (e) {
        return e as DecodeError;
      }
      throw new Error("decoded");
    })();
    expect(err).toBeInstanceOf(DecodeError);
    expect(err.path).toBe(node.path);
    expect(byLabel(v4, "messageType").path).toBe(
      "options[0](DHCPV4_MSG).dhcpv4Message.options[0](dhcp-message-type).messageType",
    );
  });
});

describe("inspectDhcpv4", () => {
  it("takes an offset, a path and a label", () => {
    const t = inspectDhcpv4(decodeDhcpv4(hex(ACTIVE)), { offset: 100, path: "m", label: "v4" });
    expect(t).toMatchObject({ label: "v4", offset: 100, length: 260, path: "m" });
    expect(byLabel(t, "relay-id (12)")).toMatchObject({
      offset: 100 + 245,
      path: "m.options[1](relay-agent-information).suboptions[0](relay-id)",
    });
    expect(inspectDhcpv4(decodeDhcpv4(hex(ACTIVE))).label).toBe("DHCPACTIVELEASEQUERY (16)");
  });

  it("shows option overload and values continued across options, file and sname (RFC 3396)", () => {
    // options: 53=1, 52=3 (file and sname), 61 = 01 aa bb ... continued in file;
    // file: 61 continued (cc dd), option 224 (site-specific, RFC 2132 §1) "abc" continued in sname ("de").
    const m =
      fixedPart(1, { 44: "e0026465ff", 108: "3d02ccdde003616263ff" }) +
      COOKIE +
      "350101" +
      "340103" +
      "3d0301aabb" +
      "ff";
    const t = inspectDhcpv4(decodeDhcpv4(hex(m)));
    expect(t).toMatchObject({ label: "DHCPDISCOVER (1)", length: 252 });
    const [options, file, sname] = ["options", "file", "sname"].map((l) => byLabel(t, l)) as [
      TreeNode,
      TreeNode,
      TreeNode,
    ];
    expect(options.children.map(brief)).toEqual([
      ["dhcp-message-type (53)", 240, 3],
      ["dhcp-option-overload (52)", 243, 3],
      ["dhcp-client-identifier (61)", 246, 5],
      ["end (255)", 251, 1],
    ]);
    const cid = byLabel(options, "dhcp-client-identifier (61)");
    expect(cid.value).toBe("one value in 2 instances (RFC 3396)");
    expect(cid.children.map((c) => [c.label, c.value, c.offset])).toEqual([
      ["type", "1", 248],
      ["clientIdentifier", "aabbccdd", 249],
    ]);
    expect(file).toMatchObject({ offset: 108, length: 128, value: "2 option(s) (overload, RFC 2132 §9.3)" });
    expect(file.children.map((c) => [...brief(c), c.value])).toEqual([
      ["dhcp-client-identifier (61)", 108, 4, "2 more byte(s) of the value"],
      ["option 224", 112, 5, '6162636465 ("abcde") [unknown option]; one value in 2 instances (RFC 3396)'],
      ["end (255)", 117, 119, "then 118 zero byte(s)"],
    ]);
    expect(file.children[0]?.path).toBe("file[0](dhcp-client-identifier)");
    expect(sname).toMatchObject({ offset: 44, length: 64 });
    expect(sname.children.map(brief)).toEqual([
      ["option 224", 44, 4],
      ["end (255)", 48, 60],
    ]);
  });

  it("places the fields of an option split into adjacent instances", () => {
    // 61 as two instances: 01 aa | bb cc (a non-default split).
    const two = decodeDhcpv4(hex(`${fixedPart(1)}${COOKIE}3d0201aa3d02bbccff`));
    const cid = byLabel(inspectDhcpv4(two), "dhcp-client-identifier (61)");
    expect(brief(cid)).toEqual(["dhcp-client-identifier (61)", 240, 8]);
    expect(cid.children.map((c) => [c.label, c.offset])).toEqual([
      ["type", 242],
      ["clientIdentifier", 243],
    ]);
    // 300 bytes in default chunks: 255, then 45.
    const long = decodeDhcpv4(hex(`${fixedPart(1)}${COOKIE}3dff01${"ab".repeat(254)}3d2d${"cd".repeat(45)}ff`));
    const lc = byLabel(inspectDhcpv4(long), "dhcp-client-identifier (61)");
    expect(brief(lc)).toEqual(["dhcp-client-identifier (61)", 240, 304]);
    expect(byLabel(lc, "clientIdentifier").value).toMatch(/^(ab){64}… \(299 bytes\)$/);
    expect(byLabel(inspectDhcpv4(long), "end (255)").offset).toBe(544);
    // status-code 0 in two instances, the second empty: the empty message sits after it.
    const status = decodeDhcpv4(hex(`${fixedPart(2)}${COOKIE}970100970098045f5e1000ff`));
    const st = inspectDhcpv4(status);
    expect(brief(byLabel(st, "status-code (151)"))).toEqual(["status-code (151)", 240, 5]);
    expect(byLabel(st, "statusCode")).toMatchObject({ offset: 242, value: "0 (Success)" });
    expect(byLabel(st, "statusMessage")).toMatchObject({ offset: 245, length: 0, value: '""' });
    expect(byLabel(st, "baseTime")).toMatchObject({ offset: 247, value: "1600000000 (2020-09-13T12:26:40Z)" });
  });

  it("renders chaddr, sname and file the ways they come", () => {
    const eth = decodeDhcpv4(
      hex(`${fixedPart(1, { 1: "0106", 28: "020000000001", 44: "73727600", 108: "01" })}${COOKIE}ff0102`),
    );
    const t = inspectDhcpv4(eth);
    expect(t.label).toBe("BOOTREQUEST (1)");
    expect(byLabel(t, "chaddr").value).toBe("02:00:00:00:00:01 (Ethernet)");
    expect(byLabel(t, "sname").value).toBe('"srv"');
    expect(byLabel(t, "file").value).toBe(`01${"00".repeat(63)}… (128 bytes)`);
    expect(byLabel(t, "end (255)")).toMatchObject({ value: "then 0102", offset: 240, length: 3 });
    expect(byLabel(t, "options").value).toBe("0 option(s)");

    const other = decodeDhcpv4(hex(`${fixedPart(9, { 1: "0604", 28: "0a0b0c0d" })}${COOKIE}350163ff`));
    const o = inspectDhcpv4(other);
    expect(o.label).toBe("message type (99)");
    expect(byLabel(o, "chaddr").value).toBe(`0a0b0c0d${"00".repeat(12)}`);
    expect(byLabel(o, "end (255)").value).toBeUndefined();
    expect(inspectDhcpv4(decodeDhcpv4(hex(`${fixedPart(9)}${COOKIE}ff`))).label).toBe("op (9)");
  });

  it("shows malformed options kept raw and unknown sub-options", () => {
    const m = decodeDhcpv4(hex(`${fixedPart(2)}${COOKIE}3303000e10520409020102ff`), { keepMalformedOptions: true });
    const t = inspectDhcpv4(m);
    expect(byLabel(t, "dhcp-lease-time (51)")).toMatchObject({ offset: 240, length: 5, children: [] });
    expect(byLabel(t, "dhcp-lease-time (51)").value).toMatch(/^000e10 \[malformed: .*4 byte/);
    expect(byLabel(t, "sub-option 9")).toMatchObject({
      value: "0102 [unknown sub-option]",
      offset: 247,
      length: 4,
      path: "options[1](relay-agent-information).suboptions[0]",
    });
  });

  it("formats as text", () => {
    const t = inspectDhcpv4(decodeDhcpv4(hex(`${fixedPart(2)}${COOKIE}350111ff`)));
    expect(formatTree(t).split("\n").slice(-5)).toEqual([
      "├─ magicCookie: 99.130.83.99 (DHCP)  [RFC 2131 §3]",
      "└─ options: 1 option(s)",
      "   ├─ dhcp-message-type (53)  [RFC 2132 §9.6]",
      "   │  └─ messageType: 17 (DHCPLEASEQUERYSTATUS)",
      "   └─ end (255)  [RFC 2132 §3.2]",
    ]);
  });
});

describe("an option area inspected alone", () => {
  it("places a value continued later as if it were all there", () => {
    const area = (DHCPV4_MESSAGE_CODEC.kind as unknown as { fields: [string, never][] }).fields.find(
      (f) => f[0] === "options",
    );
    const entries = [{ code: 53, messageType: 1 }, { code: 61, continuation: 2 }, { code: 0 }, { code: 255 }];
    const t = inspectValue(area?.[1] as never, entries, "area", 10, "a", DHCPV4_TREES);
    expect(t).toMatchObject({ label: "area", offset: 10, length: 9, value: "2 option(s)" });
    expect(t.children.map(brief)).toEqual([
      ["dhcp-message-type (53)", 10, 3],
      ["dhcp-client-identifier (61)", 13, 4],
      ["pad (0)", 17, 1],
      ["end (255)", 18, 1],
    ]);
  });
});
