import { describe, expect, it } from "vitest";
import { type Endpoint, TcpReassembler } from "../../src/capture/index.js";
import { ACK, FIN, RST, SYN } from "./builders.js";
import { C, S, text, Wire } from "./tcp-wire.js";

// Sequence numbers are worked out by hand (RFC 9293 §3.4: the SYN takes one
// sequence number, data follow it). Expected streams follow the reassembler's
// documented rules: in sequence order, the first captured copy of a byte
// wins, a FIN ends its direction once the bytes before it are in, and a hole
// that cannot be held is declared lost (a gap, shown as "_" below).

describe("TcpReassembler limits", () => {
  it("accepts limits of 1 and names a bad one", () => {
    expect(
      () =>
        new TcpReassembler({
          maxConnections: 1,
          maxBufferedBytes: 1,
          maxBufferedBytesPerDirection: 1,
          maxBufferedSegmentsPerDirection: 1,
        }),
    ).not.toThrow();
    expect(() => new TcpReassembler({ maxBufferedSegmentsPerDirection: 0 })).toThrow(
      "maxBufferedSegmentsPerDirection must be a positive integer, got 0",
    );
  });

  it("holds bytes up to the per-direction and total limits exactly", () => {
    for (const options of [{ maxBufferedBytesPerDirection: 4 }, { maxBufferedBytes: 4 }]) {
      const w = new Wire(options);
      w.c(0, SYN);
      w.c(5, ACK, "ef"); // bytes 4-5 held
      w.c(9, ACK, "ij"); // bytes 8-9 held: 4 in all, the limit
      expect(w.types()).toEqual(["open"]);
      expect(w.r.bufferedBytes).toBe(4);
      w.c(1, ACK, "abcd");
      w.c(7, ACK, "gh");
      expect(w.stream("client-to-server")).toBe("abcdefghij");
    }
  });

  it("holds as many segments as the segment limit", () => {
    const w = new Wire({ maxBufferedSegmentsPerDirection: 2 });
    w.c(0, SYN);
    w.c(3, ACK, "c");
    w.c(5, ACK, "e");
    expect(w.types()).toEqual(["open"]);
    w.c(1, ACK, "ab");
    w.c(4, ACK, "d");
    expect(w.stream("client-to-server")).toBe("abcde");
  });
});

describe("TcpReassembler sequence handling", () => {
  it("does not restart a direction at a retransmitted SYN", () => {
    const w = new Wire();
    w.c(0, SYN);
    w.c(1, ACK, "a");
    w.c(0, SYN);
    w.c(2, ACK, "b");
    expect(w.stream("client-to-server")).toBe("ab");
    expect(w.types()).toEqual(["open", "data", "data"]);
  });

  it("reports nothing for a segment it has wholly delivered, and only the new part of a partial one", () => {
    const w = new Wire();
    w.c(0, SYN);
    w.c(1, ACK, "abc");
    expect(w.c(1, ACK, "abc")).toEqual([]);
    const ev = w.c(2, ACK, "bcd");
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ type: "data", offset: 3, data: text("d") });
  });

  it("keeps the first captured copy when a limit forces it to skip to a held segment", () => {
    const w = new Wire({ maxBufferedSegmentsPerDirection: 1 });
    w.c(0, SYN);
    w.c(3, ACK, "c"); // held
    w.c(3, ACK, "Xd"); // the limit: bytes 0-1 are lost; "c" was captured first
    expect(w.stream("client-to-server")).toBe("__cd");
  });

  it("keeps the first captured copy of held segments that start at the same byte", () => {
    const w = new Wire();
    w.c(0, SYN);
    w.c(5, ACK, "e");
    w.c(5, ACK, "Xfg");
    w.c(1, ACK, "abcd");
    expect(w.stream("client-to-server")).toBe("abcdefg");
  });

  it("delivers a held segment that ends exactly where a later in-order one ends, as the first copy", () => {
    const w = new Wire();
    w.c(0, SYN);
    w.c(5, ACK, "ef");
    w.c(1, ACK, "abcdEF");
    expect(w.events.filter((e) => e.type === "data")).toHaveLength(2);
    expect(w.stream("client-to-server")).toBe("abcdef");
    expect(w.r.bufferedBytes).toBe(0);
  });

  it("holds nothing for bytes past a FIN, so they take no room", () => {
    const w = new Wire({ maxBufferedSegmentsPerDirection: 1 });
    w.c(0, SYN);
    w.c(4, ACK | FIN); // the FIN follows bytes 0-2
    w.c(4, ACK, "xyz"); // past the FIN
    w.c(3, ACK, "c"); // held: the only held segment
    w.c(1, ACK, "ab");
    expect(w.stream("client-to-server")).toBe("abc");
    expect(w.types()).toEqual(["open", "data", "data", "end:client-to-server:fin"]);
  });

  it("frees bytes held past a FIN when the direction ends", () => {
    const w = new Wire();
    w.c(0, SYN);
    w.c(10, ACK, "xyz"); // held, but past the FIN that comes next
    expect(w.r.bufferedBytes).toBe(3);
    w.c(5, ACK | FIN); // the FIN follows bytes 0-3
    w.c(1, ACK, "abcd");
    expect(w.types().at(-1)).toBe("end:client-to-server:fin");
    expect(w.r.bufferedBytes).toBe(0);
  });

  it("ends a direction once at a RST when draining reaches its FIN", () => {
    const w = new Wire();
    w.c(0, SYN);
    w.s(0, SYN | ACK);
    w.c(4, ACK, "de"); // bytes 0-2 missing
    w.c(6, ACK | FIN); // the FIN follows byte 4
    w.s(1, RST);
    expect(w.stream("client-to-server")).toBe("___de");
    expect(w.types().slice(-4)).toEqual(["gap", "data", "end:client-to-server:fin", "end:server-to-client:reset"]);
  });
});

