/**
 * A DHCPv6 Active Leasequery server (RFC 7653) on real TCP sockets: it
 * catches a requestor up from its LQ_START_TIME, then pushes each change as
 * it happens, and sends keep-alives when idle. Run it with
 * `npx tsx examples/node/dhcpv6-active-server.ts`.
 * @module
 */
import { createServer, type Server } from "node:net";
import {
  decode,
  encode,
  FrameDecoder,
  frame,
  ServerSession,
  type ServerSessionEvent,
  type SessionOutput,
} from "../../src/index.js";
import { Dhcpv6LeaseLog } from "./dhcpv6-lease-log.js";

/** Listens on `port` (0 picks one) and streams the changes of `log` to each requestor. */
export function serveDhcpv6Active(log: Dhcpv6LeaseLog, port = 547): Server {
  return createServer({ allowHalfOpen: true }, (socket) => {
    const session = new ServerSession();
    const frames = new FrameDecoder();
    let timer: NodeJS.Timeout | undefined;
    let unsubscribe = () => {};
    const apply = (out: SessionOutput<ServerSessionEvent>): void => {
      for (const m of out.send) socket.write(frame(encode(m)));
      for (const e of out.events) {
        if (e.type === "active-query") {
          apply(session.acceptActive(Date.now()));
          apply(session.sendBindings(log.changedSince(e.startTime), Date.now())); // catch-up, or everything
          if (e.startTime !== undefined) apply(session.catchUpComplete(Date.now()));
          unsubscribe = log.subscribe((binding) => apply(session.sendBindings([binding], Date.now())));
        }
        if (e.type === "close") socket.end();
      }
      clearTimeout(timer);
      if (session.deadline !== undefined)
        timer = setTimeout(() => apply(session.timeout(Date.now())), session.deadline - Date.now());
    };
    socket.on("data", (chunk) => {
      try {
        for (const body of frames.push(chunk)) apply(session.receive(decode(body), Date.now()));
      } catch {
        socket.destroy();
      }
    });
    socket.on("end", () => apply(session.endOfInput(Date.now()))); // the active query goes on
    socket.on("close", () => {
      clearTimeout(timer);
      unsubscribe();
      session.connectionLost();
    });
    socket.on("error", () => socket.destroy());
  }).listen(port);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const log = new Dhcpv6LeaseLog();
  serveDhcpv6Active(log, 5547);
  let n = 0;
  setInterval(() => {
    const address = `2001:db8::${(n++ % 250).toString(16)}`;
    log.record(address, [{ code: 5, address, preferredLifetime: 300, validLifetime: 600, options: [] }]);
  }, 1000);
}
