import { describe, expect, it } from "vitest";
import { CaptureReader, detectCaptureFormat, readCapture } from "../../src/capture/index.js";
import { decodeErrorOf } from "../helpers/errors.js";
import { Bytes, concat, epb, idb, ngBlock, opb, shb, spb, tsoffset, tsresol } from "./builders.js";

const A = Uint8Array.of(1, 2, 3, 4, 5);
const B = Uint8Array.of(9, 8, 7);

describe("pcapng reader", () => {
  for (const le of [false, true]) {
    it(`reads a ${le ? "little" : "big"}-endian section with EPB, SPB and OPB`, () => {
      const file = concat(
        shb(le, { options: [{ code: 4, value: new TextEncoder().encode("test") }] }),
        idb(le, 1, { snaplen: 4 }),
        epb(le, { hi: 0x00060a3b, lo: 0x12345678, data: A, originalLength: 70, options: [{ code: 1, value: A }] }),
        spb(le, A, 9), // snap length 4 cuts it
        opb(le, { hi: 0, lo: 2_500_001, data: B }),
      );
      expect(detectCaptureFormat(file)).toBe("pcapng");
      const ps = readCapture(file);
      expect(ps.map((p) => [p.index, p.section, p.interfaceId, p.linkType, p.originalLength])).toEqual([
        [0, 0, 0, 1, 70],
        [1, 0, 0, 1, 9],
        [2, 0, 0, 1, 3],
      ]);
      // 0x00060a3b12345678 microseconds = 1696348245.173880 s... computed by hand:
      const ticks = 0x00060a3b * 2 ** 32 + 0x12345678;
      expect(ps[0]?.timestamp).toEqual({
        seconds: Math.floor(ticks / 1e6),
        nanoseconds: (ticks % 1e6) * 1000,
      });
      expect(ps[0]?.data).toEqual(A);
      expect(ps[1]?.timestamp).toBeNull();
      expect(ps[1]?.data).toEqual(A.subarray(0, 4));
      expect(ps[2]?.timestamp).toEqual({ seconds: 2, nanoseconds: 500_001_000 });
      expect(ps[2]?.data).toEqual(B);
      expect(ps[0]?.offset).toBe(shb(le, { options: [{ code: 4, value: new Uint8Array(4) }] }).length + 20);
    });
  }

  it("applies if_tsresol (powers of 10 and of 2) and if_tsoffset", () => {
    const le = true;
    const file = concat(
      shb(le),
      idb(le, 101, { options: [tsresol(9)] }),
      idb(le, 113, { options: [tsresol(0x80 | 10), tsoffset(le, 0, 100)] }),
      idb(le, 276, { options: [tsoffset(le, 0xffffffff, 0xfffffff6)] }), // -10 s
      idb(le, 1, { options: [tsresol(12)] }), // picoseconds: truncated to ns
      epb(le, { ifid: 0, hi: 0x17bb23f0, lo: 0xad46cbd5, data: A }),
      epb(le, { ifid: 1, hi: 0, lo: 3 * 1024 + 512, data: A }),
      epb(le, { ifid: 2, hi: 0, lo: 5_000_001, data: A }),
      epb(le, { ifid: 3, hi: 232, lo: 3567710784, data: A }), // 10^12 + 123456 ps
    );
    const ps = readCapture(file);
    expect(ps.map((p) => p.linkType)).toEqual([101, 113, 276, 1]);
    // 0x17bb23f0ad46cbd5 ns = 1710000000123456469 ns
    expect(ps[0]?.timestamp).toEqual({ seconds: 1_710_000_000, nanoseconds: 123_456_469 });
    expect(ps[1]?.timestamp).toEqual({ seconds: 103, nanoseconds: 500_000_000 });
    expect(ps[2]?.timestamp).toEqual({ seconds: -5, nanoseconds: 1000 });
    expect(ps[3]?.timestamp).toEqual({ seconds: 1, nanoseconds: 123 });
  });

  it("reads big-endian if_tsoffset", () => {
    const file = concat(shb(false), idb(false, 1, { options: [tsoffset(false, 1, 0)] }), epb(false, { data: A }));
    expect(readCapture(file)[0]?.timestamp).toEqual({ seconds: 2 ** 32, nanoseconds: 0 });
  });

  it("reads options that stop at the block end without opt_endofopt", () => {
    const block = ngBlock(
      1,
      (w) => {
        w.u16(1).u16(0).u32(0).u16(9).u16(1).u8(3).pad4();
      },
      false,
    );
    const [p] = readCapture(concat(shb(false), block, epb(false, { lo: 2500, data: A })));
    expect(p?.timestamp).toEqual({ seconds: 2, nanoseconds: 500_000_000 });
  });

  it("skips blocks it does not interpret", () => {
    const file = concat(
      shb(false),
      ngBlock(0x00000004, (w) => w.u16(0).u16(0)), // Name Resolution Block
      idb(false, 1),
      ngBlock(0x00000005, (w) => w.u32(0).u32(0).u32(0)), // Interface Statistics Block
      epb(false, { data: A }),
      ngBlock(0x40000bad, (w) => w.u32(32473).bytes([1, 2, 3])), // custom block
    );
    expect(readCapture(file).map((p) => p.data)).toEqual([A]);
  });

  it("reads several sections in different byte orders, each with its own interfaces", () => {
    const file = concat(
      shb(true),
      idb(true, 1),
      idb(true, 101),
      epb(true, { ifid: 1, data: A }),
      shb(false),
      idb(false, 113),
      epb(false, { ifid: 0, data: B }),
      epb(false, { ifid: 0, data: A }),
    );
    const ps = readCapture(file);
    expect(ps.map((p) => [p.index, p.section, p.interfaceId, p.linkType])).toEqual([
      [0, 0, 1, 101],
      [1, 1, 0, 113],
      [2, 1, 0, 113],
    ]);
    // Interface 1 of the first section does not exist in the second.
    const bad = concat(
      shb(true),
      idb(true, 1),
      idb(true, 101),
      shb(false),
      idb(false, 1),
      epb(false, { ifid: 1, data: A }),
    );
    expect(decodeErrorOf(() => readCapture(bad)).code).toBe("invalid-value");
  });

  it("reads a section header split across chunks", () => {
    const file = concat(shb(true), idb(true, 1), epb(true, { data: A }));
    const r = new CaptureReader();
    r.push(file.subarray(0, 2));
    expect(r.next()).toBeUndefined();
    r.push(file.subarray(2, 10));
    expect(r.next()).toBeUndefined();
    r.push(file.subarray(10));
    expect(r.next()?.data).toEqual(A);
    r.end();
    expect(r.next()).toBeUndefined();
  });

  describe("errors", () => {
    const le = true;
    const head = concat(shb(le), idb(le, 1));

    it("rejects a bad byte-order magic", () => {
      const file = shb(le);
      file[8] = 0;
      const e = decodeErrorOf(() => readCapture(file));
      expect([e.code, e.offset, e.path]).toEqual(["invalid-value", 8, "blocks[0]"]);
    });

    it("rejects a major version other than 1", () => {
      const e = decodeErrorOf(() => readCapture(shb(le, { major: 2 })));
      expect([e.code, e.offset]).toEqual(["invalid-value", 12]);
    });

    it("rejects a block length below 12 or not a multiple of 4", () => {
      for (const len of [8, 30]) {
        const block = new Bytes(le).u32(1).u32(len).u32(0).u32(0).u32(0).u32(0).u32(0).u32(0).build();
        const e = decodeErrorOf(() => readCapture(concat(head, block)));
        expect([e.code, e.offset, e.path]).toEqual(["invalid-value", head.length + 4, "blocks[2]"]);
      }
    });

    it("rejects a block longer than the limit before buffering it", () => {
      const block = new Bytes(le).u32(6).u32(0x40000000).build();
      const r = new CaptureReader();
      r.push(concat(head, block));
      const e = decodeErrorOf(() => r.next());
      expect([e.code, e.offset]).toEqual(["invalid-value", head.length + 4]);
      expect(e.message).toContain("exceeds the limit");
    });

    it("rejects a block that runs past the end of the input", () => {
      const block = epb(le, { data: A });
      const e = decodeErrorOf(() => readCapture(concat(head, block.subarray(0, block.length - 4))));
      expect([e.code, e.offset, e.path]).toEqual(["truncated", head.length, "blocks[2]"]);
      const s = decodeErrorOf(() => readCapture(shb(le).subarray(0, 10)));
      expect([s.code, s.offset]).toEqual(["truncated", 0]);
    });

    it("rejects a trailing length that differs from the leading one", () => {
      const block = epb(le, { data: A });
      block[block.length - 4] = 0;
      const e = decodeErrorOf(() => readCapture(concat(head, block)));
      expect([e.code, e.offset]).toEqual(["length-mismatch", head.length + block.length - 4]);
    });

    it("rejects blocks too short for their fixed fields", () => {
      const cases: [number, number][] = [
        [0x0a0d0d0a, 24],
        [1, 16],
        [6, 28],
        [2, 28],
        [3, 12],
      ];
      for (const [type, len] of cases) {
        const w = new Bytes(le).u32(type).u32(len);
        if (type === 0x0a0d0d0a) w.u32(0x1a2b3c4d);
        while (w.length < len - 4) w.u32(0);
        const block = w.u32(len).build();
        const e = decodeErrorOf(() => readCapture(concat(head, block)));
        expect([type, e.code, e.offset]).toEqual([type, "length-mismatch", head.length + 4]);
      }
    });

    it("rejects a captured length that overruns its block", () => {
      const block = epb(le, { data: A });
      block[20] = 9; // captured length 9 in an 8-byte data area
      const e = decodeErrorOf(() => readCapture(concat(head, block)));
      expect([e.code, e.offset]).toEqual(["length-mismatch", head.length + 20]);
    });

    it("rejects a packet on an interface that was not described", () => {
      const e = decodeErrorOf(() => readCapture(concat(head, epb(le, { ifid: 3, data: A }))));
      expect([e.code, e.offset]).toEqual(["invalid-value", head.length + 8]);
      const s = decodeErrorOf(() => readCapture(concat(shb(le), spb(le, A))));
      expect([s.code, s.offset]).toEqual(["invalid-value", 28]);
    });

    it("rejects malformed interface options", () => {
      const withOptions = (body: (w: Bytes) => void) =>
        concat(
          shb(le),
          ngBlock(
            1,
            (w) => {
              w.u16(1).u16(0).u32(0);
              body(w);
            },
            le,
          ),
        );
      const cases: [string, (w: Bytes) => void, number][] = [
        ["overrun", (w) => w.u16(2).u16(40).u32(0), 18],
        ["tsresol length", (w) => w.u16(9).u16(2).u16(6).u16(0), 18],
        ["tsoffset length", (w) => w.u16(14).u16(4).u32(0), 18],
      ];
      for (const [name, body, at] of cases) {
        const e = decodeErrorOf(() => readCapture(withOptions(body)));
        expect([name, e.code, e.offset]).toEqual([name, "length-mismatch", 28 + at]);
      }
      // An empty option (if_name of length 0) is well formed.
      const empty = new Bytes(le).u32(1).u32(24).u16(1).u16(0).u32(0).u16(2).u16(0).u32(24).build();
      expect(readCapture(concat(shb(le), empty, epb(le, { data: A })))).toHaveLength(1);
    });
  });
});

