/**
 * An Active Leasequery requestor and server, each a sans-I/O session, talking
 * through the framer over an in-memory duplex that delivers bytes in random
 * chunks. The connection drops part-way (bytes in flight are lost), the
 * server keeps changing bindings while it is down, and the requestor
 * reconnects with LQ_START_TIME and catches up (RFC 7653 §8.4.1), with
 * real-time changes interleaved with the catch-up data and an idle gap
 * bridged by keep-alives.
 */
import { expect } from "vitest";
import { buildDhcp4o6ActiveLeasequery, type Dhcp4o6Binding } from "../../src/dhcp4o6/build.js";
import {
  type Dhcpv6Message,
  type Dhcpv6Option,
  type Dhcpv6OptionOf,
  findOption,
  STATUS_CODE,
  statusOf,
} from "../../src/index.js";
import { ActiveRequestor, type ActiveRequestorEvent, ServerSession } from "../../src/session/index.js";
import { encodeFramed, MAX_FRAME_SIZE, MessageDecoder } from "../../src/stream/index.js";
import { buildDhcpv4LeaseActive } from "../../src/v4/build.js";
import { DHCPV6_EPOCH_UNIX } from "../../src/wire/time.js";

/** A small deterministic PRNG (mulberry32), so a failing seed can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Bytes written on one side of the duplex and not yet read on the other. */
class Pipe {
  private queue: Uint8Array[] = [];
  private first = 0; // index of the oldest unread write
  private head = 0; // octets of it already read
  private size = 0;

  get pending(): number {
    return this.size;
  }

  write(bytes: Uint8Array): void {
    this.queue.push(bytes);
    this.size += bytes.length;
  }

  /** The next `n` octets (or fewer, if fewer are queued), copied out across writes. */
  read(n: number): Uint8Array {
    const out = new Uint8Array(Math.min(n, this.size));
    let at = 0;
    while (at < out.length) {
      const first = this.queue[this.first] as Uint8Array;
      const take = Math.min(first.length - this.head, out.length - at);
      out.set(first.subarray(this.head, this.head + take), at);
      at += take;
      this.head += take;
      if (this.head === first.length) {
        this.first++;
        this.head = 0;
      }
    }
    this.size -= out.length;
    if (this.size === 0) this.drop();
    return out;
  }

  drop(): void {
    this.queue = [];
    this.first = 0;
    this.head = 0;
    this.size = 0;
  }
}

const ENTERPRISE = 32473; // RFC 5612 documentation enterprise number

/** Binding `id` as the options of its CLIENT_DATA: the client's DUID-EN carries the id. */
export function binding(id: number): Dhcpv6Option[] {
  const identifier = Uint8Array.of(id >>> 24, (id >>> 16) & 0xff, (id >>> 8) & 0xff, id & 0xff);
  return [
    { code: 1, duid: { duidType: 2, enterpriseNumber: ENTERPRISE, identifier } },
    { code: 46, cltTime: 0 },
  ];
}

/**
 * Binding `id` as DHCP4o6 (seed 002 §5.2): a DHCPLEASEACTIVE whose ciaddr
 * carries the id (10.x.y.z); every other id also has related IPv6 options,
 * so bindings come both as a DHCPV4_MSG alone and with a CLIENT_DATA.
 */
export function binding4o6(id: number): Dhcp4o6Binding {
  const address = `10.${(id >>> 16) & 0xff}.${(id >>> 8) & 0xff}.${id & 0xff}`;
  const dhcpv4 = buildDhcpv4LeaseActive({ xid: 0, address, leaseTime: 3600 });
  return id % 2 === 0 ? { dhcpv4 } : { dhcpv4, related: [{ code: 46, cltTime: 0 }] };
}

/** The id a binding event carries: from its DHCPv4 ciaddr (DHCP4o6) or its CLIENT_DATA's DUID-EN. */
export function idOfEvent(e: { clientData: Dhcpv6OptionOf<45> | undefined; dhcpv4: { ciaddr: string } | undefined }) {
  if (e.dhcpv4 === undefined) return idOf(e.clientData);
  const [, a, b, c] = e.dhcpv4.ciaddr.split(".").map(Number) as [number, number, number, number];
  return (a << 16) | (b << 8) | c;
}

