import { describe, expect, it } from "vitest";
import { type Endpoint, TcpReassembler, type TcpReassemblyOptions } from "../../src/capture/index.js";
import { ACK, FIN, PSH, RST, SYN } from "./builders.js";
import { C, S, text, Wire } from "./tcp-wire.js";

describe("TcpReassembler", () => {
  it("reassembles a connection across segments, retransmissions, overlaps and reordering", () => {
    const w = new Wire();
    const open = w.c(1000, SYN);
    expect(open).toEqual([{ type: "open", connection: 0, client: C, server: S, handshake: true, packetIndex: 0 }]);
    w.s(5000, SYN | ACK);
    w.c(1001, ACK);
    w.c(1001, ACK | PSH, "hello "); // bytes 0-5
    w.c(1001, ACK | PSH, "hello "); // retransmission
    w.c(1011, ACK | PSH, "d, "); // out of order: bytes 10-12
    w.c(1014, ACK | PSH, "how"); // out of order: bytes 13-15
    expect(w.r.bufferedBytes).toBe(6);
    w.c(1005, ACK | PSH, "o worl"); // overlaps 4-5, fills 6-9 -> delivers up to 15
    expect(w.r.bufferedBytes).toBe(0);
    w.c(1014, ACK | PSH, "how are"); // overlaps "how", adds " are"
    w.s(5001, ACK | PSH, "fine");
    expect(w.stream("client-to-server")).toBe("hello world, how are");
    expect(w.stream("server-to-client")).toBe("fine");
    // The held bytes came out with the packet that filled the hole, as copies.
    const late = w.events.filter((e) => e.type === "data" && e.packetIndex === 7);
    expect(late.map((e) => e.type === "data" && new TextDecoder().decode(e.data))).toEqual(["worl", "d, ", "how"]);
    expect(w.r.connectionCount).toBe(1);
  });

  it("keeps the first copy of bytes that were sent twice with different contents", () => {
    const w = new Wire();
    w.c(0, SYN);
    w.c(1, ACK, "abc");
    w.c(1, ACK, "xyz");
    w.c(6, ACK, "fg");
    w.c(6, ACK, "FG");
    w.c(4, ACK, "de");
    expect(w.stream("client-to-server")).toBe("abcdefg");
  });

  it("handles sequence numbers that wrap around 2^32", () => {
    const w = new Wire();
    const isn = 0xfffffffa;
    w.c(isn, SYN);
    w.c(isn + 1, ACK, "abc"); // 0xfffffffb-0xfffffffd
    w.c(isn + 7, ACK, "ghi"); // 0x00000001: held across the wrap
    w.c(isn + 4, ACK, "def"); // 0xfffffffe-0x00000000
    w.c(isn + 4, ACK, "de"); // retransmission across the wrap
    w.c(isn + 10, ACK | FIN, "j");
    expect(w.stream("client-to-server")).toBe("abcdefghij");
    expect(w.types().at(-1)).toBe("end:client-to-server:fin");
  });

  it("ends a direction at its FIN once the bytes before it are in, and ignores bytes after it", () => {
    const w = new Wire();
    w.c(100, SYN);
    w.s(900, SYN | ACK);
    w.c(104, ACK | FIN, "def"); // FIN arrives before the bytes it follows
    expect(w.types()).toEqual(["open"]);
    w.c(101, ACK, "abc");
    expect(w.types()).toEqual(["open", "data", "data", "end:client-to-server:fin"]);
    w.c(104, ACK, "defXYZ"); // a retransmission after the FIN: nothing new
    w.s(901, ACK, "ok");
    w.s(903, ACK | FIN, "!!");
    w.s(903, ACK | FIN, "!!"); // retransmitted FIN after the connection closed
    w.c(108, ACK); // the last ACK
    expect(w.stream("client-to-server")).toBe("abcdef");
    expect(w.stream("server-to-client")).toBe("ok!!");
    expect(w.types().filter((t) => t.startsWith("end"))).toEqual([
      "end:client-to-server:fin",
      "end:server-to-client:fin",
    ]);
  });

  it("trims a segment that runs past a FIN already seen", () => {
    const w = new Wire();
    w.c(0, SYN);
    w.c(4, ACK | FIN, ""); // FIN after 3 bytes
    w.c(1, ACK, "abcXYZ");
    expect(w.stream("client-to-server")).toBe("abc");
    w.c(9, ACK, "late"); // beyond the FIN
    expect(w.stream("client-to-server")).toBe("abc");

    const early = new Wire();
    early.c(0, SYN);
    early.c(4, ACK | FIN); // FIN after 3 bytes not yet seen
    early.c(4, ACK, "xyz"); // starts at the FIN: nothing to hold
    expect(early.r.bufferedBytes).toBe(0);
    early.c(1, ACK, "abc");
    expect(early.stream("client-to-server")).toBe("abc");
    expect(early.types().at(-1)).toBe("end:client-to-server:fin");
  });

  it("holds segments that arrive in reverse order", () => {
    const w = new Wire();
    w.c(0, SYN);
    w.c(7, ACK, "ghi");
    w.c(4, ACK, "def");
    w.c(3, ACK, "c");
    expect(w.r.bufferedBytes).toBe(7);
    w.c(1, ACK, "ab");
    expect(w.stream("client-to-server")).toBe("abcdefghi");
  });

  it("keeps a held segment that a later in-order segment covers: the first copy wins", () => {
    const w = new Wire();
    w.c(0, SYN);
    w.c(5, ACK, "ef");
    w.c(1, ACK, "abcdEFg");
    expect(w.stream("client-to-server")).toBe("abcdefg");
    expect(w.events.filter((e) => e.type === "data").map((e) => e.type === "data" && e.offset)).toEqual([0, 4, 6]);
    expect(w.r.bufferedBytes).toBe(0);
  });

  it("starts a new connection when the ports are reused with a new SYN", () => {
    const w = new Wire();
    w.c(0, SYN);
    w.c(1, ACK | FIN, "a");
    w.s(0, SYN | ACK);
    w.s(1, ACK | FIN, "b");
    w.c(0, SYN); // the same SYN again after the close: a late duplicate, ignored
    expect(w.r.connectionCount).toBe(1);
    const ev = w.c(7777, SYN);
    expect(ev).toEqual([expect.objectContaining({ type: "open", connection: 1, handshake: true })]);
    w.c(7778, ACK, "new");
    expect(w.stream("client-to-server", 1)).toBe("new");
  });

  it("ends an open connection replaced by a new SYN", () => {
    const w = new Wire();
    w.c(0, SYN);
    w.c(1, ACK, "a");
    w.c(0, SYN); // a retransmitted SYN is not a new connection
    expect(w.types()).toEqual(["open", "data"]);
    w.c(500, SYN);
    expect(w.types()).toEqual([
      "open",
      "data",
      "end:client-to-server:replaced",
      "end:server-to-client:replaced",
      "open",
    ]);
  });

  it("delivers data sent with a SYN (TCP Fast Open)", () => {
    const w = new Wire();
    w.c(41, SYN, "tfo");
    w.c(45, ACK, "!");
    expect(w.stream("client-to-server")).toBe("tfo!");
  });

  it("ends both directions at a RST, delivering what it holds after the hole", () => {
    const w = new Wire();
    w.c(0, SYN);
    w.s(0, SYN | ACK);
    w.c(1, ACK, "ab");
    w.c(6, ACK, "fg"); // bytes 2-4 never arrive
    w.s(1, RST);
    expect(w.stream("client-to-server")).toBe("ab___fg");
    expect(w.types().slice(-4)).toEqual(["gap", "data", "end:client-to-server:reset", "end:server-to-client:reset"]);
    expect(w.r.bufferedBytes).toBe(0);
    // The connection is closed: later segments are ignored.
    expect(w.c(8, ACK, "zz")).toEqual([]);
  });

  it("ignores bare ACKs and RSTs of connections it does not know", () => {
    const w = new Wire();
    expect(w.c(5, ACK)).toEqual([]);
    expect(w.c(5, RST)).toEqual([]);
    expect(w.r.connectionCount).toBe(0);
  });

  it("picks up a connection whose SYN was not captured", () => {
    const byPort = new Wire({ serverPorts: [547] });
    const ev = byPort.s(300, ACK, "reply");
    expect(ev[0]).toEqual({ type: "open", connection: 0, client: C, server: S, handshake: false, packetIndex: 0 });
    byPort.c(77, ACK); // a pure ACK syncs its direction
    byPort.c(77, ACK, "q");
    expect(byPort.stream("server-to-client")).toBe("reply");
    expect(byPort.stream("client-to-server")).toBe("q");

    // Without a server port, the lower port is the server's.
    const lower = new Wire();
    const a: Endpoint = { address: "192.0.2.1", port: 3000 };
    const b: Endpoint = { address: "192.0.2.2", port: 4000 };
    expect(lower.send(a, b, 1, ACK, "x")[0]).toMatchObject({ client: b, server: a });
    expect(new Wire().send(b, a, 1, FIN)[0]).toMatchObject({ client: b, server: a });

    // A SYN-ACK seen first comes from the server.
    const synAck = new Wire();
    expect(synAck.s(0, SYN | ACK)[0]).toMatchObject({ client: C, server: S, handshake: true });
  });

  it("declares a hole lost when holding more would pass the per-direction byte limit", () => {
    const w = new Wire({ maxBufferedBytesPerDirection: 6 });
    w.c(0, SYN);
    w.c(1, ACK, "ab");
    w.c(5, ACK, "ef"); // hole at 2-3
    w.c(9, ACK, "ij"); // hole at 6-7
    w.c(13, ACK, "mno"); // 4 held + 3 > 6: give up on the first hole
    expect(w.stream("client-to-server")).toBe("ab__ef");
    expect(w.r.bufferedBytes).toBe(5);
    w.c(7, ACK, "gh");
    expect(w.stream("client-to-server")).toBe("ab__efghij");
  });

  it("declares a hole lost when holding more would pass the segment limit", () => {
    const w = new Wire({ maxBufferedSegmentsPerDirection: 2 });
    w.c(0, SYN);
    w.c(3, ACK, "c");
    w.c(5, ACK, "e");
    w.c(2, ACK, "b"); // earlier than every held segment: it ends the first hole
    expect(w.stream("client-to-server")).toBe("_bc");
    w.c(7, ACK, "g");
    w.c(9, ACK, "i"); // now holding e, g: give up on the hole before e, then hold i
    expect(w.stream("client-to-server")).toBe("_bc_e");
    // A segment that fills a lost hole after the fact is old data.
    w.c(4, ACK, "d");
    expect(w.stream("client-to-server")).toBe("_bc_e");
  });

  it("gives up on a hole when skipping makes the new segment in-order or old", () => {
    const w = new Wire({ maxBufferedSegmentsPerDirection: 1 });
    w.c(0, SYN);
    w.c(3, ACK, "cd");
    w.c(4, ACK, "def"); // overlaps the held segment: after skipping to it, "ef" is new
    expect(w.stream("client-to-server")).toBe("__cdef");
    w.c(9, ACK, "i");
    w.c(9, ACK, "i"); // a retransmission of a held segment neither counts against the limit nor is held twice
    w.c(9, ACK, "i");
    expect(w.r.bufferedBytes).toBe(1);
    expect(w.stream("client-to-server")).toBe("__cdef");
    w.c(10, ACK, "j"); // skip to "i", after which "j" is in order
    expect(w.stream("client-to-server")).toBe("__cdef__ij");

    const two = new Wire({ maxBufferedSegmentsPerDirection: 2 });
    two.c(0, SYN);
    two.c(3, ACK, "cd");
    two.c(5, ACK, "ef");
    two.c(4, ACK, "de"); // covered by the two held segments together: nothing new, nothing to hold
    expect(two.stream("client-to-server")).toBe("");
    expect(two.r.bufferedBytes).toBe(4);
    two.finish();
    expect(two.stream("client-to-server")).toBe("__cdef");
  });

  it("respects the total limit across connections and a segment too big to hold", () => {
    const w = new Wire({ maxBufferedBytes: 4 });
    const C2: Endpoint = { address: "2001:db8::d", port: 50001 };
    w.c(0, SYN);
    w.send(C2, S, 0, SYN);
    w.c(3, ACK, "cde"); // held: 3 of 4
    w.send(C2, S, 3, ACK, "xy"); // 3 + 2 > 4 and nothing held on this direction: the hole ends here
    expect(w.stream("client-to-server", 1)).toBe("__xy");
    expect(w.r.bufferedBytes).toBe(3);
    const big = new Wire({ maxBufferedBytesPerDirection: 2 });
    big.c(0, SYN);
    big.c(5, ACK, "efg");
    expect(big.stream("client-to-server")).toBe("____efg");
  });

  it("evicts the least recently active connection beyond maxConnections", () => {
    const w = new Wire({ maxConnections: 2 });
    const peer = (port: number): Endpoint => ({ address: "2001:db8::c", port });
    w.send(peer(1), S, 0, SYN);
    w.send(peer(2), S, 0, SYN);
    w.send(peer(1), S, 1, ACK, "a"); // connection 0 is now the more recent
    w.send(peer(2), S, 3, ACK, "c"); // held in connection 1
    w.send(peer(1), S, 2, ACK, "b");
    const ev = w.send(peer(3), S, 0, SYN);
    expect(ev.map((e) => (e.type === "end" ? `${e.connection}:${e.reason}` : `${e.type}:${e.connection}`))).toEqual([
      "gap:1",
      "data:1",
      "1:evicted",
      "1:evicted",
      "open:2",
    ]);
    expect(w.r.connectionCount).toBe(2);
    expect(w.r.bufferedBytes).toBe(0);
  });

  it("forgets a closed connection silently when it needs the room", () => {
    const w = new Wire({ maxConnections: 1 });
    w.c(0, SYN);
    w.c(1, RST);
    const ev = w.send({ address: "2001:db8::e", port: 1 }, S, 0, SYN);
    expect(ev.map((e) => e.type)).toEqual(["open"]);
    expect(w.r.connectionCount).toBe(1);
  });

  it("flushes everything at the end of the capture and can be reused", () => {
    const w = new Wire();
    w.c(0, SYN);
    w.c(1, ACK, "a");
    w.c(4, ACK, "d");
    w.s(9, ACK, "srv");
    w.s(12, FIN); // the server has sent its FIN
    expect(w.types().at(-1)).toBe("end:server-to-client:fin");
    w.finish();
    expect(w.stream("client-to-server")).toBe("a__d");
    expect(w.types().slice(-3)).toEqual(["gap", "data", "end:client-to-server:capture-end"]);
    expect(w.r.connectionCount).toBe(0);
    expect(w.r.bufferedBytes).toBe(0);
    expect(w.c(100, SYN)[0]).toMatchObject({ type: "open", connection: 1 });
  });

  it("ignores data from a side that has already finished", () => {
    const w = new Wire();
    w.c(0, SYN);
    w.c(1, ACK | FIN, "a");
    w.c(3, ACK, "after");
    expect(w.stream("client-to-server")).toBe("a");
  });

  it("rejects bad limits", () => {
    expect(() => new TcpReassembler({ maxConnections: 0 })).toThrow(RangeError);
    expect(() => new TcpReassembler({ maxBufferedBytes: 1.5 })).toThrow(RangeError);
  });
});

