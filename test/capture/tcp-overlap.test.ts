/**
 * TCP reassembly of overlapping segments: the documented rule is that the
 * first captured copy of a byte wins, whether that copy was delivered at
 * once or held out of order, and the first FIN captured sets the end.
 * Later copies here carry other (upper-case) contents so that the winner
 * shows in the stream.
 */
import { describe, expect, it } from "vitest";
import { ACK, FIN, SYN } from "./builders.js";
import { Wire } from "./tcp-wire.js";

/** A client that sent SYN at sequence 0: stream byte i has sequence i + 1. */
function opened(options = {}): Wire {
  const w = new Wire(options);
  w.c(0, SYN);
  return w;
}

const dataOffsets = (w: Wire) => w.events.flatMap((e) => (e.type === "data" ? [[e.offset, e.data.length]] : []));

describe("first captured copy wins", () => {
  it("over a later in-order segment that covers held bytes", () => {
    const w = opened();
    w.c(6, ACK, "fgh"); // held: bytes 5-7
    w.c(1, ACK, "abcdeFGHij"); // bytes 0-9
    expect(w.stream("client-to-server")).toBe("abcdefghij");
    expect(dataOffsets(w)).toEqual([
      [0, 5],
      [5, 3],
      [8, 2],
    ]);
    expect(w.r.bufferedBytes).toBe(0);
  });

  it("between two held segments that overlap", () => {
    const w = opened();
    w.c(6, ACK, "fghij"); // held: bytes 5-9
    w.c(4, ACK, "deFGH"); // bytes 3-7: only 3-4 are new
    expect(w.r.bufferedBytes).toBe(7);
    w.c(1, ACK, "abc");
    expect(w.stream("client-to-server")).toBe("abcdefghij");
  });

  it("over a later segment that starts inside a held one and runs past it", () => {
    const w = opened();
    w.c(3, ACK, "cd"); // held: bytes 2-3
    w.c(4, ACK, "DEF"); // bytes 3-5: 4-5 are new
    w.c(1, ACK, "ab");
    expect(w.stream("client-to-server")).toBe("abcdEF");
  });

  it("over a later segment that covers several held ones and the holes between them", () => {
    const w = opened();
    w.c(3, ACK, "c"); // held: byte 2
    w.c(6, ACK, "f"); // held: byte 5
    w.c(2, ACK, "BCDEFG"); // bytes 1-6: 1, 3-4 and 6 are new
    w.c(1, ACK, "a");
    expect(w.stream("client-to-server")).toBe("aBcDEfG");
  });

  it("over a retransmission of held bytes with other contents", () => {
    const w = opened();
    w.c(4, ACK, "def");
    w.c(4, ACK, "DEF");
    expect(w.r.bufferedBytes).toBe(3);
    w.c(1, ACK, "abc");
    expect(w.stream("client-to-server")).toBe("abcdef");
  });

  it("over bytes already delivered (as before)", () => {
    const w = opened();
    w.c(1, ACK, "abc");
    w.c(2, ACK, "BCd");
    expect(w.stream("client-to-server")).toBe("abcd");
  });

  it("across the wrap of sequence numbers", () => {
    const w = new Wire();
    const isn = 0xfffffffc;
    w.c(isn, SYN); // byte i has sequence isn + 1 + i, 0 after byte 2
    w.c(isn + 4, ACK, "def"); // held: bytes 3-5, across the wrap
    w.c(isn + 1, ACK, "abcDEFg");
    expect(w.stream("client-to-server")).toBe("abcdefg");
  });
});

describe("the first FIN captured sets the end", () => {
  it("a second FIN earlier in the stream does not cut held bytes off", () => {
    const w = opened();
    w.c(4, ACK | FIN, "de"); // held bytes 3-4, FIN after them
    w.c(1, ACK | FIN, "ab"); // a FIN after byte 1: the first FIN stands
    expect(w.stream("client-to-server")).toBe("ab");
    expect(w.types()).not.toContain("end:client-to-server:fin");
    w.c(3, ACK, "c");
    expect(w.stream("client-to-server")).toBe("abcde");
    expect(w.types().at(-1)).toBe("end:client-to-server:fin");
  });

  it("a second FIN later in the stream does not let bytes past the first in", () => {
    const w = opened();
    w.c(3, ACK | FIN, "c"); // held byte 2, FIN after it
    w.c(3, ACK | FIN, "cdef"); // a FIN after byte 5: ignored, and so are bytes 3-5
    w.c(1, ACK, "ab");
    expect(w.stream("client-to-server")).toBe("abc");
    expect(w.types().at(-1)).toBe("end:client-to-server:fin");
  });
});
