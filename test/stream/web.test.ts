import { describe, expect, it } from "vitest";
import { type Dhcpv6Message, hex, isDecodeError, isEncodeError, toHex } from "../../src/index.js";
import {
  createDeframeStream,
  createFrameStream,
  createMessageDecodeStream,
  createMessageEncodeStream,
  readFrames,
  readMessages,
} from "../../src/stream/index.js";
import { rejection } from "../helpers/errors.js";
import { INTERLEAVED_HEX } from "./golden.js";

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

async function collect<T>(readable: ReadableStream<T>): Promise<T[]> {
  const out: T[] = [];
  const reader = readable.getReader();
  for (;;) {
    const r = await reader.read();
    if (r.done) return out;
    out.push(r.value);
  }
}

function oneByteChunks(bytes: Uint8Array): Uint8Array[] {
  return Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
}

describe("TransformStreams", () => {
  it("deframes a stream cut into single octets", async () => {
    const frames = await collect(source(oneByteChunks(hex(INTERLEAVED_HEX))).pipeThrough(createDeframeStream()));
    expect(frames.length).toBe(8);
    expect(toHex(frames[5] as Uint8Array)).toBe("10000003000d00020000");
  });

  it("decodes messages and round-trips through the encoding stream", async () => {
    const messages = await collect(source([hex(INTERLEAVED_HEX)]).pipeThrough(createMessageDecodeStream()));
    expect(messages.map((m) => m.msgType)).toEqual([15, 17, 15, 17, 17, 16, 17, 16]);
    const { readable, writable } = createMessageEncodeStream();
    const w = writable.getWriter();
    const done = collect(readable);
    for (const m of messages) void w.write(m);
    void w.close();
    expect((await done).map((b) => toHex(b)).join("")).toBe(toHex(hex(INTERLEAVED_HEX)));
  });

  it("frames raw message bodies", async () => {
    const out = await collect(source([hex("17000001"), hex("07000001")]).pipeThrough(createFrameStream()));
    expect(out.map((b) => toHex(b))).toEqual(["000417000001", "000407000001"]);
  });

  it("errors the stream on an end inside a frame", async () => {
    const e = await rejection(collect(source([hex("000417")]).pipeThrough(createDeframeStream())));
    expect(isDecodeError(e) && e.code).toBe("truncated");
  });

  it("delivers a chunk's good frames before failing on its bad one", async () => {
    const got: Uint8Array[] = [];
    const reader = source([hex("000417000001 0000")])
      .pipeThrough(createDeframeStream())
      .getReader();
    const first = await reader.read();
    if (!first.done) got.push(first.value);
    const e = await rejection(reader.read());
    expect(got.map((f) => toHex(f))).toEqual(["17000001"]);
    expect(isDecodeError(e) && [e.code, e.offset]).toEqual(["empty-frame", 6]);
  });

  it("accepts empty frames when told to", async () => {
    const frames = await collect(source([hex("0000")]).pipeThrough(createDeframeStream({ allowEmptyFrames: true })));
    expect(frames).toEqual([new Uint8Array(0)]);
  });

  it("errors the encoding stream for a message it cannot encode", async () => {
    const { readable, writable } = createMessageEncodeStream();
    const w = writable.getWriter();
    const out = collect(readable);
    w.write({ msgType: 256, transactionId: 0, options: [] } as Dhcpv6Message).catch(() => undefined);
    const e = await rejection(out);
    expect(isEncodeError(e) && e.code).toBe("out-of-range");
  });

  it("errors the frame stream for an empty body", async () => {
    const e = await rejection(collect(source([new Uint8Array(0)]).pipeThrough(createFrameStream())));
    expect(isEncodeError(e) && e.code).toBe("invalid-value");
  });
});

describe("async iteration", () => {
  it("reads messages from a ReadableStream", async () => {
    const types: number[] = [];
    for await (const m of readMessages(source(oneByteChunks(hex(INTERLEAVED_HEX))))) types.push(m.msgType);
    expect(types).toEqual([15, 17, 15, 17, 17, 16, 17, 16]);
  });

  it("reads frames from any async iterable of chunks (a Node socket is one)", async () => {
    async function* chunks() {
      yield hex("0001");
      yield hex("aa00");
      yield hex("01bb");
    }
    const got: string[] = [];
    for await (const f of readFrames(chunks())) got.push(toHex(f));
    expect(got).toEqual(["aa", "bb"]);
  });

  it("throws a truncated end from the iteration", async () => {
    async function* chunks() {
      yield hex("0004 17");
    }
    const e = await rejection(
      (async () => {
        for await (const _ of readMessages(chunks())) {
          // nothing arrives
        }
      })(),
    );
    expect(isDecodeError(e) && e.code).toBe("truncated");
  });

  it("yields the good messages of a chunk, then throws its bad frame", async () => {
    const seen: number[] = [];
    const e = await rejection(
      (async () => {
        for await (const m of readMessages(source([hex("000417000001 0000 000417000002")]))) seen.push(m.msgType);
      })(),
    );
    expect(seen).toEqual([23]);
    expect(isDecodeError(e) && e.code).toBe("empty-frame");
  });

  it("cancels the source and releases it when the loop stops early", async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(hex("000417000001"));
      },
      cancel() {
        cancelled = true;
      },
    });
    let n = 0;
    for await (const _ of readMessages(stream)) if (++n === 3) break;
    expect(n).toBe(3);
    expect(cancelled).toBe(true);
    expect(stream.locked).toBe(false);
  });

  it("releases a finished source without cancelling it", async () => {
    const stream = source([hex("000417000001")]);
    const got: Uint8Array[] = [];
    for await (const f of readFrames(stream)) got.push(f);
    expect(got.length).toBe(1);
    expect(stream.locked).toBe(false);
  });
});

// Bytes follow RFC 5460 §5.1 (a 2-octet big-endian message-size, then the
// message) and RFC 8415 §7-8 (msg-type, 3-octet transaction-id, options of
// code (2), length (2), data); the behaviour is the documented contract of
// the TransformStreams and the async readers.
describe("failing at the chunk that holds a bad frame, and ReadableStreams read by hand", () => {
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
});
