/**
 * A DHCPv6 Bulk Leasequery server (RFC 5460) on real TCP sockets: the
 * library's session decides what to send and when; this file only moves
 * bytes, honours back-pressure, and sets the timers the session asks for.
 * Run it with `npx tsx examples/node/dhcpv6-bulk-server.ts`.
 * @module
 */
import { createServer, type Server, type Socket } from "node:net";
import {
  BULK_LQ_DATA_TIMEOUT,
  type BulkBinding,
  ConnectionLimit,
  type Dhcpv6Message,
  decode,
  encode,
  FrameDecoder,
  frame,
  ServerSession,
  type ServerSessionEvent,
  type SessionOutput,
} from "../../src/index.js";

type Answer = Generator<Dhcpv6Message, SessionOutput<ServerSessionEvent>, undefined>;

/** Listens on `port` (0 picks one) and answers every query with the bindings `bindings()` returns. */
export function serveDhcpv6Bulk(bindings: (query: Dhcpv6Message) => Iterable<BulkBinding>, port = 547): Server {
  const limit = new ConnectionLimit<Socket>(); // BULK_LQ_MAX_CONNS
  return createServer({ allowHalfOpen: true }, (socket) => {
    if (!limit.open(socket)) return socket.destroy();
    const t = BULK_LQ_DATA_TIMEOUT * 1000;
    const session = new ServerSession({ readTimeout: t, sendTimeout: t, openedAt: Date.now() });
    const frames = new FrameDecoder();
    const answers: Answer[] = [];
    let timer: NodeJS.Timeout | undefined;
    const pump = (): void => {
      while (answers.length > 0 && !socket.writableNeedDrain) {
        const r = (answers[0] as Answer).next();
        if (r.done) answers.shift();
        r.done ? apply(r.value) : socket.write(frame(encode(r.value)));
      }
    };
    const apply = (out: SessionOutput<ServerSessionEvent>): void => {
      for (const m of out.send) socket.write(frame(encode(m)));
      for (const e of out.events) {
        if (e.type === "bulk-query") answers.push(session.streamBulk(e.transactionId, bindings(e.query), Date.now()));
        if (e.type === "close") socket.end();
      }
      clearTimeout(timer);
      if (session.deadline !== undefined)
        timer = setTimeout(() => apply(session.timeout(Date.now())), session.deadline - Date.now());
      setImmediate(pump);
    };
    socket.on("data", (chunk) => {
      try {
        for (const body of frames.push(chunk)) apply(session.receive(decode(body), Date.now()));
      } catch {
        socket.destroy(); // a DecodeError: the stream cannot be trusted any more
      }
    });
    socket.on("drain", pump);
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
  // Port 547 is the RFC's (RFC 5460 §5.6) and needs privileges; the demo uses 5547.
  const address = (n: number) => ({
    code: 5,
    address: `2001:db8::${n}`,
    preferredLifetime: 300,
    validLifetime: 600,
    options: [],
  });
  serveDhcpv6Bulk(() => [1, 2, 3].map((n) => [address(n), { code: 46, cltTime: 0 }] as BulkBinding), 5547);
}
