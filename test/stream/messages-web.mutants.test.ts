// Tests written for surviving Stryker mutants of src/stream/messages.ts and
// src/stream/web.ts (see mutation/stream.md). Expected bytes are worked out by
// hand from RFC 5460 §5.1 (a 2-octet big-endian message-size, then the
// message) and RFC 8415 §7-8 (msg-type, 3-octet transaction-id, options of
// code (2), length (2), data); the behaviour from the documented contracts of
// encodeFramed, the TransformStreams and the async readers.
import { describe, expect, it } from "vitest";
import { hex, isDecodeError, toHex } from "../../src/index.js";
import {
  createDeframeStream,
  createMessageDecodeStream,
  encodeFramed,
  readFrames,
  readMessages,
} from "../../src/stream/index.js";
import { encodeErrorOf, rejection } from "../helpers/errors.js";

// A LEASEQUERY-DATA (17), xid 1, with one option of an unassigned code (999)
// whose data is `dataLength` octets: 4 (header) + 4 (option header) + data.
const dataOf = (dataLength: number) => ({
  msgType: 17,
  transactionId: 1,
  options: [{ code: 999, data: new Uint8Array(dataLength) }],
});

describe("encodeFramed at the 16-bit limit (RFC 5460 §5.1)", () => {
  it("frames a message of exactly 65535 octets with message-size ffff", () => {
    // 4 + 4 + 65527 = 65535 octets, the largest a 2-octet size can announce.
    const out = encodeFramed(dataOf(65527));
    expect(out.length).toBe(2 + 65535);
    expect(toHex(out.subarray(0, 10))).toBe("ffff" + "11000001" + "03e7fff7");
  });

  it("refuses 65536 octets, naming the limit and the length", () => {
    const e = encodeErrorOf(() => encodeFramed(dataOf(65528)));
    expect(e.code).toBe("too-long");
    expect(e.reason).toMatch(/65535/);
    expect(e.reason).toMatch(/65536/);
  });
});

describe("TransformStreams fail at the chunk that holds the bad frame", () => {
  // A peer that sends a bad frame and then keeps the connection open without
  // sending more must not leave the writer (and the reader) waiting: the
  // write of that chunk itself fails, after its good frames went out.
  it("createDeframeStream: the write rejects with the frame error", async () => {
    const { readable, writable } = createDeframeStream();
    const reader = readable.getReader();
    const writer = writable.getWriter();
    const first = reader.read();
    // Frame 0 at offset 0 (4-octet STARTTLS 17000001), then a zero message-size at offset 6.
    const written = writer.write(hex("000417000001 0000"));
    const r = await first;
    expect(r.done).toBe(false);
    expect(toHex(r.value as Uint8Array)).toBe("17000001");
    const e = await rejection(written);
    expect(isDecodeError(e) && [e.code, e.offset, e.path]).toEqual(["empty-frame", 6, "frames[1]"]);
  });

  it("createMessageDecodeStream: the write rejects with the message error", async () => {
    const { readable, writable } = createMessageDecodeStream();
    const reader = readable.getReader();
    const writer = writable.getWriter();
    const first = reader.read();
    // Frame 0: STARTTLS xid 1. Frame 1 (size field at 6, message at 8): a
    // 3-octet message, shorter than the 4-octet header of RFC 8415 §8.
    const written = writer.write(hex("000417000001 0003 170000"));
    const r = await first;
    expect(r.done).toBe(false);
    expect((r.value as { msgType: number }).msgType).toBe(23);
    const e = await rejection(written);
    expect(isDecodeError(e) && e.code).toBe("truncated");
    expect(isDecodeError(e) && e.path.startsWith("frames[1]")).toBe(true);
  });
});

describe("async readers stop at the chunk that holds the bad frame", () => {
  // Same reason: the iteration throws without asking the source for more.
  it("readFrames does not read past it", async () => {
    let askedForMore = 0;
    async function* chunks() {
      yield hex("000417000001 0000");
      askedForMore++;
      yield hex("000417000002");
    }
    const seen: string[] = [];
    const e = await rejection(
      (async () => {
        for await (const f of readFrames(chunks())) seen.push(toHex(f));
      })(),
    );
    expect(seen).toEqual(["17000001"]);
    expect(isDecodeError(e) && [e.code, e.offset]).toEqual(["empty-frame", 6]);
    expect(askedForMore).toBe(0);
  });

  it("readMessages does not read past it", async () => {
    let askedForMore = 0;
    async function* chunks() {
      yield hex("000417000001 0003 170000");
      askedForMore++;
      yield hex("000417000002");
    }
    const seen: number[] = [];
    const e = await rejection(
      (async () => {
        for await (const m of readMessages(chunks())) seen.push(m.msgType);
      })(),
    );
    expect(seen).toEqual([23]);
    expect(isDecodeError(e) && e.code).toBe("truncated");
    expect(askedForMore).toBe(0);
  });
});

describe("reading a ReadableStream by hand", () => {
  function source(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
    let i = 0;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        const c = chunks[i++];
        if (c === undefined) controller.close();
        else controller.enqueue(c);
      },
    });
  }

  it("reads a ReadableStream that is not async-iterable (as in browsers without it)", async () => {
    const stream = source([hex("0001aa"), hex("0001bb")]);
    // Hide Node's ReadableStream[Symbol.asyncIterator] on this instance.
    Object.defineProperty(stream, Symbol.asyncIterator, { value: undefined });
    const got: string[] = [];
    for await (const f of readFrames(stream)) got.push(toHex(f));
    expect(got).toEqual(["aa", "bb"]);
    expect(stream.locked).toBe(false);
  });

  it("does not cancel a source that has ended, and releases it", async () => {
    const stream = source([hex("0001aa")]);
    let cancels = 0;
    const getReader = stream.getReader.bind(stream);
    Object.defineProperty(stream, "getReader", {
      value: () => {
        const reader = getReader();
        const cancel = reader.cancel.bind(reader);
        reader.cancel = (reason?: unknown) => {
          cancels++;
          return cancel(reason);
        };
        return reader;
      },
    });
    const got: string[] = [];
    for await (const f of readFrames(stream)) got.push(toHex(f));
    expect(got).toEqual(["aa"]);
    expect(cancels).toBe(0);
    expect(stream.locked).toBe(false);
  });
});
