import { describe, expect, it } from "vitest";
import {
  CaptureReader,
  capturePackets,
  captureTimestampMs,
  DEFAULT_MAX_BLOCK_SIZE,
  detectCaptureFormat,
  readCapture,
} from "../../src/capture/index.js";
import { decodeErrorOf } from "../helpers/errors.js";
import { Bytes, concat, pcapFile, pcapHeader, pcapRecord } from "./builders.js";

const A = Uint8Array.of(1, 2, 3, 4, 5);
const B = Uint8Array.of(9, 8, 7);

describe("pcap reader", () => {
  for (const le of [false, true]) {
    for (const nano of [false, true]) {
      it(`reads ${le ? "little" : "big"}-endian ${nano ? "nanosecond" : "microsecond"} files`, () => {
        const file = pcapFile({ le, nano, linkType: 113 }, [
          { seconds: 1_700_000_000, fraction: 123_456, data: A, originalLength: 60 },
          { seconds: 5, fraction: 999, data: B },
        ]);
        const ps = readCapture(file);
        expect(ps).toHaveLength(2);
        const [p0, p1] = ps;
        expect(p0).toMatchObject({
          index: 0,
          offset: 24,
          section: 0,
          interfaceId: 0,
          linkType: 113,
          originalLength: 60,
        });
        expect(p0?.timestamp).toEqual({ seconds: 1_700_000_000, nanoseconds: nano ? 123_456 : 123_456_000 });
        expect(p0?.data).toEqual(A);
        expect(p1).toMatchObject({ index: 1, offset: 24 + 16 + 5, originalLength: 3 });
        expect(p1?.timestamp).toEqual({ seconds: 5, nanoseconds: nano ? 999 : 999_000 });
        expect(p1?.data).toEqual(B);
      });
    }
  }

  it("returns views of the input, not copies", () => {
    const file = pcapFile({}, [{ data: A }]);
    const [p] = readCapture(file);
    expect(p?.data.buffer).toBe(file.buffer);
    expect(p?.data.byteOffset).toBe(24 + 16);
  });

  it("masks the FCS bits out of the link type", () => {
    const h = pcapHeader({ linkType: 1 });
    h[20] = 0x14; // FCS length 1 (16 bits), F bit set
    const [p] = readCapture(concat(h, pcapRecord({ data: A })));
    expect(p?.linkType).toBe(1);
  });

  it("carries an out-of-range fraction into the seconds", () => {
    const [p] = readCapture(pcapFile({}, [{ seconds: 10, fraction: 2_500_000, data: A }]));
    expect(p?.timestamp).toEqual({ seconds: 12, nanoseconds: 500_000_000 });
  });

  it("converts a timestamp to milliseconds", () => {
    expect(captureTimestampMs({ seconds: 2, nanoseconds: 1_500_000 })).toBe(2001.5);
    const [p] = readCapture(pcapFile({ nano: true }, [{ seconds: 1_700_000_000, fraction: 7_000_000, data: A }]));
    expect(new Date(captureTimestampMs(p?.timestamp ?? { seconds: 0, nanoseconds: 0 })).toISOString()).toBe(
      "2023-11-14T22:13:20.007Z",
    );
  });

  it("reads a header with no records", () => {
    expect(readCapture(pcapHeader({}))).toEqual([]);
  });

  it("detects the format", () => {
    expect(detectCaptureFormat(pcapHeader({ le: true }))).toBe("pcap");
    expect(detectCaptureFormat(pcapHeader({ nano: true }))).toBe("pcap");
    expect(detectCaptureFormat(pcapHeader({ le: true, nano: true }))).toBe("pcap");
    expect(detectCaptureFormat(Uint8Array.of(0xa1, 0xb2, 0xc3))).toBeUndefined();
  });

  describe("incremental", () => {
    const file = pcapFile({ le: true }, [{ data: A }, { data: B }, { data: new Uint8Array(0) }]);

    it("returns undefined until a record is complete, and holds only the partial record", () => {
      const r = new CaptureReader();
      expect(r.format).toBeUndefined();
      r.push(file.subarray(0, 3));
      expect(r.next()).toBeUndefined();
      r.push(file.subarray(3, 30));
      expect(r.next()).toBeUndefined();
      expect(r.format).toBe("pcap");
      // The 24-byte header is consumed; 6 bytes of the first record header are held.
      expect(r.bufferedBytes).toBe(6);
      r.push(file.subarray(30, 45));
      const p = r.next();
      expect(p?.data).toEqual(A);
      expect(r.next()).toBeUndefined();
      r.push(file.subarray(45));
      expect(r.next()?.data).toEqual(B);
      expect(r.next()?.data).toEqual(new Uint8Array(0));
      expect(r.next()).toBeUndefined();
      r.end();
      expect(r.next()).toBeUndefined();
      expect(r.packetCount).toBe(3);
      expect(r.bufferedBytes).toBe(0);
    });

    it("never writes a buffer it has handed out", () => {
      const r = new CaptureReader();
      // Split inside the first record so it is assembled; then push the rest.
      r.push(file.subarray(0, 42));
      r.push(file.subarray(42));
      const p0 = r.next();
      const snapshot = p0?.data.slice();
      const p1 = r.next();
      expect(p1?.data).toEqual(B);
      expect(p0?.data).toEqual(snapshot);
    });

    it("reads byte by byte", () => {
      const r = new CaptureReader();
      const out = [];
      for (const b of file) {
        r.push(Uint8Array.of(b));
        for (let p = r.next(); p; p = r.next()) out.push(p.data);
      }
      r.end();
      expect(r.next()).toBeUndefined();
      expect(out).toEqual([A, B, new Uint8Array(0)]);
    });

    it("holds many small chunks pushed before pulling", () => {
      const r = new CaptureReader();
      for (const b of file) r.push(Uint8Array.of(b));
      expect(r.bufferedBytes).toBe(file.length);
      const out = [];
      for (let p = r.next(); p; p = r.next()) out.push(p.data);
      expect(out).toEqual([A, B, new Uint8Array(0)]);
      expect(r.bufferedBytes).toBe(0);
      // After the queue has been emptied and compacted, it still works.
      r.push(pcapFile({ le: true }, [{ data: A }]).subarray(24));
      expect(r.next()?.data).toEqual(A);
    });

    it("yields the same packets from capturePackets over chunks", () => {
      const chunks = [file.subarray(0, 10), new Uint8Array(0), file.subarray(10, 41), file.subarray(41)];
      expect([...capturePackets(chunks)].map((p) => p.data)).toEqual([A, B, new Uint8Array(0)]);
    });
  });

  describe("errors", () => {
    it("rejects empty input", () => {
      const e = decodeErrorOf(() => readCapture(new Uint8Array(0)));
      expect([e.code, e.offset, e.path]).toEqual(["truncated", 0, "header"]);
      expect(e.message).toContain("empty");
    });

    it("rejects input too short for a magic number", () => {
      const e = decodeErrorOf(() => readCapture(Uint8Array.of(0xa1, 0xb2)));
      expect([e.code, e.offset]).toEqual(["truncated", 0]);
      expect(e.message).toContain("ends after 2");
    });

    it("rejects bytes that are neither pcap nor pcapng", () => {
      const e = decodeErrorOf(() => readCapture(new TextEncoder().encode("GET / HTTP/1.1")));
      expect([e.code, e.offset]).toEqual(["invalid-value", 0]);
      expect(e.message).toContain("magic 0x47455420");
    });

    it("says when a capture is gzip-compressed", () => {
      const e = decodeErrorOf(() => readCapture(Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0)));
      expect(e.message).toContain("gzip");
    });

    it("says when a capture is the modified pcap format", () => {
      const e = decodeErrorOf(() => readCapture(Uint8Array.of(0xa1, 0xb2, 0xcd, 0x34)));
      expect(e.message).toContain("Kuznetzov");
    });

    it("rejects a truncated file header", () => {
      const e = decodeErrorOf(() => readCapture(pcapHeader({}).subarray(0, 20)));
      expect([e.code, e.offset, e.path]).toEqual(["truncated", 0, "header"]);
    });

    it("rejects a major version other than 2", () => {
      const e = decodeErrorOf(() => readCapture(pcapHeader({ le: true, major: 3 })));
      expect([e.code, e.offset]).toEqual(["invalid-value", 4]);
    });

    it("rejects a record cut short, at the record's offset", () => {
      const file = pcapFile({}, [{ data: A }, { data: B }]);
      const e = decodeErrorOf(() => readCapture(file.subarray(0, file.length - 1)));
      expect([e.code, e.offset, e.path]).toEqual(["truncated", 45, "records[1]"]);
      const h = decodeErrorOf(() => readCapture(file.subarray(0, 50)));
      expect([h.code, h.offset, h.path]).toEqual(["truncated", 45, "records[1]"]);
    });

    it("rejects a record longer than the limit before buffering it", () => {
      const rec = new Bytes().u32(0).u32(0).u32(0x7fffffff).u32(0x7fffffff).build();
      const r = new CaptureReader();
      r.push(concat(pcapHeader({}), rec));
      const e = decodeErrorOf(() => r.next());
      expect([e.code, e.offset, e.path]).toEqual(["invalid-value", 32, "records[0]"]);
      expect(r.bufferedBytes).toBeLessThan(64);
      expect(DEFAULT_MAX_BLOCK_SIZE).toBe(16 * 1024 * 1024);
    });

    it("applies a smaller maxBlockSize", () => {
      const file = pcapFile({}, [{ data: new Uint8Array(100) }]);
      expect(readCapture(file, { maxBlockSize: 116 })).toHaveLength(1);
      const e = decodeErrorOf(() => readCapture(file, { maxBlockSize: 115 }));
      expect(e.code).toBe("invalid-value");
    });

    it("rejects a bad maxBlockSize", () => {
      expect(() => new CaptureReader({ maxBlockSize: 0 })).toThrow(RangeError);
      expect(() => new CaptureReader({ maxBlockSize: 1.5 })).toThrow(RangeError);
    });

    it("keeps its error", () => {
      const r = new CaptureReader();
      r.push(Uint8Array.of(0, 0, 0, 0));
      const e = decodeErrorOf(() => r.next());
      expect(r.error).toBe(e);
      expect(decodeErrorOf(() => r.next())).toBe(e);
      expect(decodeErrorOf(() => r.push(A))).toBe(e);
    });

    it("rejects misuse with TypeError and Error", () => {
      const r = new CaptureReader();
      expect(() => r.push([1, 2] as unknown as Uint8Array)).toThrow(TypeError);
      r.end();
      expect(() => r.push(A)).toThrow(Error);
    });
  });
});