/** The id `binding(id)` put in the DUID-EN of a CLIENT_DATA. */
export function idOf(cd: Dhcpv6OptionOf<45> | undefined): number {
  const duid = cd === undefined ? undefined : findOption(cd, 1)?.duid;
  if (duid === undefined || !("identifier" in duid)) throw new Error("binding without its DUID-EN");
  const b = duid.identifier;
  return ((b[0] as number) * 0x1000000 + (((b[1] as number) << 16) | ((b[2] as number) << 8) | (b[3] as number))) >>> 0;
}

export interface Delivery {
  /** Which connection (1, 2 or 3) delivered it. */
  readonly connection: number;
  /** Whether it came during that connection's catch-up phase. */
  readonly catchUp: boolean;
}

export interface RunResult {
  /** Every delivery of each binding, in order. */
  readonly deliveries: Map<number, Delivery[]>;
  /** The server time of each id's change (seconds since 2000). */
  readonly changedAt: number[];
  /** LQ_START_TIME of the ACTIVELEASEQUERY on connections 2 and 3. */
  readonly resumedFrom: readonly [number, number];
  /** Base time the requestor saved at the end, and the one the server's final DONE carried. */
  readonly finalBaseTime: number | undefined;
  readonly serverFinalBaseTime: number;
  readonly keepAlives: number;
  readonly requestorEvents: Map<string, number>;
  /** Octets the framers held at most. */
  readonly maxBuffered: number;
}

/**
 * Moves `total` binding changes from server to requestor over three
 * connections: the first drops with messages in flight after 40% of the
 * changes; the second resumes with LQ_START_TIME and drops in the middle of
 * its catch-up (so the base time saved before it must be used again); the
 * third resumes, completes catch-up, idles past ACTIVE_LQ_RCV_TIMEOUT on
 * keep-alives, and ends with the server's shutdown. Changes go on while
 * disconnected.
 */
