/**
 * What the inspector lists for a capture: its DHCP messages (named from
 * their first bytes, without decoding them all), request/reply pairs, a
 * filter, and the view of one message inside its captured frame. Pure: no
 * DOM.
 * @module
 */
import {
  type CaptureDiagnostic,
  type CapturePacket,
  capturePackets,
  DhcpTrafficExtractor,
  detectCaptureFormat,
} from "../../src/capture/index.js";
import { dhcpv4MessageTypeName, messageTypeName } from "../../src/index.js";
import { dhcpv4Field, OPTIONS_AT } from "../../src/v4/layout.js";
import { type DecodedView, decodeMessage, dhcpv4TypeOf, type Problem, type ViewOptions } from "./decode-input.js";
import { node } from "./view-tree.js";

/** One DHCP message found in a capture. */
export interface CaptureEntry {
  readonly index: number;
  readonly kind: "dhcpv6" | "dhcpv4";
  readonly transport: "udp" | "tcp";
  /** `address:port → address:port`. */
  readonly flow: string;
  readonly packetIndex: number;
  /** Seconds since the epoch, when the capture has timestamps. */
  readonly time: number | undefined;
  /** The message type, as far as the first bytes tell. */
  readonly name: string;
  /** The transaction id (DHCPv6: 24 bits; DHCPv4: xid), when the message has one. */
  readonly xid: number | undefined;
  /** Whether the message asks or answers (DHCPv4: its op; DHCPv6: its type). */
  readonly role: "request" | "reply" | undefined;
  /** The index of its request or first reply, once paired. */
  pair: number | undefined;
  /** The message bytes: a view of the capture, or a copy when reassembled. */
  readonly payload: Uint8Array;
  /** The captured frame that carried the message, when the message lies whole inside it (UDP). */
  readonly frame: Uint8Array | undefined;
  /** Where the message starts in `frame`. */
  readonly payloadOffset: number;
}

/** What a capture holds. */
export interface CaptureView {
  readonly format: string;
  readonly messages: readonly CaptureEntry[];
  readonly notes: readonly CaptureDiagnostic[];
  /** Set when the file itself is malformed; messages before the fault are kept. */
  readonly error: Problem | undefined;
}

const endpoint = (e: { address: string; port: number }): string =>
  e.address.includes(":") ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;

/** DHCPv6 types that answer (RFC 8415 §7.3, RFC 5007, RFC 5460): ADVERTISE, REPLY, LEASEQUERY-REPLY, -DONE, -DATA. */
const V6_REPLIES = new Set([2, 7, 15, 16, 17]);
/** RELAY-FORW and RELAY-REPL have no transaction id (RFC 8415 §9). */
const V6_RELAYS = new Set([12, 13]);
/** Where a DHCPv4 message's xid lies (RFC 2131 §2). */
const XID_AT = dhcpv4Field("xid").at;

/** Name, xid and role from the first bytes: listing 190,000 messages must not decode them all. */
function describe(kind: "dhcpv6" | "dhcpv4", b: Uint8Array): Pick<CaptureEntry, "name" | "xid" | "role"> {
  if (kind === "dhcpv6") {
    const t = b[0];
    if (t === undefined) return { name: "(empty)", xid: undefined, role: undefined };
    const name = `${messageTypeName(t) ?? "message type"} (${t})`;
    if (V6_RELAYS.has(t) || b.length < 4) return { name, xid: undefined, role: undefined };
    const xid = ((b[1] as number) << 16) | ((b[2] as number) << 8) | (b[3] as number);
    return { name, xid, role: V6_REPLIES.has(t) ? "reply" : "request" };
  }
  if (b.length < OPTIONS_AT) return { name: "DHCPv4 (short)", xid: undefined, role: undefined };
  const t = dhcpv4TypeOf(b);
  const name =
    t === undefined
      ? "BOOTP (no type)"
      : dhcpv4MessageTypeName(t) === undefined
        ? `DHCPv4 message type ${t}`
        : `${dhcpv4MessageTypeName(t)} (${t})`;
  const x = XID_AT;
  const xid =
    (((b[x] as number) << 24) | ((b[x + 1] as number) << 16) | ((b[x + 2] as number) << 8) | (b[x + 3] as number)) >>>
    0;
  return { name, xid, role: b[0] === 1 ? "request" : b[0] === 2 ? "reply" : undefined };
}

/** Pairs each reply with the latest request of the same xid between the same two endpoints. */
function pairUp(messages: CaptureEntry[], ends: readonly string[]): void {
  const open = new Map<string, number>();
  for (const m of messages) {
    if (m.xid === undefined || m.role === undefined) continue;
    const key = `${m.kind} ${m.xid} ${ends[m.index]}`;
    if (m.role === "request") open.set(key, m.index);
    else {
      const q = open.get(key);
      if (q === undefined) continue;
      m.pair = q;
      const request = messages[q] as CaptureEntry;
      if (request.pair === undefined) request.pair = m.index;
    }
  }
}

