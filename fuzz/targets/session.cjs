"use strict";
/**
 * Fuzz target: the sans-I/O sessions (`BulkRequestor`, `ActiveRequestor`,
 * `ServerSession`) fed the messages decoded from a framed stream.
 *
 * The input is a byte stream; its messages (decoded leniently, up to the
 * first bad frame) are fed to each session in turn, with a clock that moves
 * by amounts drawn from the input's hash (past the timers now and then) and
 * protocol-correct calls from the application side (queries matching the
 * stream's transaction-ids, accepting, refusing, answering with the
 * stream's own CLIENT_DATA as bindings). Checks:
 * - no session call made according to its documentation throws;
 * - every output has `send` and `events` arrays and a finite or undefined
 *   deadline; a `close` event comes last and leaves the session closed,
 *   with no deadline; a closed session sends nothing and reports nothing;
 * - every message a session sends (and every recovery query it proposes)
 *   encodes, and the encoding decodes;
 * - a Bulk query completes at most once; an Active requestor's saved base
 *   time never goes backwards;
 * - after sessions have closed on bad input, a fresh session still runs a
 *   clean exchange.
 */
const { attempt, expect, expectEqual, inputRandom, mustNotThrow } = require("./support/contract.cjs");
const { lazyFuzz } = require("./support/library.cjs");

const NAME = "session";
const NEEDS = [
  "MessageDecoder",
  "BulkRequestor",
  "ActiveRequestor",
  "ServerSession",
  "leasequeryByLinkAddress",
  "buildActiveLeasequery",
  "buildLeasequeryReply",
  "buildLeasequeryDone",
  "encode",
  "decode",
  "isDecodeError",
];
/** Unix milliseconds in 2023: the server's default base time reads `now` as such a clock. */
const T0 = 1_700_000_000_000;
const MAX_MESSAGES = 64;
const QUERY_BY_LINK_ADDRESS = 4;
const LENIENT = { keepMalformedOptions: true };

/**
 * @param {any} lib
 * @returns {(data: Uint8Array) => void}
 */