export function runActiveExchange(total: number, seed: number, flavour: "dhcpv6" | "dhcp4o6" = "dhcpv6"): RunResult {
  const dhcp4o6 = flavour === "dhcp4o6";
  const make = (id: number) => (dhcp4o6 ? binding4o6(id) : binding(id));
  /** The ACTIVELEASEQUERY resuming from the saved base time: DHCP4o6 gives it as a DHCPv4 time. */
  const queryOf = (requestor: ActiveRequestor, transactionId: number): Dhcpv6Message => {
    if (!dhcp4o6) return requestor.reconnectQuery(undefined, { transactionId });
    const saved = requestor.baseTime;
    const start = saved === undefined ? {} : { queryStartTime: saved + DHCPV6_EPOCH_UNIX };
    return buildDhcp4o6ActiveLeasequery(
      { relayId: Uint8Array.of(1, 2, 3) },
      { transactionId, requestedOptions: [100], ...start },
    );
  };
  const rnd = prng(seed);
  const perSecond = 97; // changes per second of server time
  const nowOf = (t: number) => t * 1000;
  const baseTimeAt = (now: number) => Math.floor(now / 1000);
  const changedAt: number[] = [];
  const deliveries = new Map<number, Delivery[]>();
  const requestorEvents = new Map<string, number>();
  let keepAlives = 0;
  let maxBuffered = 0;
  let t = 800_000_000; // server absolute time (s since 2000)
  let next = 0; // next change to happen

  // One connection: two pipes, two framers, two sessions.
  function connect(requestor: ActiveRequestor, server: ServerSession, connection: number) {
    const toServer = new Pipe();
    const toRequestor = new Pipe();
    const serverIn = new MessageDecoder();
    const requestorIn = new MessageDecoder();
    const serverEvents: { type: string; startTime?: number | undefined }[] = [];
    const sendAll = (pipe: Pipe, ms: Dhcpv6Message[]) => {
      for (const m of ms) pipe.write(encodeFramed(m));
    };
    const onRequestor = (es: ActiveRequestorEvent[]) => {
      for (const e of es) {
        requestorEvents.set(e.type, (requestorEvents.get(e.type) ?? 0) + 1);
        if (e.type === "binding") {
          const id = idOfEvent(e);
          const list = deliveries.get(id) ?? [];
          list.push({ connection, catchUp: e.catchUp });
          deliveries.set(id, list);
        } else if (e.type === "keep-alive") {
          keepAlives++;
        } else if (e.type === "close" && e.reason !== "terminated") {
          throw new Error(`requestor closed: ${e.reason}`);
        }
      }
    };
    /** Delivers up to `budget` octets each way in random chunk sizes (1-octet chunks included). */
    const pump = (budget = Number.POSITIVE_INFINITY) => {
      let left = budget;
      while (left > 0 && (toServer.pending > 0 || toRequestor.pending > 0)) {
        const size = rnd() < 0.05 ? 1 : 1 + Math.floor(rnd() * 1500);
        if (toServer.pending > 0) {
          for (const m of serverIn.push(toServer.read(size))) {
            const out = server.receive(m, nowOf(t));
            serverEvents.push(...out.events);
            sendAll(toRequestor, out.send);
          }
        }
        if (toRequestor.pending > 0) {
          const chunk = toRequestor.read(size);
          left -= chunk.length;
          for (const m of requestorIn.push(chunk)) {
            const out = requestor.receive(m, nowOf(t));
            onRequestor(out.events);
            sendAll(toServer, out.send);
          }
        }
        maxBuffered = Math.max(maxBuffered, serverIn.bufferedBytes, requestorIn.bufferedBytes);
      }
    };
    const timers = () => {
      sendAll(toRequestor, server.timeout(nowOf(t)).send);
      onRequestor(requestor.timeout(nowOf(t)).events);
    };
    /** The connection drops with part of what was sent still in flight. */
    const drop = () => {
      pump(Math.floor(rnd() * toRequestor.pending));
      toServer.drop();
      toRequestor.drop();
      onRequestor(requestor.connectionLost().events.filter((e) => e.type !== "close"));
      server.connectionLost();
    };
    /** Sends the requestor's ACTIVELEASEQUERY; returns the LQ_START_TIME the server saw. */
    const open = (transactionId: number) => {
      sendAll(toServer, requestor.start(queryOf(requestor, transactionId), nowOf(t)).send);
      pump();
      const q = serverEvents.find((e) => e.type === "active-query");
      if (q === undefined) throw new Error("the server saw no active query");
      sendAll(toRequestor, server.acceptActive(nowOf(t)).send);
      return q.startTime;
    };
    /** One real-time change, sent as it happens. */
    const live = () => {
      const id = change();
      sendAll(toRequestor, server.sendBindings([make(id)], nowOf(t)).send);
    };
    /** Catch-up from `from` in batches interleaved with real-time changes; stops after `share` of it. */
    const catchUp = (from: number, share: number) => {
      const ids = changedAt.flatMap((at, id) => (at >= from ? [id] : []));
      const stop = Math.floor(ids.length * share);
      for (let i = 0; i < stop; i += 200) {
        sendAll(toRequestor, server.sendBindings(ids.slice(i, Math.min(i + 200, stop)).map(make), nowOf(t)).send);
        for (let k = 0; k < 50 && next < total; k++) live();
        if (rnd() < 0.3) pump(Math.floor(rnd() * 20_000));
      }
    };
    return { toRequestor, sendAll, pump, timers, drop, open, live, catchUp };
  }

  /** The next change happens now on the server; returns its id. */
  const change = () => {
    const id = next++;
    changedAt[id] = t;
    if (next % perSecond === 0) t++;
    return id;
  };

  // Connection 1: no saved base time, so no catch-up.
  const r1 = new ActiveRequestor();
  const c1 = connect(r1, new ServerSession({ baseTimeAt }), 1);
  if (c1.open(1) !== undefined) throw new Error("the first query asked for catch-up");
  while (next < total * 0.4) {
    c1.live();
    c1.timers();
    if (rnd() < 0.1) c1.pump(Math.floor(rnd() * 4000));
  }
  c1.drop();
  const from2 = r1.baseTime as number;
  while (next < total * 0.5) change();
  t += 5;

  // Connection 2: resumes, and drops halfway through its catch-up.
  const r2 = new ActiveRequestor({ baseTime: from2 });
  const c2 = connect(r2, new ServerSession({ baseTimeAt }), 2);
  if (c2.open(2) !== from2) throw new Error("connection 2 does not resume from the saved base time");
  c2.catchUp(from2, 0.5);
  c2.drop();
  const from3 = r2.baseTime as number;
  while (next < total * 0.6) change();
  t += 5;

  // Connection 3: resumes, catches up, idles, and is shut down by the server.
  const r3 = new ActiveRequestor({ baseTime: from3 });
  const s3 = new ServerSession({ baseTimeAt });
  const c3 = connect(r3, s3, 3);
  if (c3.open(3) !== from3) throw new Error("connection 3 does not resume from the saved base time");
  c3.catchUp(from3, 1);
  c3.sendAll(c3.toRequestor, s3.catchUpComplete(nowOf(t)).send);
  c3.pump();
  if (r3.catchingUp) throw new Error("catch-up did not end");
  for (let k = 0; k < 200; k += 10) {
    t += 10;
    c3.timers();
    c3.pump();
  }
  while (next < total) {
    c3.live();
    c3.timers();
    if (rnd() < 0.1) c3.pump(Math.floor(rnd() * 4000));
  }
  t += 1;
  const done = s3.shutdown(nowOf(t)).send;
  const last = done[0] as Dhcpv6Message;
  if (statusOf(last)?.statusCode !== STATUS_CODE.QueryTerminated) throw new Error("no QueryTerminated at shutdown");
  c3.sendAll(c3.toRequestor, done);
  c3.pump();
  if (!r3.closed) throw new Error("the requestor did not see the end");
  return {
    deliveries,
    changedAt,
    resumedFrom: [from2, from3],
    finalBaseTime: r3.baseTime,
    serverFinalBaseTime: findOption(last, 100)?.baseTime ?? -1,
    keepAlives,
    requestorEvents,
    maxBuffered,
  };
}