// Captures are written field by field by ./builders.ts from the formats:
// pcap (draft-ietf-opsawg-pcap §4-5: 24-byte file header, 16-byte record
// header) and pcapng (draft-ietf-opsawg-pcapng: type, total length, body,
// total length; SHB 28 bytes minimum, IDB 20, EPB/OPB 32, SPB 16). Offsets
// below are sums of those sizes.
describe("pcapng blocks at their size limits and their errors", () => {
  describe("pcapng errors at their offsets and paths", () => {
    const at = (f: () => unknown) => {
      const e = decodeErrorOf(f);
      return [e.code, e.offset, e.path];
    };

    it("fails a block cut inside its 8-byte header at the block's start", () => {
      const head = concat(shb(true), idb(true, 1)); // 28 + 20 = 48 bytes
      const block = epb(true, { data: A });
      expect(at(() => readCapture(concat(head, block.subarray(0, 3))))).toEqual(["truncated", 48, "blocks[2]"]);
    });

    it("fails each big-endian interface option problem at the option's length", () => {
      const le = false;
      const iface = (body: (w: Bytes) => void) =>
        concat(
          shb(le),
          ngBlock(
            1,
            (w) => {
              w.u16(1).u16(0).u32(0);
              body(w);
            },
            le,
          ),
        );
      // The IDB starts at 28; its options at 28 + 16, the first length at 46.
      // An option overrunning the block, if_tsresol of length 2 (not 1) and
      // if_tsoffset of length 4 (not 8).
      for (const body of [
        (w: Bytes) => w.u16(2).u16(40).u32(0),
        (w: Bytes) => w.u16(9).u16(2).u32(0),
        (w: Bytes) => w.u16(14).u16(4).u32(0),
      ]) {
        expect(at(() => readCapture(iface(body)))).toEqual(["length-mismatch", 46, "blocks[1]"]);
      }
    });
  });

  describe("pcapng blocks at their size limits", () => {
    const le = true;
    const head = concat(shb(le), idb(le, 1));

    it("accepts a 12-byte block (an empty body) and skips it", () => {
      const empty = ngBlock(0x00000bad, () => {}, le);
      expect(empty.length).toBe(12);
      expect(readCapture(concat(head, empty, epb(le, { data: A }))).map((p) => p.data)).toEqual([A]);
    });

    it("reads an Enhanced Packet Block with no data (32 bytes) and one whose data fill it exactly", () => {
      const four = Uint8Array.of(1, 2, 3, 4);
      const ps = readCapture(concat(head, epb(le, { data: new Uint8Array(0) }), epb(le, { data: four })));
      expect(ps.map((p) => p.data)).toEqual([new Uint8Array(0), four]);
      // Offsets: 48, then 48 + 32.
      expect(ps.map((p) => p.offset)).toEqual([48, 80]);
    });

    it("stops reading interface options at opt_endofopt", () => {
      // After opt_endofopt comes what would be an if_tsresol of length 2 (an error if read).
      const block = ngBlock(
        1,
        (w) => {
          w.u16(1).u16(0).u32(0).u16(0).u16(0).u16(9).u16(2).u32(0);
        },
        le,
      );
      const [p] = readCapture(concat(shb(le), block, epb(le, { lo: 2_500_000, data: A })));
      // The default resolution is microseconds (§4.2 if_tsresol).
      expect(p?.timestamp).toEqual({ seconds: 2, nanoseconds: 500_000_000 });
    });

    it("reads the obsolete Packet Block's 16-bit interface id beside its drop count", () => {
      // Big-endian: interface id 1 is 00 01, then drops 00 00.
      const be = readCapture(concat(shb(false), idb(false, 1), idb(false, 101), opb(false, { ifid: 1, data: B })));
      expect(be.map((p) => [p.interfaceId, p.linkType])).toEqual([[1, 101]]);
      // Little-endian with 7 drops: 01 00 07 00.
      const withDrops = ngBlock(
        2,
        (w) => {
          w.u16(1).u16(7).u32(0).u32(0).u32(3).u32(3).bytes(B).pad4();
        },
        le,
      );
      const ps = readCapture(concat(shb(le), idb(le, 1), idb(le, 113), withDrops));
      expect(ps.map((p) => [p.interfaceId, p.linkType, p.data])).toEqual([[1, 113, B]]);
    });

    it("cuts a Simple Packet Block only at the original length and a non-zero snap length", () => {
      // Snap length 0 means no limit (§4.2): the 5 original bytes of an 8-byte padded body.
      const [p] = readCapture(concat(shb(le), idb(le, 1, { snaplen: 0 }), spb(le, A, 5)));
      expect(p?.data).toEqual(A);
      const [q] = readCapture(concat(shb(le), idb(le, 1, { snaplen: 5 }), spb(le, A, 5)));
      expect(q?.data).toEqual(A);
    });
  });
});

