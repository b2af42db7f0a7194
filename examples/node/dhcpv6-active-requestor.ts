/**
 * A DHCPv6 Active Leasequery requestor (RFC 7653) that survives server
 * restarts: on each reconnect (paced by `leasequeryReconnector`, one
 * attempt per ACTIVE_LQ_IDLE_TIMEOUT over QUIC) it asks for what changed
 * since the last base time it saw (LQ_START_TIME), so nothing is missed.
 * Run it with `npx tsx examples/node/dhcpv6-active-requestor.ts`.
 * @module
 */
import { connect, type Socket } from "node:net";
import {
  ActiveRequestor,
  type ActiveRequestorEvent,
  decode,
  encode,
  FrameDecoder,
  frame,
  leasequeryReconnector,
  type Reconnector,
  type ReconnectorOutput,
  type SessionOutput,
} from "../../src/index.js";

/** Follows the server at `host:port`, calling `onEvent` for every binding and status, until `stop()`. */
export function followDhcpv6Active(
  host: string,
  port: number,
  onEvent: (e: ActiveRequestorEvent) => void,
  schedule: Reconnector = leasequeryReconnector("tcp"),
): { stop(): void } {
  let baseTime: number | undefined; // what the next connection catches up from
  let socket: Socket | undefined;
  let timer: NodeJS.Timeout | undefined;
  let retry: NodeJS.Timeout | undefined;
  const plan = (r: ReconnectorOutput): void => {
    clearTimeout(retry);
    if (r.abort) socket?.destroy();
    if (r.connect) attempt();
    if (r.deadline !== undefined) retry = setTimeout(() => plan(schedule.timeout(Date.now())), r.deadline - Date.now());
  };
  const attempt = (): void => {
    const session = new ActiveRequestor(baseTime === undefined ? {} : { baseTime });
    const frames = new FrameDecoder();
    const s = connect(port, host);
    socket = s;
    const apply = (out: SessionOutput<ActiveRequestorEvent>): void => {
      for (const m of out.send) s.write(frame(encode(m)));
      for (const e of out.events) e.type === "close" ? s.destroy() : onEvent(e);
      baseTime = session.baseTime;
      clearTimeout(timer);
      if (out.deadline !== undefined)
        timer = setTimeout(() => apply(session.timeout(Date.now())), out.deadline - Date.now());
    };
    s.on("connect", () => {
      plan(schedule.connected(Date.now()));
      apply(session.start(session.reconnectQuery(undefined, { transactionId: 1 }), Date.now()));
    });
    s.on("data", (chunk) => {
      try {
        for (const body of frames.push(chunk)) apply(session.receive(decode(body), Date.now()));
      } catch {
        s.destroy();
      }
    });
    s.on("close", () => {
      apply(session.connectionLost());
      clearTimeout(timer);
      if (schedule.state === "connecting" || schedule.state === "connected") plan(schedule.failed(Date.now()));
    });
    s.on("error", () => {}); // "close" follows
  };
  plan(schedule.start(Date.now()));
  return {
    stop() {
      plan(schedule.stop());
      clearTimeout(timer);
      socket?.destroy();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  followDhcpv6Active("127.0.0.1", 5547, (e) => console.log(e.type, e.type === "binding" ? e.clientData?.options : ""));
}
