// The path grammar of src/wire/path.ts: building, parsing, and the paths the
// decoders really write. Expected segments are written out by hand from the
// grammar in the module's JSDoc.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decode,
  decodeDhcpv4,
  formatPath,
  hex,
  indexSegment,
  isWithinPath,
  joinPath,
  MessageDecoder,
  optionSegment,
  type PathSegment,
  parsePath,
} from "../../src/index.js";
import { decodeErrorOf } from "../helpers/errors.js";

const field = (name: string): PathSegment => ({ kind: "field", name });
const at = (index: number, name?: string): PathSegment =>
  name === undefined ? { kind: "index", index } : { kind: "index", index, name };

describe("building paths", () => {
  it.each([
    ["", "", ""],
    ["", "transactionId", "transactionId"],
    ["options", "", "options"],
    ["options", "[2](CLIENT_DATA)", "options[2](CLIENT_DATA)"],
    [
      "options[2](CLIENT_DATA)",
      "options[1](IAADDR).validLifetime",
      "options[2](CLIENT_DATA).options[1](IAADDR).validLifetime",
    ],
    ["frames", "[0]", "frames[0]"],
    ["[3]", "[1]", "[3][1]"],
    ["[3]", "x", "[3].x"],
  ])("joinPath(%j, %j) is %j", (outer, inner, joined) => {
    expect(joinPath(outer, inner)).toBe(joined);
  });

  it("writes element segments: an index alone, or an index and an option name", () => {
    expect(indexSegment(0)).toBe("[0]");
    expect(indexSegment(12)).toBe("[12]");
    expect(optionSegment(2, "CLIENT_DATA")).toBe("[2](CLIENT_DATA)");
    expect(optionSegment(0, "dhcp-option-overload")).toBe("[0](dhcp-option-overload)");
    expect(optionSegment(7, undefined)).toBe("[7]");
    // An empty name would write "()", which the grammar has no reading of.
    expect(optionSegment(7, "")).toBe("[7]");
  });

  it("formats segments", () => {
    expect(formatPath([])).toBe("");
    expect(formatPath([field("options"), at(2, "CLIENT_DATA"), field("options"), at(1, "IAADDR")])).toBe(
      "options[2](CLIENT_DATA).options[1](IAADDR)",
    );
    expect(formatPath([at(0), at(4), field("x")])).toBe("[0][4].x");
  });
});

describe("parsePath", () => {
  it.each<[string, PathSegment[]]>([
    ["", []],
    ["transactionId", [field("transactionId")]],
    ["options.x", [field("options"), field("x")]],
    ["frames[3]", [field("frames"), at(3)]],
    ["options[0](IA_NA)", [field("options"), at(0, "IA_NA")]],
    ["sname[1](dhcp-option-overload)", [field("sname"), at(1, "dhcp-option-overload")]],
    ["[5]", [at(5)]],
    ["[5](ORO).requestedOptions[10]", [at(5, "ORO"), field("requestedOptions"), at(10)]],
    ["[0][1](A)[2]", [at(0), at(1, "A"), at(2)]],
    [
      "options[2](CLIENT_DATA).options[1](IAADDR).validLifetime",
      [field("options"), at(2, "CLIENT_DATA"), field("options"), at(1, "IAADDR"), field("validLifetime")],
    ],
    // Option names may hold what fields may not, short of parentheses.
    ["[0](a.b[c])", [at(0, "a.b[c]")]],
  ])("reads %j", (path, segments) => {
    expect(parsePath(path)).toEqual(segments);
  });

  it.each([
    ".",
    ".a",
    "a.",
    "a..b",
    "a.[0]",
    "[",
    "[]",
    "[a]",
    "[-1]",
    "[01]",
    "[1.5]",
    "[1",
    "a]",
    "[1](",
    "[1]()",
    "[1](a(b))",
    "[1](a)b",
    "a(b)",
    "(a)",
    "[0]x",
    "[9007199254740992]",
  ])("refuses %j", (path) => {
    expect(parsePath(path)).toBeUndefined();
  });

  it("reads the largest safe index", () => {
    expect(parsePath("[9007199254740991]")).toEqual([at(Number.MAX_SAFE_INTEGER)]);
  });
});

const fieldName = fc.string({ minLength: 1, unit: "grapheme" }).filter((s) => !/[.[\]()]/.test(s));
const optionName = fc.string({ minLength: 1, unit: "grapheme" }).filter((s) => !/[()]/.test(s));
const segment: fc.Arbitrary<PathSegment> = fc.oneof(
  fieldName.map(field),
  fc.nat().map((i) => at(i)),
  fc.tuple(fc.nat(), optionName).map(([i, n]) => at(i, n)),
);
const segments = fc.array(segment, { maxLength: 8 });