function make(lib) {
  /**
   * Checks one session output.
   * @param {any} session
   * @param {any} out
   * @param {boolean} closedBefore
   * @param {string} what
   */
  function checkOutput(session, out, closedBefore, what) {
    expect(
      typeof out === "object" && out !== null && Array.isArray(out.send) && Array.isArray(out.events),
      `${what} returned no { send, events }`,
    );
    expect(out.deadline === undefined || Number.isFinite(out.deadline), `${what} returned deadline ${out.deadline}`);
    const close = out.events.findIndex((/** @type {any} */ e) => e.type === "close");
    if (close >= 0) expect(close === out.events.length - 1, `${what}: the close event is not the last`);
    if (close >= 0 || session.closed) {
      expect(session.closed, `${what} reported close but the session is open`);
      expect(
        out.deadline === undefined && session.deadline === undefined,
        `${what}: a closed session keeps a deadline`,
      );
    }
    if (closedBefore) {
      expect(
        out.events.length === 0,
        `${what}: a closed session reported ${out.events.map((/** @type {any} */ e) => e.type).join(", ")}`,
      );
    }
    for (const m of out.send) sendable(m, `a message sent by ${what}`);
    for (const e of out.events) {
      // A binding is a CLIENT_DATA, a DHCP4o6 DHCPv4 message (DHCPLEASEACTIVE / -UNASSIGNED), or both.
      if (e.type === "binding") {
        const v4 = e.dhcpv4 === undefined || (typeof e.dhcpv4 === "object" && Array.isArray(e.dhcpv4.options));
        const cd = e.clientData === undefined || e.clientData.code === 45;
        expect(
          v4 && cd && (e.clientData !== undefined || e.dhcpv4 !== undefined),
          `${what}: a binding event with neither a CLIENT_DATA nor a DHCPv4 binding`,
        );
      }
      if (e.type === "data-missing" && e.recoveryQuery !== undefined)
        sendable(e.recoveryQuery, `the recovery query of ${what}`);
    }
    return out;
  }

  /**
   * @param {unknown} m
   * @param {string} what
   */
  function sendable(m, what) {
    const bytes = mustNotThrow(() => lib.encode(m), `encode of ${what}`);
    // Leniently: bindings taken from the stream may hold options kept raw as malformed.
    const back = attempt(lib, () => lib.decode(bytes, LENIENT), bytes.length, `decode of ${what}`);
    expect(back.ok, `${what} encodes to bytes that do not decode: ${back.ok ? "" : back.error.message}`);
  }

  /**
   * Runs `fn` on `session` and checks its output.
   * @param {any} session
   * @param {string} what
   * @param {() => any} fn
   */
  function call(session, what, fn) {
    const closedBefore = session.closed;
    return checkOutput(session, mustNotThrow(fn, what), closedBefore, what);
  }

  /** A clean Bulk exchange on a fresh session: the sessions keep no state between connections. */
  function stillWorks() {
    const r = new lib.BulkRequestor();
    call(r, "BulkRequestor.query on a fresh session", () =>
      r.query(lib.leasequeryByLinkAddress("2001:db8::", { transactionId: 2 }), T0),
    );
    const cd = [{ code: 46, cltTime: 5 }];
    const types = [
      lib.buildLeasequeryReply({ transactionId: 2 }, cd),
      lib.buildLeasequeryDone({ transactionId: 2 }),
    ].flatMap((m) =>
      call(r, "BulkRequestor.receive on a fresh session", () => r.receive(m, T0 + 1)).events.map(
        (/** @type {any} */ e) => e.type,
      ),
    );
    expectEqual(types, ["reply", "binding", "query-complete"], "a clean exchange on a fresh BulkRequestor");
  }

  /**
   * @param {any[]} messages
   * @param {() => number} rand
   */
  function bulkRequestor(messages, rand) {
    const r = new lib.BulkRequestor();
    let now = T0;
    /** @type {number[]} */
    const ids = [];
    for (const m of messages) {
      if (typeof m.transactionId === "number" && !ids.includes(m.transactionId) && ids.length < 3)
        ids.push(m.transactionId);
    }
    if (ids.length === 0) ids.push(rand() & 0xffffff);
    for (const id of ids) {
      call(r, "BulkRequestor.query", () =>
        r.query(lib.leasequeryByLinkAddress("2001:db8::", { transactionId: id }), now),
      );
    }
    const completed = new Set();
    for (const m of messages) {
      now += rand() % 16 === 0 ? 40_000 : rand() % 5000;
      if (r.deadline !== undefined && now >= r.deadline && rand() % 2 === 0)
        call(r, "BulkRequestor.timeout", () => r.timeout(now));
      const pending = r.pending;
      const out = call(r, "BulkRequestor.receive", () => r.receive(m, now));
      for (const e of out.events) {
        if (e.type !== "query-complete") continue;
        expect(
          pending.includes(e.transactionId) && !completed.has(e.transactionId),
          `query ${e.transactionId} completed twice or unasked`,
        );
        completed.add(e.transactionId);
        expect(!r.pending.includes(e.transactionId), `query ${e.transactionId} completed but is still pending`);
      }
    }
    const wasClosed = r.closed;
    const out = call(r, "BulkRequestor.connectionLost", () => r.connectionLost());
    if (!wasClosed) expect(out.events.at(-1)?.type === "close" && r.closed, "connectionLost did not close the session");
    return r.closed && wasClosed;
  }

  /**
   * @param {any[]} messages
   * @param {() => number} rand
   */
  function activeRequestor(messages, rand) {
    const a = new lib.ActiveRequestor(rand() % 2 === 0 ? {} : { baseTime: rand() });
    let now = T0;
    const first = messages.find((m) => typeof m.transactionId === "number");
    const id = first === undefined ? rand() & 0xffffff : first.transactionId;
    const query = lib.buildActiveLeasequery(
      { queryType: QUERY_BY_LINK_ADDRESS, linkAddress: "2001:db8::" },
      rand() % 2 === 0 ? { transactionId: id } : { transactionId: id, queryStartTime: rand() },
    );
    let started = false;
    if (rand() % 4 === 0) call(a, "ActiveRequestor.startTls", () => a.startTls(id, now));
    else {
      call(a, "ActiveRequestor.start", () => a.start(query, now));
      started = true;
    }
    for (const m of messages) {
      now += rand() % 16 === 0 ? 200_000 : rand() % 50_000;
      if (a.deadline !== undefined && now >= a.deadline && rand() % 2 === 0)
        call(a, "ActiveRequestor.timeout", () => a.timeout(now));
      const before = a.baseTime;
      const out = call(a, "ActiveRequestor.receive", () => a.receive(m, now));
      if (before !== undefined) {
        expect(
          a.baseTime !== undefined && a.baseTime >= before,
          `the saved base time went from ${before} to ${a.baseTime}`,
        );
      }
      if (!started && !a.closed && out.events.some((/** @type {any} */ e) => e.type === "tls-accepted")) {
        call(a, "ActiveRequestor.start after STARTTLS", () => a.start(query, now));
        started = true;
      }
    }
    const wasClosed = a.closed;
    call(a, "ActiveRequestor.connectionLost", () => a.connectionLost());
    expect(a.closed, "connectionLost did not close the ActiveRequestor");
    return wasClosed;
  }

  /**
   * @param {any[]} messages
   * @param {() => number} rand
   */
  function server(messages, rand) {
    const s = new lib.ServerSession({
      activeLeasequery: rand() % 4 !== 0,
      tls: rand() % 2 === 0 ? "accept" : "refuse",
      ...(rand() % 2 === 0
        ? {}
        : { serverId: { duidType: 3, hardwareType: 1, linkLayerAddress: Uint8Array.of(0, 0, 0x5e, 0, 0x53, 1) } }),
    });
    /** @type {any[][]} */
    const bindings = [];
    for (const m of messages) {
      for (const o of m.options ?? [])
        if (o.code === 45 && Array.isArray(o.options) && bindings.length < 8) bindings.push(o.options);
    }
    const some = () => bindings.slice(0, rand() % (bindings.length + 1));
    /** Bindings of the kind the query takes: a DHCP4o6 query (OPTION_DHCPV4_MSG) takes { dhcpv4, related }. */
    // The server answers in DHCP4o6 form when the query's OPTION_DHCPV4_MSG
    // holds a decoded DHCPv4 message (a malformed one, kept raw, does not count).
    const someFor = (/** @type {any} */ query) =>
      query !== undefined && lib.dhcp4o6MessageOf(query) !== undefined
        ? some().map((related) => ({ dhcpv4: lib.buildDhcpv4LeaseActive({ xid: 0, address: "192.0.2.1" }), related }))
        : some();
    /** @type {Map<number, any>} */
    const queries = new Map();
    let now = T0;
    /** @type {number[]} */
    const pending = [];
    /** @type {number | undefined} */
    let waiting;
    let accepted = false;
    for (const m of messages) {
      now += rand() % 16 === 0 ? 90_000 : rand() % 20_000;
      if (s.deadline !== undefined && now >= s.deadline && rand() % 2 === 0)
        call(s, "ServerSession.timeout", () => s.timeout(now));
      const out = call(s, "ServerSession.receive", () => s.receive(m, now));
      for (const e of out.events) {
        if (e.type === "bulk-query") pending.push(e.transactionId);
        if (e.type === "active-query") waiting = e.transactionId;
        if (e.type === "bulk-query" || e.type === "active-query") queries.set(e.transactionId, e.query);
      }
      if (s.closed) break;
      const id = pending.shift();
      if (id !== undefined) {
        if (rand() % 3 === 0) call(s, "ServerSession.refuse (bulk)", () => s.refuse(id, rand() % 16, now, "no"));
        else call(s, "ServerSession.respondBulk", () => s.respondBulk(id, someFor(queries.get(id)), now));
      }
      if (waiting !== undefined && !accepted && !s.closed) {
        const w = waiting;
        if (rand() % 4 === 0) call(s, "ServerSession.refuse (active)", () => s.refuse(w, rand() % 16, now));
        else {
          call(s, "ServerSession.acceptActive", () => s.acceptActive(now, { dataMissing: rand() % 4 === 0 }));
          accepted = true;
        }
      }
      if (accepted && !s.closed) {
        if (rand() % 2 === 0) {
          const q = queries.get(/** @type {number} */ (waiting));
          call(s, "ServerSession.sendBindings", () => s.sendBindings(someFor(q), now));
        }
        if (s.catchingUp && rand() % 3 === 0) {
          if (rand() % 2 === 0) call(s, "ServerSession.catchUpComplete", () => s.catchUpComplete(now));
          else call(s, "ServerSession.dataMissing", () => s.dataMissing(now));
        }
      }
    }
    const wasClosed = s.closed;
    if (rand() % 2 === 0) call(s, "ServerSession.shutdown", () => s.shutdown(now + 1));
    else call(s, "ServerSession.connectionLost", () => s.connectionLost());
    expect(s.closed, "shutdown/connectionLost did not close the ServerSession");
    return wasClosed;
  }

  return (data) => {
    const rand = inputRandom(data);
    const decoder = new lib.MessageDecoder(LENIENT);
    /** @type {any[]} */
    let messages = [];
    const r = attempt(lib, () => decoder.push(data), data.length, "MessageDecoder.push");
    if (r.ok) messages = r.value.slice(0, MAX_MESSAGES);
    else return;
    if (messages.length === 0) return;
    const closedOnInput = [bulkRequestor(messages, rand), activeRequestor(messages, rand), server(messages, rand)];
    if (closedOnInput.some(Boolean)) stillWorks();
  };
}

module.exports.name = NAME;
module.exports.input = "dhcpv6-stream";
module.exports.needs = NEEDS;
module.exports.make = make;
module.exports.fuzz = lazyFuzz(NAME, NEEDS, make);