describe("Simple Packet Block and option boundaries, block total length", () => {
  /** An error's code, offset and path. */
  const at = (f: () => unknown) => {
    const e = decodeErrorOf(f);
    return [e.code, e.offset, e.path];
  };

  // Expected values are worked out by hand from the formats: RFC 791 §3.1
  // (20-byte IPv4 header), RFC 8200 §3 (40-byte IPv6 header), RFC 768 (8-byte
  // UDP header), draft-ietf-opsawg-pcapng §4.2 (IDB: 8-byte block header,
  // link type, reserved, snap length, options, 4-byte trailing length), §4.4
  // (SPB: 12-byte header + original length, data, trailing length = 16 bytes
  // without data), §3.5 (options: code, length, value padded to 32 bits), and
  // RFC 9293 §3.4 sequence arithmetic for TCP.

  describe("pcapng boundaries", () => {
    it("a 16-byte Simple Packet Block holds an empty packet", () => {
      const le = true;
      const block = spb(le, new Uint8Array(0), 0);
      expect(block.length).toBe(16);
      const [p] = readCapture(concat(shb(le), idb(le, 1), block));
      expect(p?.data).toEqual(new Uint8Array(0));
      expect(p?.originalLength).toBe(0);
    });

    it("a Simple Packet Block's data stop at its body, not at the original length", () => {
      // 4 data bytes, original length 100: captured = min(100, 20 - 16) = 4.
      const le = false;
      const data = Uint8Array.of(1, 2, 3, 4);
      const [p] = readCapture(concat(shb(le), idb(le, 1, { snaplen: 0 }), spb(le, data, 100)));
      expect(p?.data).toEqual(data);
      expect(p?.originalLength).toBe(100);
    });

    it("an option that overruns the block by four bytes is refused at its length", () => {
      // IDB of 28 bytes: options start at 16, end at 24 (before the trailing
      // length); an option header at 16 with length 8 needs 16 + 4 + 8 = 28 > 24.
      const le = false;
      const block = ngBlock(1, (w) => w.u16(1).u16(0).u32(0).u16(2).u16(8).u32(0), le);
      expect(block.length).toBe(28);
      expect(at(() => readCapture(concat(shb(le), block)))).toEqual(["length-mismatch", 46, "blocks[1]"]);
    });

    it("the trailing block length is not read as an option", () => {
      // Five if_name options (code 2) of 65532 bytes each (already 32-bit
      // aligned) fill the options exactly: 5 * (4 + 65532) = 327680 bytes, a
      // block of 8 + 8 + 327680 + 4 = 327700 = 0x00050014 bytes. Little-endian,
      // the trailing length reads as code 0x0014, length 5 if taken for an option.
      const le = true;
      const name = new Uint8Array(65532).fill(0x61);
      const block = ngBlock(
        1,
        (w) => {
          w.u16(1).u16(0).u32(0);
          for (let i = 0; i < 5; i++) w.u16(2).u16(65532).bytes(name);
        },
        le,
      );
      expect(block.length).toBe(327700);
      const data = Uint8Array.of(9, 9);
      const ps = readCapture(concat(shb(le), block, epb(le, { data })));
      expect(ps.map((p) => p.data)).toEqual([data]);
    });

    it("refuses a block total length that is not a multiple of 4, at the length field", () => {
      // A block after the 28-byte SHB: type 6, total length 13 (pcapng §3.1:
      // a multiple of 4, at least 12), padded to 16 bytes.
      const le = true;
      const bad = new Bytes(le).u32(6).u32(13).u32(0).u32(0).build();
      expect(at(() => readCapture(concat(shb(le), bad)))).toEqual(["invalid-value", 32, "blocks[1]"]);
    });
  });
});