describe("the grammar's round trips", () => {
  it("parsePath(formatPath(s)) is s", () => {
    fc.assert(
      fc.property(segments, (s) => {
        expect(parsePath(formatPath(s))).toEqual(s);
      }),
    );
  });

  it("formatPath(parsePath(text)) is text for any text that parses", () => {
    // An alphabet dense in the grammar's own characters, so that most strings come close.
    const text = fc.string({ unit: fc.constantFrom(".", "[", "]", "(", ")", "0", "1", "9", "a", "-", "_") });
    fc.assert(
      fc.property(text, (t) => {
        const s = parsePath(t);
        if (s !== undefined) expect(formatPath(s)).toBe(t);
      }),
    );
  });

  it("joining paths is concatenating their segments", () => {
    fc.assert(
      fc.property(segments, segments, (a, b) => {
        expect(joinPath(formatPath(a), formatPath(b))).toBe(formatPath([...a, ...b]));
      }),
    );
  });
});

describe("the paths decoders write", () => {
  const v4 = (options: string): Uint8Array => {
    // BOOTREPLY, Ethernet, hlen 6, the rest of the 236-byte header zero; then the magic cookie (RFC 2131 §3).
    const b = new Uint8Array(240);
    b.set([2, 1, 6]);
    b.set([0x63, 0x82, 0x53, 0x63], 236);
    return Uint8Array.of(...b, ...hex(options));
  };

  it.each<[string, () => unknown, string, PathSegment[]]>([
    [
      "an IAADDR (RFC 8415 §21.6) 20 bytes long, inside CLIENT_DATA",
      () => decode(hex("0f000001 002d0018 00050014 20010db8000000000000000000000001 00000e10")),
      "options[0](CLIENT_DATA).options[0](IAADDR)",
      [field("options"), at(0, "CLIENT_DATA"), field("options"), at(0, "IAADDR")],
    ],
    [
      "an option of unknown code 10000 whose length overruns its CLIENT_DATA",
      () => decode(hex("0f000001 002d0006 27100008 abcd")),
      "options[0](CLIENT_DATA).options[0]",
      [field("options"), at(0, "CLIENT_DATA"), field("options"), at(0)],
    ],
    [
      "a relayed message of 2 bytes, short of its transaction-id",
      () => decode(hex(`0c00 ${"00".repeat(32)} 00090002 0b00`)),
      "options[0](RELAY_MSG).relayMessage.transactionId",
      [field("options"), at(0, "RELAY_MSG"), field("relayMessage"), field("transactionId")],
    ],
    [
      "a DHCPv4 subnet-mask 3 bytes long",
      () => decodeDhcpv4(v4("010300ffff ff")),
      "options[0](subnet-mask)",
      [field("options"), at(0, "subnet-mask")],
    ],
    [
      "a circuit-id sub-option overrunning its relay-agent-information",
      () => decodeDhcpv4(v4("35010d 5206 0105 00000001 ff")),
      "options[1](relay-agent-information).suboptions[0](circuit-id)",
      [field("options"), at(1, "relay-agent-information"), field("suboptions"), at(0, "circuit-id")],
    ],
  ])("%s", (_what, run, path, steps) => {
    const e = decodeErrorOf(run);
    expect(e.path).toBe(path);
    expect(parsePath(e.path)).toEqual(steps);
  });

  it("a stream's second frame, a LEASEQUERY-DATA whose CLT_TIME is 3 bytes long", () => {
    const d = new MessageDecoder();
    d.push(hex("0004 17000001 000f 11000001 002d0007 002e0003 000000"));
    expect(d.error?.path).toBe("frames[1].options[0](CLIENT_DATA).options[0](CLT_TIME)");
    expect(parsePath(d.error?.path ?? "")).toEqual([
      field("frames"),
      at(1),
      field("options"),
      at(0, "CLIENT_DATA"),
      field("options"),
      at(0, "CLT_TIME"),
    ]);
  });
});

describe("isWithinPath", () => {
  it.each([
    ["options[2](CLIENT_DATA).options[0]", "options[2](CLIENT_DATA)", true],
    ["options[2](CLIENT_DATA)", "options[2](CLIENT_DATA)", true],
    ["options[2](CLIENT_DATA)", "options", true],
    ["frames[1].options", "frames[1]", true],
    ["transactionId", "", true],
    ["", "", true],
    // Same text up to a point that is not a segment boundary.
    ["options[2](CLIENT_DATA)", "options[2]", false],
    ["options[12]", "options[1]", false],
    ["optionsX", "options", false],
    ["options", "options[0]", false],
    ["", "options", false],
  ])("%j within %j: %j", (path, ancestor, within) => {
    expect(isWithinPath(path, ancestor)).toBe(within);
  });

  it("agrees with comparing parsed segments", () => {
    fc.assert(
      fc.property(segments, segments, (a, b) => {
        const head = a.slice(0, b.length);
        const prefix = head.length === b.length && JSON.stringify(head) === JSON.stringify(b);
        expect(isWithinPath(formatPath(a), formatPath(b))).toBe(prefix);
        expect(isWithinPath(formatPath([...b, ...a]), formatPath(b))).toBe(true);
      }),
    );
  });
});
