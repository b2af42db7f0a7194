/**
 * DHCPv4 Active and Bulk Leasequery sessions end to end: requestor and
 * server talk through the framer over an in-memory connection that
 * delivers bytes in random chunks. The connection drops part-way (bytes in
 * flight are lost), bindings keep changing while it is down, and the
 * requestor reconnects with query-start-time: the server catches it up
 * (RFC 7724), or says DataMissing and the gap is fetched with the recovery
 * DHCPBULKLEASEQUERY on a second connection (RFC 6926).
 *
 * Every change has its own server time (one per second), so "changed
 * after t" is exact and the catch-up resends nothing the requestor saw.
 */
import {
  buildDhcpv4LeaseActive,
  type Dhcpv4Message,
  decodeDhcpv4,
  encodeDhcpv4,
  FrameDecoder,
  findDhcpv4Option,
  frame,
} from "../../../src/index.js";
import {
  Dhcpv4ActiveRequestor,
  Dhcpv4ActiveServer,
  Dhcpv4BulkRequestor,
  Dhcpv4BulkServer,
} from "../../../src/session/index.js";

const T0 = 1_700_000_000;

/** A small deterministic PRNG (mulberry32), so a failing seed can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The server's change log: change i is binding `id` at `version`, made at time T0 + i + 1. */
class Changes {
  readonly log: { id: number; version: number }[] = [];
  private readonly versions = new Map<number, number>();
  get now(): number {
    return T0 + this.log.length;
  }
  make(id: number): void {
    const version = (this.versions.get(id) ?? 0) + 1;
    this.versions.set(id, version);
    this.log.push({ id, version });
  }
  /** Changes made after `since` and up to `until`, as bindings stamped with their own time. */
  *between(since: number, until: number): Generator<Dhcpv4Message> {
    for (let i = Math.max(0, since - T0); i < until - T0; i++)
      yield binding(this.log[i] as { id: number; version: number }, T0 + i + 1);
  }
}

// One DHCPLEASEACTIVE whose header fields are shared by every binding (the
// sessions never write into a message), so that a run of 100,000 does not
// spend its time allocating the 208 zero octets of chaddr, sname and file.
const TEMPLATE = buildDhcpv4LeaseActive({ xid: 0, address: "0.0.0.0" });

function binding(c: { id: number; version: number }, time: number): Dhcpv4Message {
  const ciaddr = `10.${(c.id >> 16) & 255}.${(c.id >> 8) & 255}.${c.id & 255}`;
  const options = [
    { code: 53, messageType: 13 },
    { code: 152, baseTime: time },
    { code: 51, leaseTime: c.version },
    { code: 156, dhcpState: 2 },
    { code: 255 },
  ] as Dhcpv4Message["options"];
  return { ...TEMPLATE, ciaddr, options };
}

/** One direction of a connection: framed bytes in, read back in random chunks. */
class Wire {
  private bytes: Uint8Array[] = [];
  private first = 0; // index of the oldest undelivered write
  private readonly frames = new FrameDecoder();
  constructor(private readonly random: () => number) {}
  send(ms: Dhcpv4Message[]): void {
    for (const m of ms) this.bytes.push(frame(encodeDhcpv4(m)));
  }
  /** Delivers about `budget` octets (writes split at random points) and returns the messages completed. */
  deliver(budget: number): Dhcpv4Message[] {
    const out: Dhcpv4Message[] = [];
    while (budget > 0 && this.first < this.bytes.length) {
      const head = this.bytes[this.first] as Uint8Array;
      const n = Math.min(head.length, 1 + Math.floor(this.random() * budget));
      for (const body of this.frames.push(head.subarray(0, n))) out.push(decodeDhcpv4(body));
      if (n === head.length) this.first++;
      else this.bytes[this.first] = head.subarray(n);
      budget -= n;
    }
    if (this.first === this.bytes.length) {
      this.bytes = [];
      this.first = 0;
    }
    return out;
  }
  get idle(): boolean {
    return this.first === this.bytes.length;
  }
}

export interface Run {
  /** Every change the server made, as "id:version". */
  made: string[];
  /** Every binding the requestor was told of, in order, as "id:version". */
  got: string[];
  catchUpComplete: number;
  dataMissing: number;
  recovered: number;
}

const key = (m: Dhcpv4Message) => {
  const [, a, b, c] = m.ciaddr.split(".").map(Number) as number[];
  return `${((a as number) << 16) | ((b as number) << 8) | (c as number)}:${findDhcpv4Option(m, 51)?.leaseTime}`;
};

/**
 * `total` changes in three phases: live on the first connection (dropped
 * part-way), made while down, then catch-up interleaved with live changes
 * on the second. With `historyKept`, the server keeps only that many of the
 * latest changes: an older query-start-time gets DataMissing and the gap is
 * fetched with the recovery Bulk query.
 */