// Captures are written field by field by ./builders.ts from the formats:
// pcap (draft-ietf-opsawg-pcap §4-5: 24-byte file header, 16-byte record
// header) and pcapng (draft-ietf-opsawg-pcapng: type, total length, body,
// total length; SHB 28 bytes minimum, IDB 20, EPB/OPB 32, SPB 16). Offsets
// below are sums of those sizes.
describe("format detection, record boundaries, timestamps and CaptureReader memory", () => {
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

  describe("the reader's errors at their offsets and paths", () => {
    const at = (f: () => unknown) => {
      const e = decodeErrorOf(f);
      return [e.code, e.offset, e.path];
    };

    it("refuses an unknown magic at byte 0, gzip (1f 8b, RFC 1952 §2.3.1) and Kuznetzov's pcap among them", () => {
      for (const magic of [
        [0, 0, 0, 1],
        [0x1f, 0, 0, 0],
        [0, 0x8b, 0, 0],
        [0x1f, 0x8b, 0, 0],
        // The modified pcap magic written little-endian.
        [0x34, 0xcd, 0xb2, 0xa1],
      ]) {
        expect(
          at(() => readCapture(Uint8Array.from(magic))),
          String(magic),
        ).toEqual(["invalid-value", 0, ""]);
      }
    });

    it("fails a record cut in its header or its data at the record's start", () => {
      const file = pcapFile({}, [{ data: A }]); // 24 + 16 + 5 = 45 bytes
      expect(at(() => readCapture(file.subarray(0, 30)))).toEqual(["truncated", 24, "records[0]"]);
      expect(at(() => readCapture(file.subarray(0, 44)))).toEqual(["truncated", 24, "records[0]"]);
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

  describe("CaptureReader arguments and memory", () => {
    it("accepts a maxBlockSize of 1", () => {
      expect(readCapture(pcapHeader({}), { maxBlockSize: 1 })).toEqual([]);
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
});

describe("a magic number cut short", () => {
  // Expected values are worked out by hand from the formats: RFC 791 §3.1
  // (20-byte IPv4 header), RFC 8200 §3 (40-byte IPv6 header), RFC 768 (8-byte
  // UDP header), draft-ietf-opsawg-pcapng §4.2 (IDB: 8-byte block header,
  // link type, reserved, snap length, options, 4-byte trailing length), §4.4
  // (SPB: 12-byte header + original length, data, trailing length = 16 bytes
  // without data), §3.5 (options: code, length, value padded to 32 bits), and
  // RFC 9293 §3.4 sequence arithmetic for TCP.

  describe("the magic number", () => {
    it("fails a magic number cut short under the file header's path", () => {
      // Two bytes of the 4-byte magic (pcap §4, pcapng §4.1), then the end.
      const e = decodeErrorOf(() => readCapture(Uint8Array.of(0xd4, 0xc3)));
      expect([e.code, e.offset, e.path]).toEqual(["truncated", 0, "header"]);
    });
  });
});
