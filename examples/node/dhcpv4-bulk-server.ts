/**
 * A DHCPv4 Bulk Leasequery server (RFC 6926) on real TCP sockets: the
 * library's session decides what to send and when; this file only moves
 * bytes and sets the timers the session asks for. Run it with
 * `npx tsx examples/node/dhcpv4-bulk-server.ts`.
 * @module
 */
import { createServer, type Server, type Socket } from "node:net";
import {
  buildDhcpv4LeaseActive,
  ConnectionLimit,
  Dhcpv4BulkServer,
  type Dhcpv4BulkServerEvent,
  type Dhcpv4Message,
  type Dhcpv4SessionOutput,
  decodeDhcpv4,
  encodeDhcpv4,
  FrameDecoder,
  frame,
} from "../../src/index.js";

/** Listens on `port` (0 picks one) and answers every query with the bindings `leases()` returns. */
export function serveDhcpv4Bulk(leases: (query: Dhcpv4Message) => Iterable<Dhcpv4Message>, port = 67): Server {
  const limit = new ConnectionLimit<Socket>(); // BULK_LQ_MAX_CONNS
  return createServer({ allowHalfOpen: true }, (socket) => {
    if (!limit.open(socket)) return socket.destroy();
    const session = new Dhcpv4BulkServer({ openedAt: Date.now() });
    const frames = new FrameDecoder();
    let timer: NodeJS.Timeout | undefined;
    const apply = (out: Dhcpv4SessionOutput<Dhcpv4BulkServerEvent>): void => {
      for (const m of out.send) socket.write(frame(encodeDhcpv4(m)));
      for (const e of out.events) {
        if (e.type === "bulk-query") apply(session.respond(e.xid, leases(e.query), Date.now()));
        if (e.type === "close") socket.end();
      }
      clearTimeout(timer);
      if (session.deadline !== undefined)
        timer = setTimeout(() => apply(session.timeout(Date.now())), session.deadline - Date.now());
      if (session.wantsToSend && !socket.writableNeedDrain) setImmediate(() => apply(session.pull(Date.now())));
    };
    socket.on("data", (chunk) => {
      try {
        for (const body of frames.push(chunk)) apply(session.receive(decodeDhcpv4(body), Date.now()));
      } catch {
        socket.destroy(); // a DecodeError: the stream cannot be trusted any more
      }
    });
    socket.on("drain", () => apply(session.pull(Date.now())));
    socket.on("end", () => apply(session.endOfInput(Date.now()))); // half-close: finish, then close
    socket.on("close", () => {
      clearTimeout(timer);
      limit.close(socket);
      session.connectionLost();
    });
    socket.on("error", () => socket.destroy());
  }).listen(port);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Port 67 is the RFC's (RFC 6926 §6.1) and needs privileges; the demo uses 6767.
  const leases = [1, 2, 3].map((n) => buildDhcpv4LeaseActive({ xid: 0, address: `192.0.2.${n}`, leaseTime: 3600 }));
  serveDhcpv4Bulk(() => leases, 6767);
}