/** The place of `part` in `whole` when it is a view of the same bytes, else undefined. */
function within(whole: Uint8Array, part: Uint8Array): number | undefined {
  if (part.buffer !== whole.buffer) return undefined;
  const at = part.byteOffset - whole.byteOffset;
  return at >= 0 && at + part.length <= whole.length ? at : undefined;
}

/**
 * Lists the DHCP messages of a pcap or pcapng file.
 * @param bytes - the capture file
 * @returns its messages, the reader's notes and any fault of the file itself
 */
export function readCaptureView(bytes: Uint8Array): CaptureView {
  const messages: CaptureEntry[] = [];
  const ends: string[] = [];
  const notes: CaptureDiagnostic[] = [];
  let error: Problem | undefined;
  const extractor = new DhcpTrafficExtractor();
  const take = (events: ReturnType<DhcpTrafficExtractor["packet"]>, packet: CapturePacket | undefined): void => {
    for (const ev of events) {
      if (ev.type === "diagnostic") notes.push(ev);
      if (ev.type !== "message") continue;
      const at = packet ? within(packet.data, ev.payload) : undefined;
      const [a, b] = [endpoint(ev.src), endpoint(ev.dst)];
      ends.push(a < b ? `${a} ${b}` : `${b} ${a}`);
      messages.push({
        index: messages.length,
        kind: ev.kind,
        transport: ev.transport,
        flow: `${a} → ${b}`,
        packetIndex: ev.packetIndex,
        time: ev.timestamp ? ev.timestamp.seconds + ev.timestamp.nanoseconds / 1e9 : undefined,
        ...describe(ev.kind, ev.payload),
        pair: undefined,
        // A reassembled payload may be a view of a buffer that is reused: keep a copy.
        payload: at === undefined ? ev.payload.slice() : ev.payload,
        frame: at === undefined ? undefined : packet?.data,
        payloadOffset: at ?? 0,
      });
    }
  };
  try {
    for (const p of capturePackets(bytes)) take(extractor.packet(p), p);
    take(extractor.finish(), undefined);
  } catch (e) {
    const d = e as { code?: string; offset?: number; path?: string; reason?: string; message?: string };
    error = {
      code: d.code ?? "internal-error",
      offset: d.offset ?? 0,
      path: d.path ?? "",
      reason: d.reason ?? String(d.message ?? e),
    };
  }
  pairUp(messages, ends);
  return { format: detectCaptureFormat(bytes) ?? "unknown", messages, notes, error };
}

/** The text a filter term is looked for in: name, `xid=0x…`, flow, lower case. */
function haystack(m: CaptureEntry): string {
  const xid = m.xid === undefined ? "" : ` xid=0x${m.xid.toString(16).padStart(m.kind === "dhcpv6" ? 6 : 8, "0")}`;
  return `${m.name}${xid} ${m.kind} ${m.transport} ${m.flow}`.toLowerCase();
}

/**
 * The messages a filter keeps: every whitespace-separated term must occur
 * in the message's type name, `xid=0x…` (a term `0x0a0001` or `0a0001`
 * finds the xid), kind, transport or flow. Case does not matter.
 * @param messages - a capture's messages
 * @param filter - the filter text (empty keeps all)
 * @returns the indexes of the messages kept, in order
 */
export function filterMessages(messages: readonly CaptureEntry[], filter: string): number[] {
  const terms = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const out: number[] = [];
  for (const m of messages) {
    if (terms.length === 0) {
      out.push(m.index);
      continue;
    }
    const h = haystack(m);
    if (terms.every((t) => h.includes(t))) out.push(m.index);
  }
  return out;
}

/**
 * One message as the inspector shows it: inside its captured frame (the
 * link, IP and UDP headers first) when it lies whole in one, else alone.
 * @param m - the message
 * @param opts - lenient or strict decoding and the validation context
 * @returns the view; error offsets count from the frame's start, with `base` where the message starts
 */
export function decodeCaptureEntry(m: CaptureEntry, opts: ViewOptions): DecodedView {
  const frame = m.frame;
  const at = m.payloadOffset;
  const r = decodeMessage(m.payload, m.kind, opts, frame ? at : 0, "", frame ? at : undefined);
  const what = m.kind === "dhcpv4" ? "DHCPv4" : "DHCPv6";
  const summary = `${r.name}: ${m.payload.length} bytes${r.errors.length > 0 ? " do not decode" : " decoded"} as a ${what} message`;
  if (frame === undefined) {
    return { format: m.kind, bytes: m.payload, tree: r.tree, errors: r.errors, diagnostics: r.diagnostics, summary };
  }
  // Over TCP the bytes before the message also hold its 2-byte size, and maybe earlier messages of the stream.
  const before = m.transport === "udp" ? "link, IP and UDP headers" : "before the message: headers and stream bytes";
  const headers = node(before, 0, at, "", { value: `${at} bytes` });
  const children = r.tree ? [headers, r.tree] : [headers];
  const tree = node(`frame ${m.packetIndex + 1}`, 0, frame.length, "", {
    value: `${frame.length} bytes captured, the ${what} message at byte ${at}`,
    children,
  });
  return { format: m.kind, bytes: frame, tree, errors: r.errors, diagnostics: r.diagnostics, summary };
}
