/**
 * A DHCPv4 Bulk Leasequery requestor (RFC 6926) on a real TCP socket: it
 * sends one DHCPBULKLEASEQUERY, half-closes, and collects the bindings
 * until the server's DHCPLEASEQUERYDONE. Run it with
 * `npx tsx examples/node/dhcpv4-bulk-requestor.ts`.
 * @module
 */
import { connect } from "node:net";
import {
  buildDhcpv4BulkLeasequery,
  Dhcpv4BulkRequestor,
  type Dhcpv4BulkRequestorEvent,
  type Dhcpv4LeasequeryKey,
  type Dhcpv4Message,
  type Dhcpv4SessionOutput,
  decodeDhcpv4,
  encodeDhcpv4,
  FrameDecoder,
  findDhcpv4Option,
  frame,
} from "../../src/index.js";

/** Asks the server at `host:port` for every binding that matches `key`. */
export function dhcpv4BulkQuery(host: string, port: number, key: Dhcpv4LeasequeryKey): Promise<Dhcpv4Message[]> {
  return new Promise((resolve, reject) => {
    const bindings: Dhcpv4Message[] = [];
    const session = new Dhcpv4BulkRequestor();
    const frames = new FrameDecoder();
    const socket = connect(port, host);
    let timer: NodeJS.Timeout | undefined;
    const apply = (out: Dhcpv4SessionOutput<Dhcpv4BulkRequestorEvent>): void => {
      for (const m of out.send) socket.write(frame(encodeDhcpv4(m)));
      for (const e of out.events) {
        if (e.type === "binding") bindings.push(e.message);
        if (e.type === "query-complete" && e.statusCode !== 0) reject(new Error(`status ${e.statusCode}`));
        if (e.type === "close") {
          socket.end();
          if (e.reason === "finished") resolve(bindings);
          else reject(new Error(`connection closed: ${e.reason}`));
        }
      }
      clearTimeout(timer);
      if (out.deadline !== undefined)
        timer = setTimeout(() => apply(session.timeout(Date.now())), out.deadline - Date.now());
    };
    socket.on("connect", () => {
      apply(session.query(buildDhcpv4BulkLeasequery(key, { xid: 1 }), Date.now()));
      apply(session.finish(Date.now())); // no more queries: close after the DONE
    });
    socket.on("data", (chunk) => {
      try {
        for (const body of frames.push(chunk)) apply(session.receive(decodeDhcpv4(body), Date.now()));
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
  const bindings = await dhcpv4BulkQuery("127.0.0.1", 6767, { relayId: Uint8Array.of(1, 2, 3) });
  for (const b of bindings) console.log(b.ciaddr, findDhcpv4Option(b, 51)?.leaseTime); // address, lease time
}