// Sequence numbers are worked out by hand (RFC 9293 §3.4: the SYN takes one
// sequence number, data follow it). Expected streams follow the reassembler's
// documented rules: in sequence order, the first captured copy of a byte wins,
// a FIN ends its direction once the bytes before it are in, and a hole that
// cannot be held is declared lost (a gap, shown as "_").
describe("limits, sequence handling, connections and copies", () => {
  // Sequence numbers are worked out by hand (RFC 9293 §3.4: the SYN takes one
  // sequence number, data follow it). Expected streams follow the reassembler's
  // documented rules: in sequence order, the first captured copy of a byte
  // wins, a FIN ends its direction once the bytes before it are in, and a hole
  // that cannot be held is declared lost (a gap, shown as "_" below).

  describe("TcpReassembler limits", () => {
    it("accepts limits of 1 and refuses 0", () => {
      expect(
        () =>
          new TcpReassembler({
            maxConnections: 1,
            maxBufferedBytes: 1,
            maxBufferedBytesPerDirection: 1,
            maxBufferedSegmentsPerDirection: 1,
          }),
      ).not.toThrow();
      expect(() => new TcpReassembler({ maxBufferedSegmentsPerDirection: 0 })).toThrow(RangeError);
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
});

describe("servers, synchronisation and limit-forced skips", () => {
  // Expected values are worked out by hand from the formats: RFC 791 §3.1
  // (20-byte IPv4 header), RFC 8200 §3 (40-byte IPv6 header), RFC 768 (8-byte
  // UDP header), draft-ietf-opsawg-pcapng §4.2 (IDB: 8-byte block header,
  // link type, reserved, snap length, options, 4-byte trailing length), §4.4
  // (SPB: 12-byte header + original length, data, trailing length = 16 bytes
  // without data), §3.5 (options: code, length, value padded to 32 bits), and
  // RFC 9293 §3.4 sequence arithmetic for TCP.

  const C: Endpoint = { address: "2001:db8::c", port: 40000 };
  const S: Endpoint = { address: "2001:db8::5", port: 60000 };

  // Without a SYN the port rule decides the client; 60000 is named the
  // server's port so that C is the client in those connections.
  const wire = (options: TcpReassemblyOptions = {}) => new Wire({ serverPorts: [60000], ...options }, C, S);

  describe("TcpReassembler: a SYN-ACK seen first, late SYNs, ended directions, limit-forced skips", () => {
    it("takes the sender of a SYN-ACK seen first as the server, whatever the ports", () => {
      // The server's port (60000) is the higher one, so the port rule alone
      // would pick the other end; a SYN+ACK comes from the server (RFC 9293 §3.5).
      const w = wire({ serverPorts: [] });
      const [open] = w.s(7000, SYN | ACK);
      expect(open).toMatchObject({ type: "open", client: C, server: S, handshake: true });
    });

    it("synchronises a direction seen without its SYN only once", () => {
      // 1000 "aaaa" is delivered (next 1004); 1008 "cccc" leaves a hole and is
      // held; 1004 "bbbb" fills it.
      const w = wire();
      w.c(1000, ACK, "aaaa");
      w.c(1008, ACK, "cccc");
      w.c(1004, ACK, "bbbb");
      expect(w.stream("client-to-server")).toBe("aaaabbbbcccc");
    });

    it("holds nothing for a direction that has ended", () => {
      // c2s ends at its FIN (seq 100, no data). A later FIN at 105 and data at
      // 102-104 belong to an ended direction and must not be held, so with a
      // total limit of 3 bytes the server's out-of-order byte at 502 is held
      // (0 + 1 <= 3) instead of forcing a gap.
      const w = wire({ maxBufferedBytes: 3 });
      w.c(100, ACK | FIN);
      w.c(105, ACK | FIN);
      w.c(102, ACK, "abc");
      w.s(500, ACK, "x");
      w.s(502, ACK, "z");
      expect(w.stream("server-to-client")).toBe("x");
      expect(w.events.filter((e) => e.type === "gap")).toEqual([]);
    });

    it("holds nothing and skips nothing for a segment that held segments cover together", () => {
      // Segment limit 2. 100 "a" is delivered (next 101); 103 "d" and 104 "e"
      // are held. 103 "DE" lies in no single held segment but the two cover
      // it: it brings nothing new (the first copies win), so no limit is
      // reached and the hole 101-102 stays open until the capture ends.
      const w = wire({ maxBufferedSegmentsPerDirection: 2 });
      w.c(100, ACK, "a");
      w.c(103, ACK, "d");
      w.c(104, ACK, "e");
      w.c(103, ACK, "DE");
      expect(w.stream("client-to-server")).toBe("a");
      expect(w.r.bufferedBytes).toBe(2);
      w.finish();
      expect(w.stream("client-to-server")).toBe("a__de");
      const data = w.events.filter((e) => e.type === "data");
      expect(data.map((e) => (e.type === "data" ? e.data.length : -1))).toEqual([1, 1, 1]);
    });

    it("after a limit-forced skip, emits only the part of a segment past the drained data", () => {
      // Segment limit 1. 100 "a" delivered (next 101); 103 "d" held. 103 "def"
      // would be a second held segment: the hole 101-102 is lost, "d" drained
      // (next 104); of 103 "def" the first byte is old and "ef" is new.
      const w = wire({ maxBufferedSegmentsPerDirection: 1 });
      w.c(100, ACK, "a");
      w.c(103, ACK, "d");
      w.c(103, ACK, "def");
      expect(w.stream("client-to-server")).toBe("a__def");
    });
  });
});