export function runExchange(total: number, seed: number, historyKept?: number): Run {
  const random = prng(seed);
  const changes = new Changes();
  const ids = Math.max(1, Math.floor(total / 3));
  const change = () => changes.make(Math.floor(random() * ids));
  const run: Run = { made: [], got: [], catchUpComplete: 0, dataMissing: 0, recovered: 0 };
  let now = 0;
  let recovery: Dhcpv4Message | undefined;

  // Phase 1: live updates until the connection drops.
  let requestor = new Dhcpv4ActiveRequestor({ receiveTimeout: 1e12 });
  let server = new Dhcpv4ActiveServer({ baseTimeAt: () => changes.now, idleTimeout: 1e12 });
  let up = new Wire(random);
  let down = new Wire(random);
  const pump = () => {
    for (const m of up.deliver(1 << 20)) {
      for (const e of server.receive(m, now).events) {
        if (e.type !== "active-query") continue;
        const kept = historyKept === undefined ? 0 : changes.now - historyKept;
        const missing = e.startTime !== undefined && e.startTime < kept;
        down.send(server.accept(now, { dataMissing: missing }).send);
        if (e.startTime !== undefined && !missing) {
          // Catch-up in slices, with live changes in between (RFC 7724 lets them interleave).
          const until = changes.now;
          let from = e.startTime;
          while (from < until) {
            const to = Math.min(until, from + 1 + Math.floor(random() * 500));
            down.send(server.sendBindings(changes.between(from, to), now).send);
            const live = changes.now;
            for (let k = Math.floor(random() * 3); k > 0 && run.made.length + pendingChanges() < total; k--) change();
            down.send(server.sendBindings(changes.between(live, changes.now), now).send);
            from = to;
          }
          down.send(server.catchUpComplete(now).send);
        }
      }
    }
  };
  const pendingChanges = () => changes.log.length - run.made.length;
  const receive = (budget: number) => {
    for (const m of down.deliver(budget)) {
      for (const e of requestor.receive(m, now).events) {
        if (e.type === "binding") run.got.push(key(e.message));
        if (e.type === "catch-up-complete") run.catchUpComplete++;
        if (e.type === "data-missing") {
          run.dataMissing++;
          recovery = e.recoveryQuery;
        }
      }
    }
  };
  const liveBatch = (n: number) => {
    const from = changes.now;
    for (let i = 0; i < n && changes.log.length < total; i++) change();
    down.send(server.sendBindings(changes.between(from, changes.now), now).send);
  };

  up.send(requestor.start(requestor.reconnectQuery(undefined, { xid: 1 }), now).send);
  pump();
  const firstPhase = Math.floor(total * 0.4);
  while (changes.log.length < firstPhase) {
    liveBatch(1 + Math.floor(random() * 200));
    receive(Math.floor(random() * 40_000));
    now += 1;
  }
  // The connection drops: whatever is still in flight is lost.
  receive(Math.floor(random() * 20_000));
  requestor.connectionLost();
  server.connectionLost();

  // Phase 2: changes while down.
  while (changes.log.length < Math.floor(total * 0.6)) change();

  // Phase 3: reconnect from the saved base-time.
  const saved = requestor.baseTime;
  requestor = new Dhcpv4ActiveRequestor({ receiveTimeout: 1e12, ...(saved === undefined ? {} : { baseTime: saved }) });
  server = new Dhcpv4ActiveServer({ baseTimeAt: () => changes.now, idleTimeout: 1e12 });
  up = new Wire(random);
  down = new Wire(random);
  up.send(requestor.start(requestor.reconnectQuery(undefined, { xid: 2 }), now).send);
  pump();
  while (changes.log.length < total || !down.idle) {
    if (changes.log.length < total) liveBatch(1 + Math.floor(random() * 200));
    receive(Math.floor(random() * 60_000));
    now += 1;
  }
  if (recovery !== undefined) run.recovered = bulkRecovery(recovery, changes, random, run);
  run.made = changes.log.map((c) => `${c.id}:${c.version}`);
  return run;
}

/** Sends the recovery query on a Bulk connection of its own and collects what it returns. */
function bulkRecovery(query: Dhcpv4Message, changes: Changes, random: () => number, run: Run): number {
  const requestor = new Dhcpv4BulkRequestor();
  const server = new Dhcpv4BulkServer({ baseTimeAt: () => changes.now, batchSize: 100 });
  const up = new Wire(random);
  const down = new Wire(random);
  let recovered = 0;
  let finished = false;
  up.send(requestor.query(query, 0).send);
  requestor.finish(0);
  for (const m of up.deliver(1 << 20)) {
    for (const e of server.receive(m, 0).events) {
      if (e.type !== "bulk-query") continue;
      const since = findDhcpv4Option(e.query, 154)?.queryStartTime ?? 0;
      const until = findDhcpv4Option(e.query, 155)?.queryEndTime ?? changes.now;
      down.send(server.respond(e.xid, changes.between(since, until), 0).send);
    }
  }
  server.endOfInput(0);
  while (!finished) {
    if (server.wantsToSend) down.send(server.pull(0).send);
    for (const m of down.deliver(Math.floor(random() * 50_000))) {
      for (const e of requestor.receive(m, 0).events) {
        if (e.type === "binding") {
          run.got.push(key(e.message));
          recovered++;
        }
        if (e.type === "close") finished = true;
      }
    }
  }
  return recovered;
}
