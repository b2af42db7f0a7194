import { describe, expect, it } from "vitest";
import { CaptureReader, capturePackets, detectCaptureFormat, readCapture } from "../../src/capture/index.js";
import { decodeErrorOf } from "../helpers/errors.js";
import { Bytes, concat, epb, idb, ngBlock, opb, pcapFile, pcapHeader, pcapRecord, shb, spb } from "./builders.js";

// Captures are written field by field by ./builders.ts from the formats:
// pcap (draft-ietf-opsawg-pcap §4-5: 24-byte file header, 16-byte record
// header) and pcapng (draft-ietf-opsawg-pcapng: type, total length, body,
// total length; SHB 28 bytes minimum, IDB 20, EPB/OPB 32, SPB 16). Offsets
// below are sums of those sizes.

const A = Uint8Array.of(1, 2, 3, 4, 5);
const B = Uint8Array.of(9, 8, 7);

describe("detectCaptureFormat on exactly four bytes", () => {
  it("recognises each magic number", () => {
    expect(detectCaptureFormat(Uint8Array.of(0xa1, 0xb2, 0xc3, 0xd4))).toBe("pcap");
    expect(detectCaptureFormat(Uint8Array.of(0xd4, 0xc3, 0xb2, 0xa1))).toBe("pcap");
    expect(detectCaptureFormat(Uint8Array.of(0xa1, 0xb2, 0x3c, 0x4d))).toBe("pcap");
    expect(detectCaptureFormat(Uint8Array.of(0x4d, 0x3c, 0xb2, 0xa1))).toBe("pcap");
    expect(detectCaptureFormat(Uint8Array.of(0x0a, 0x0d, 0x0d, 0x0a))).toBe("pcapng");
    expect(detectCaptureFormat(Uint8Array.of(0x0a, 0x0d, 0x0d))).toBeUndefined();
    expect(detectCaptureFormat(Uint8Array.of(0, 0, 0, 0))).toBeUndefined();
  });
});

describe("the reader's error messages", () => {
  it("writes an unknown magic as eight hex digits, with hints only for gzip and Kuznetzov", () => {
    expect(decodeErrorOf(() => readCapture(Uint8Array.of(0, 0, 0, 1))).message).toMatch(/magic 0x00000001$/);
    // gzip starts 1f 8b (RFC 1952 §2.3.1): both bytes are needed for the hint.
    expect(decodeErrorOf(() => readCapture(Uint8Array.of(0x1f, 0, 0, 0))).message).not.toContain("gzip");
    expect(decodeErrorOf(() => readCapture(Uint8Array.of(0, 0x8b, 0, 0))).message).not.toContain("gzip");
    expect(decodeErrorOf(() => readCapture(Uint8Array.of(0x1f, 0x8b, 0, 0))).message).toContain("gzip");
    // The modified pcap magic written little-endian.
    expect(decodeErrorOf(() => readCapture(Uint8Array.of(0x34, 0xcd, 0xb2, 0xa1))).message).toContain("Kuznetzov");
    expect(decodeErrorOf(() => readCapture(Uint8Array.of(0x1f, 0x8b, 0, 0))).message).not.toContain("Kuznetzov");
  });

  it("names what is cut short and how many bytes are left", () => {
    const file = pcapFile({}, [{ data: A }]); // 24 + 16 + 5 = 45 bytes
    const header = decodeErrorOf(() => readCapture(file.subarray(0, 20)));
    expect(header.reason).toBe("the pcap file header needs 24 byte(s), the input ends after 20");
    const rh = decodeErrorOf(() => readCapture(file.subarray(0, 30)));
    expect([rh.offset, rh.path, rh.reason]).toEqual([
      24,
      "records[0]",
      "a pcap record header needs 16 byte(s), the input ends after 6",
    ]);
    const rec = decodeErrorOf(() => readCapture(file.subarray(0, 44)));
    expect(rec.reason).toBe("a pcap record needs 21 byte(s), the input ends after 20");

    const head = concat(shb(true), idb(true, 1)); // 28 + 20 = 48 bytes
    const block = epb(true, { data: A }); // 28 + 8 (5 bytes padded) + 4 = 40 bytes
    const bh = decodeErrorOf(() => readCapture(concat(head, block.subarray(0, 3))));
    expect([bh.offset, bh.path, bh.reason]).toEqual([
      48,
      "blocks[2]",
      "a pcapng block header needs 8 byte(s), the input ends after 3",
    ]);
    // A Section Header Block's header is read with its byte-order magic: 12 bytes.
    const sh = decodeErrorOf(() => readCapture(shb(true).subarray(0, 10)));
    expect(sh.reason).toBe("a pcapng block header needs 12 byte(s), the input ends after 10");
    const b = decodeErrorOf(() => readCapture(concat(head, block.subarray(0, 36))));
    expect(b.reason).toBe("a pcapng block needs 40 byte(s), the input ends after 36");
  });

  it("names the limit a record passes", () => {
    const rec = new Bytes().u32(0).u32(0).u32(0x7fffffff).u32(0x7fffffff).build();
    const e = decodeErrorOf(() => readCapture(concat(pcapHeader({}), rec)));
    // 16 + 0x7fffffff = 2147483663.
    expect(e.reason).toBe("length 2147483663 exceeds the limit of 16777216 bytes");
  });

  it("names the pcap major version", () => {
    const e = decodeErrorOf(() => readCapture(pcapHeader({ major: 3 })));
    expect([e.path, e.reason]).toEqual(["header", "pcap major version 3 is not 2"]);
  });

  it("names the pcapng header problems", () => {
    const le = true;
    const bad = shb(le);
    bad[8] = 0; // byte-order magic 4d 3c 2b 1a becomes 00 3c 2b 1a
    expect(decodeErrorOf(() => readCapture(bad)).reason).toBe(
      "bad byte-order magic 0x003c2b1a in a Section Header Block",
    );
    const major = decodeErrorOf(() => readCapture(shb(le, { major: 2 })));
    expect([major.path, major.reason]).toEqual(["blocks[0]", "pcapng major version 2 is not 1"]);
    const head = concat(shb(le), idb(le, 1));
    const short = (type: number, len: number) => {
      const w = new Bytes(le).u32(type).u32(len);
      if (type === 0x0a0d0d0a) w.u32(0x1a2b3c4d);
      while (w.length < len - 4) w.u32(0);
      return decodeErrorOf(() => readCapture(concat(head, w.u32(len).build())));
    };
    expect(short(0x0a0d0d0a, 24).reason).toBe("a Section Header Block is at least 28 bytes, not 24");
    expect(short(0x0a0d0d0a, 24).path).toBe("blocks[2]");
    expect(short(1, 16).reason).toBe("an Interface Description Block is at least 20 bytes, not 16");
    expect(short(6, 28).reason).toBe("a packet block is at least 32 bytes, not 28");
    expect(short(3, 12).reason).toBe("a Simple Packet Block is at least 16 bytes, not 12");
    const trailing = epb(le, { data: A });
    trailing[36] = 0; // the trailing total length 40 (28 00 00 00) becomes 0
    expect(decodeErrorOf(() => readCapture(concat(head, trailing))).reason).toBe(
      "trailing block length 0 differs from the leading 40",
    );
    const overrun = epb(le, { data: A });
    overrun[20] = 9;
    expect(decodeErrorOf(() => readCapture(concat(head, overrun))).reason).toBe(
      "captured length 9 overruns the block (room for 8)",
    );
    expect(decodeErrorOf(() => readCapture(concat(head, epb(le, { ifid: 3, data: A })))).reason).toBe(
      "interface 3 is not described (the section has 1 interface(s))",
    );
  });

  it("names the interface option problems", () => {
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
    expect(decodeErrorOf(() => readCapture(iface((w) => w.u16(2).u16(40).u32(0)))).reason).toBe(
      "option 2 length 40 overruns the block",
    );
    expect(decodeErrorOf(() => readCapture(iface((w) => w.u16(9).u16(2).u32(0)))).reason).toBe(
      "if_tsresol has length 2, not 1",
    );
    expect(decodeErrorOf(() => readCapture(iface((w) => w.u16(14).u16(4).u32(0)))).reason).toBe(
      "if_tsoffset has length 4, not 8",
    );
  });
});

