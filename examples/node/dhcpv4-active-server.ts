/**
 * A DHCPv4 Active Leasequery server (RFC 7724) on real TCP sockets: it
 * catches a requestor up from its query-start-time, then pushes each change
 * as it happens and keeps the connection alive when idle. Run it with
 * `npx tsx examples/node/dhcpv4-active-server.ts`.
 * @module
 */
import { createServer, type Server } from "node:net";
import {
  buildDhcpv4LeaseActive,
  Dhcpv4ActiveServer,
  type Dhcpv4ActiveServerEvent,
  type Dhcpv4SessionOutput,
  decodeDhcpv4,
  encodeDhcpv4,
  FrameDecoder,
  frame,
} from "../../src/index.js";
import { LeaseLog } from "./lease-log.js";

/** Listens on `port` (0 picks one) and streams the changes of `log` to each requestor. */
export function serveDhcpv4Active(log: LeaseLog, port = 67): Server {
  return createServer((socket) => {
    const session = new Dhcpv4ActiveServer();
    const frames = new FrameDecoder();
    let timer: NodeJS.Timeout | undefined;
    let unsubscribe = () => {};
    const apply = (out: Dhcpv4SessionOutput<Dhcpv4ActiveServerEvent>): void => {
      for (const m of out.send) socket.write(frame(encodeDhcpv4(m)));
      for (const e of out.events) {
        if (e.type === "active-query") {
          apply(session.accept(Date.now()));
          apply(session.sendBindings(log.changedSince(e.startTime), Date.now())); // catch-up, or everything
          if (e.startTime !== undefined) apply(session.catchUpComplete(Date.now()));
          unsubscribe = log.subscribe((lease) => apply(session.sendBindings([lease], Date.now())));
        }
        if (e.type === "close") socket.end();
      }
      clearTimeout(timer);
      if (out.deadline !== undefined)
        timer = setTimeout(() => apply(session.timeout(Date.now())), out.deadline - Date.now());
    };
    socket.on("data", (chunk) => {
      try {
        for (const body of frames.push(chunk)) apply(session.receive(decodeDhcpv4(body), Date.now()));
      } catch {
        socket.destroy();
      }
    });
    socket.on("close", () => {
      clearTimeout(timer);
      unsubscribe();
      session.connectionLost();
    });
    socket.on("error", () => socket.destroy());
  }).listen(port);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const log = new LeaseLog();
  serveDhcpv4Active(log, 6767);
  let n = 0;
  setInterval(
    () => log.record(buildDhcpv4LeaseActive({ xid: 0, address: `192.0.2.${n++ % 250}`, leaseTime: 600 })),
    1000,
  );
}
