import { expect } from "vitest";
import {
  type Endpoint,
  type TcpDirection,
  TcpReassembler,
  type TcpReassemblyOptions,
  type TcpStreamEvent,
} from "../../src/capture/index.js";

/** The client and server of the TCP tests: a DHCPv6 requestor and a server on port 547. */
export const C: Endpoint = { address: "2001:db8::c", port: 50000 };
export const S: Endpoint = { address: "2001:db8::5", port: 547 };
export const text = (s: string) => new TextEncoder().encode(s);

/** A little harness around a TcpReassembler: sends segments, keeps every event. */
export class Wire {
  readonly r: TcpReassembler;
  readonly events: TcpStreamEvent[] = [];
  private n = 0;
  constructor(
    options?: TcpReassemblyOptions,
    readonly client: Endpoint = C,
    readonly server: Endpoint = S,
  ) {
    this.r = new TcpReassembler(options);
  }
  send(from: Endpoint, to: Endpoint, seq: number, flags: number, data = ""): TcpStreamEvent[] {
    const ev = this.r.segment({
      src: from,
      dst: to,
      seq: seq >>> 0,
      ack: 0,
      flags,
      payload: text(data),
      packetIndex: this.n++,
      timestamp: { seconds: this.n, nanoseconds: 0 },
    });
    this.events.push(...ev);
    return ev;
  }
  c(seq: number, flags: number, data = "") {
    return this.send(this.client, this.server, seq, flags, data);
  }
  s(seq: number, flags: number, data = "") {
    return this.send(this.server, this.client, seq, flags, data);
  }
  finish() {
    const ev = this.r.finish();
    this.events.push(...ev);
    return ev;
  }
  /** The direction's bytes as text, checking that data offsets are contiguous except across gaps. */
  stream(direction: TcpDirection, connection = 0): string {
    let out = "";
    let offset = 0;
    for (const e of this.events) {
      if (e.connection !== connection || e.type === "open" || e.direction !== direction) continue;
      if (e.type === "data") {
        expect(e.offset).toBe(offset);
        out += new TextDecoder().decode(e.data);
        offset += e.data.length;
      } else if (e.type === "gap") {
        expect(e.offset).toBe(offset);
        out += "_".repeat(e.length);
        offset += e.length;
      }
    }
    return out;
  }
  types(): string[] {
    return this.events.map((e) => (e.type === "end" ? `end:${e.direction}:${e.reason}` : e.type));
  }
}