/** The assertions of an end-to-end run of `total` bindings. */
export function checkRun(total: number, r: RunResult): void {
  // None lost: every binding reached the requestor.
  const lost: number[] = [];
  for (let id = 0; id < total; id++) if (!r.deliveries.has(id)) lost.push(id);
  expect(lost).toEqual([]);
  expect(r.deliveries.size).toBe(total);
  // Base times seen during connection 2's catch-up were not saved: connection 3 resumes from
  // where connection 2 did (RFC 7653 §8.4.1).
  expect(r.resumedFrom[1]).toBe(r.resumedFrom[0]);
  // None duplicated: no binding twice on one connection; a binding comes again only as catch-up
  // data on a later connection, and only if it changed on or after that connection's LQ_START_TIME.
  const wrong: [number, string][] = [];
  let again = 0;
  for (const [id, list] of r.deliveries) {
    const connections = list.map((d) => d.connection);
    if (new Set(connections).size !== connections.length) wrong.push([id, `twice on one connection: ${connections}`]);
    for (const d of list.slice(1)) {
      again++;
      const from = r.resumedFrom[d.connection - 2] as number;
      if (!d.catchUp || (r.changedAt[id] as number) < from)
        wrong.push([id, `resent outside catch-up: ${JSON.stringify(d)}`]);
    }
  }
  expect(wrong).toEqual([]);
  expect(again).toBeGreaterThan(0);
  // The final base time is the server's last, from its LEASEQUERY-DONE.
  expect(r.finalBaseTime).toBe(r.serverFinalBaseTime);
  expect(r.keepAlives).toBeGreaterThanOrEqual(3);
  expect(r.requestorEvents.get("catch-up-complete")).toBe(1);
  expect(r.requestorEvents.get("terminated")).toBe(1);
  expect(r.maxBuffered).toBeLessThanOrEqual(MAX_FRAME_SIZE);
}
