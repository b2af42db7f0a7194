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

// Expected values are worked out by hand from the wire layouts (RFC 8415 §21
// for DHCPv6 options, RFC 2131 §2 and RFC 2132 for DHCPv4, RFC 3396 for split
// options) and from the rendering rules the inspect module documents
// (renderBytes: hex cut at 64 bytes, plus the text when every byte is
// printable ASCII). Trees are built inside each test.
describe("inspectDhcpv4: byte fields, option placement, pads and built values", () => {
  const toHex = (s: string) => Buffer.from(s, "latin1").toString("hex");

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

  describe("inspectDhcpv4: pads, empty fields, long values, built values", () => {
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
});
