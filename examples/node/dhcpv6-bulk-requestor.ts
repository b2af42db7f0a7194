/**
 * A DHCPv6 Bulk Leasequery requestor (RFC 5460) on a real TCP socket: it
 * sends one LEASEQUERY, half-closes (no more queries), and collects the
 * bindings until the server's LEASEQUERY-DONE. Run it with
 * `npx tsx examples/node/dhcpv6-bulk-requestor.ts`.
 * @module
 */
import { connect } from "node:net";
import {
  BulkRequestor,
  type BulkRequestorEvent,
  type Dhcpv6Message,
  type Dhcpv6OptionOf,
  decode,
  encode,
  FrameDecoder,
  frame,
  leasequeryByLinkAddress,
  type SessionOutput,
} from "../../src/index.js";

/** Sends `query` to the server at `host:port`; resolves with the CLIENT_DATA of every binding. */
export function dhcpv6BulkQuery(host: string, port: number, query: Dhcpv6Message): Promise<Dhcpv6OptionOf<45>[]> {
  return new Promise((resolve, reject) => {
    const bindings: Dhcpv6OptionOf<45>[] = [];
    const session = new BulkRequestor();
    const frames = new FrameDecoder();
    const socket = connect(port, host);
    let timer: NodeJS.Timeout | undefined;
    const apply = (out: SessionOutput<BulkRequestorEvent>): void => {
      for (const m of out.send) socket.write(frame(encode(m)));
      for (const e of out.events) {
        if (e.type === "binding" && e.clientData !== undefined) bindings.push(e.clientData);
        if (e.type === "query-complete") {
          if (e.statusCode === 0) resolve(bindings);
          else reject(new Error(`status ${e.statusCode}`));
        }
        if (e.type === "close") reject(new Error(`connection closed: ${e.reason}`)); // no-op once resolved
      }
      clearTimeout(timer);
      if (out.deadline !== undefined)
        timer = setTimeout(() => apply(session.timeout(Date.now())), out.deadline - Date.now());
    };
    socket.on("connect", () => {
      apply(session.query(query, Date.now()));
      socket.end(); // half-close: the server finishes this query, then closes
    });
    socket.on("data", (chunk) => {
      try {
        for (const body of frames.push(chunk)) apply(session.receive(decode(body), Date.now()));
      } catch (error) {
        socket.destroy();
        reject(error); // a DecodeError: the stream cannot be trusted any more
      }
    });
    socket.on("close", () => {
      clearTimeout(timer);
      apply(session.connectionLost());
    });
    socket.on("error", reject);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const bindings = await dhcpv6BulkQuery(
    "127.0.0.1",
    5547,
    leasequeryByLinkAddress("2001:db8::", { transactionId: 1 }),
  );
  for (const b of bindings) console.log(b.options.map((o) => o.code)); // the options of each binding
}