describe("TcpReassembler connections", () => {
  it("takes a bare SYN from the other end, with the same number, as a new connection", () => {
    const w = new Wire();
    w.c(0, SYN);
    w.c(1, ACK, "a");
    const ev = w.s(0, SYN);
    expect(ev.map((e) => (e.type === "end" ? `end:${e.reason}` : e.type))).toEqual([
      "end:replaced",
      "end:replaced",
      "open",
    ]);
    expect(ev[2]).toMatchObject({ connection: 1, client: S, server: C, handshake: true });
  });

  it("uses the server ports to pick the server, and the lower port when both or neither match", () => {
    const a: Endpoint = { address: "192.0.2.1", port: 5000 };
    const b: Endpoint = { address: "192.0.2.2", port: 10547 };
    // 10547 is a server port although it is the higher one.
    expect(new Wire({ serverPorts: [10547] }).send(a, b, 1, ACK, "x")[0]).toMatchObject({ client: a, server: b });
    expect(new Wire({ serverPorts: [10547] }).send(b, a, 1, ACK, "x")[0]).toMatchObject({ client: a, server: b });
    // Both 67 and 547 are server ports: the lower one (67) is the server.
    const p67: Endpoint = { address: "192.0.2.1", port: 67 };
    const p547: Endpoint = { address: "192.0.2.2", port: 547 };
    expect(new Wire({ serverPorts: [547, 67] }).send(p67, p547, 1, ACK, "x")[0]).toMatchObject({
      client: p547,
      server: p67,
    });
  });

  it("tells the directions apart on one address, and on one port", () => {
    const sameAddress = new Wire({}, { address: "127.0.0.1", port: 50000 }, { address: "127.0.0.1", port: 547 });
    const samePort = new Wire({}, { address: "192.0.2.1", port: 547 }, { address: "192.0.2.2", port: 547 });
    for (const w of [sameAddress, samePort]) {
      w.c(0, SYN);
      w.s(100, SYN | ACK);
      w.c(1, ACK, "q");
      w.s(101, ACK, "r");
      expect(w.stream("client-to-server")).toBe("q");
      expect(w.stream("server-to-client")).toBe("r");
    }
  });
});

describe("TcpReassembler copies", () => {
  it("holds a copy of an out-of-order segment (the capture's memory may be reused)", () => {
    const r = new TcpReassembler();
    const seg = (seq: number, flags: number, payload: Uint8Array) =>
      r.segment({ src: C, dst: S, seq, ack: 0, flags, payload, packetIndex: 0, timestamp: null });
    seg(0, SYN, new Uint8Array(0));
    const late = text("cd");
    seg(3, ACK, late);
    late.set(text("XX"));
    const out = seg(1, ACK, text("ab")).filter((e) => e.type === "data");
    expect(out.map((e) => (e.type === "data" ? new TextDecoder().decode(e.data) : ""))).toEqual(["ab", "cd"]);
  });
});
