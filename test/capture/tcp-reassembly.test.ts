import { describe, expect, it } from "vitest";
import { type Endpoint, TcpReassembler } from "../../src/capture/index.js";
import { ACK, FIN, PSH, RST, SYN } from "./builders.js";
import { C, S, Wire } from "./tcp-wire.js";

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
