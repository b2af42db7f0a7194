// Tests written for surviving Stryker mutants of src/v4/message-skip.ts
// (see mutation/v4.md). The skipper answers the end of its region or
// exactly -1, and walks an ordinary message itself: the decoder it is
// given is called only for option overload, a declared option in more than
// one instance, or a declared option that does not fit its layout alone
// (RFC 3396 may complete it). A counting decoder shows which path was
// taken; the bytes are the layouts of RFC 2131 §2-3 written out by hand.
import { describe, expect, it } from "vitest";
import { decode } from "../../src/index.js";
import { readingSkipper } from "../../src/schema/codec.js";
import { optionArea } from "../../src/schema/option-area.js";
import { DHCPV4_MESSAGE_CODEC } from "../../src/v4/message-codec.js";
import { dhcpv4MessageSkipper } from "../../src/v4/message-skip.js";
import { DHCPV4_OPTION_TABLE } from "../../src/v4/schema.js";
import { readerOptions } from "../../src/v6/message.js";
import { decodeErrorOf } from "../helpers/errors.js";
import { header, message, opt } from "./helpers.js";

/** A fresh skipper over the real decoder, and how often it called it. */
function counted(opts: Parameters<typeof readerOptions>[0] = {}) {
  const o = readerOptions(opts);
  const seen = { calls: 0 };
  const decoding = readingSkipper(DHCPV4_MESSAGE_CODEC);
  const skipper = dhcpv4MessageSkipper((b, p, end, depth, op) => {
    seen.calls++;
    return decoding(b, p, end, depth, op);
  });
  const skip = (b: Uint8Array, p: number, end: number, depth: number): number => skipper(b, p, end, depth, o);
  return { skip, seen };
}

/** The skipper's answer on `b` as a whole region, and the decoder calls it made. */
function run(b: Uint8Array, opts?: Parameters<typeof readerOptions>[0]): [number, number] {
  const { skip, seen } = counted(opts);
  return [skip(b, 0, b.length, 0), seen.calls];
}

const end = [255];
const lease = opt(51, [0, 0, 0, 1]);

describe("the DHCPv4 skipper's own walk", () => {
  it("accepts ordinary messages without the decoder", () => {
    const cases = [
      message(end),
      message([0, 0, ...lease, 255, 9, 9]),
      // 92: two 4-octet items (RFC 4388 §6.2); 61: type and id.
      message([...opt(92, [10, 0, 0, 1, 10, 0, 0, 2]), ...opt(61, [1, 2, 3]), 255]),
      // 82 (RFC 3046) with sub-options 1 (2 octets), 5 (RFC 3527, 4) and 200.
      message([...opt(82, [1, 2, 7, 7, 5, 4, 10, 0, 0, 1, 200, 0]), 255]),
      message([...opt(151, [0, 0x6f, 0x6b]), ...opt(53, [13]), 255]),
      // An undeclared code twice: joined raw bytes, nothing to check.
      message([...opt(200, [1]), ...opt(200, [2]), 255]),
    ];
    for (const b of cases) expect(run(b)).toEqual([b.length, 0]);
  });

  it("refuses without the decoder what no decoder takes, with exactly -1", () => {
    const cases = [
      Uint8Array.of(1),
      message(end).subarray(0, 239),
      message([]),
      message(end, header({ hlen: 17 })),
      message([0, 0]),
      message([200]),
      message([200, 4, 1, 2, 255]),
    ];
    for (const b of cases) expect(run(b)).toEqual([-1, 0]);
    for (let i = 0; i < 4; i++) {
      const b = message(end);
      b[236 + i] = (b[236 + i] as number) ^ 0x80;
      expect(run(b)).toEqual([-1, 0]);
    }
  });

  it("does not read past its region for the end option", () => {
    // Header and cookie, no options field, then a 255 that lies outside
    // the region [0, 240).
    const b = Uint8Array.from([...message([]), 255]);
    const { skip } = counted();
    expect(skip(b, 0, 240, 0)).toBe(-1);
    expect(skip(b, 0, 241, 0)).toBe(241);
  });

  it("works at an offset inside a larger buffer", () => {
    const m = message([...lease, 255]);
    const b = Uint8Array.from([0xee, 0xee, 0xee, ...m, 0xee]);
    const { skip, seen } = counted();
    expect(skip(b, 3, 3 + m.length, 0)).toBe(3 + m.length);
    expect(seen.calls).toBe(0);
  });

  it("applies maxDepth to the options field and below", () => {
    const relay = message([...opt(82, [1, 1, 7]), 255]);
    expect(run(relay, { maxDepth: 2 })).toEqual([relay.length, 0]);
    expect(run(relay, { maxDepth: 1 })[0]).toBe(-1);
    const { skip, seen } = counted({ maxDepth: 2 });
    const b = message(end);
    expect(skip(b, 0, b.length, 2)).toBe(-1);
    expect(seen.calls).toBe(0);
  });

  it("keeps a malformed body under keepMalformedOptions without the decoder", () => {
    const b = message([...opt(51, [0, 0, 1]), 255]);
    expect(run(b, { keepMalformedOptions: true })).toEqual([b.length, 0]);
  });
});

describe("what it hands to the decoder", () => {
  it("option overload, repeated declared options, a body that does not fit alone", () => {
    const file = [...lease, 255];
    const overloaded = message([...opt(52, [1]), 255], header({ file }));
    expect(run(overloaded)).toEqual([overloaded.length, 1]);
    const badFile = message([...opt(52, [1]), 255], header({ file: lease }));
    expect(run(badFile)).toEqual([-1, 1]);
    const joined = message([...opt(51, [0, 0]), ...opt(51, [0, 1]), 255]);
    expect(run(joined)).toEqual([joined.length, 1]);
    const tooLong = message([...lease, ...lease, 255]);
    expect(run(tooLong)).toEqual([-1, 1]);
    const alone = message([...opt(51, [0, 0, 1]), 255]);
    expect(run(alone)).toEqual([-1, 1]);
  });
});

describe("the decoder around it", () => {
  it("names the first octet after the magic cookie in a depth error", () => {
    // LEASEQUERY-DATA (17), xid 1, DHCPV4_MSG (87) of 241 octets: the DHCPv6
    // options are level 1, so with maxDepth 1 the DHCPv4 options field is
    // too deep. It starts at 8 + 240 = 248.
    const v4 = message(end);
    const b = Uint8Array.from([17, 0, 0, 1, 0, 87, 0, v4.length, ...v4]);
    const e = decodeErrorOf(() => decode(b, { maxDepth: 1 }));
    expect(e.code).toBe("depth-exceeded");
    expect(e.offset).toBe(248);
  });

  it("gives an option area no fixed size: it is as long as what it holds", () => {
    expect(optionArea("dhcpv4", () => DHCPV4_OPTION_TABLE).fixed).toBe(-1);
  });
});