describe("pcap timestamps", () => {
  it("carries a nanosecond fraction of a second or more into the seconds", () => {
    const [p] = readCapture(pcapFile({ nano: true }, [{ seconds: 7, fraction: 1_500_000_000, data: A }]));
    expect(p?.timestamp).toEqual({ seconds: 8, nanoseconds: 500_000_000 });
    const [q] = readCapture(pcapFile({}, [{ seconds: 7, fraction: 1_000_000, data: A }]));
    expect(q?.timestamp).toEqual({ seconds: 8, nanoseconds: 0 });
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

describe("CaptureReader arguments and memory", () => {
  it("accepts a maxBlockSize of 1 and names a bad one", () => {
    expect(readCapture(pcapHeader({}), { maxBlockSize: 1 })).toEqual([]);
    expect(() => new CaptureReader({ maxBlockSize: 0 })).toThrow("maxBlockSize must be a positive integer, got 0");
  });

  it("says what was wrong with a push", () => {
    const r = new CaptureReader();
    expect(() => r.push("x" as unknown as Uint8Array)).toThrow("expected a Uint8Array");
    r.end();
    expect(() => r.push(A)).toThrow("push() after end()");
  });

  it("hands out a view of the pushed chunk when an empty chunk came before it", () => {
    const header = pcapHeader({});
    const record = pcapRecord({ data: A });
    const [p] = [...capturePackets([header, new Uint8Array(0), record])];
    expect(p?.data).toEqual(A);
    expect(p?.data.buffer).toBe(record.buffer);
  });

  it("assembles a record pushed byte by byte in a buffer no larger than the record", () => {
    const data = new Uint8Array(84).fill(7);
    const file = pcapFile({}, [{ data }]);
    const r = new CaptureReader();
    let got: Uint8Array | undefined;
    for (const b of file) {
      r.push(Uint8Array.of(b));
      got = r.next()?.data ?? got;
    }
    expect(got).toEqual(data);
    // The record is 16 + 84 bytes; the reader never sizes a buffer beyond it.
    expect(got?.buffer.byteLength).toBeLessThanOrEqual(100);
  });
});
