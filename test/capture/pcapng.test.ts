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
