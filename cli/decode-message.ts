/**
 * One found message decoded, inspected and checked: its tree, its
 * `validate` diagnostics (against its query when the input holds it), or
 * the DecodeError that stopped it.
 * @module
 */
import {
  type ClientServerMessage,
  DecodeError,
  type Dhcpv4HeaderAnomaly,
  type Dhcpv4Message,
  type Dhcpv6Message,
  type Diagnostic,
  decode,
  decodeDhcpv4,
  inspectDhcpv4,
  inspectMessage,
  MESSAGE_TYPE,
  type TreeNode,
  validate,
} from "../src/index.js";
import { friendlyTree } from "../src/inspect/friendly.js";
import { cliDecodeOptions } from "./decode-options.js";
import { type FoundMessage, isDhcpv4 } from "./found.js";

/** A message that decoded. */
export interface Decoded {
  readonly type: "decoded";
  readonly found: FoundMessage;
  readonly kind: "dhcpv4" | "dhcpv6";
  readonly message: Dhcpv6Message | Dhcpv4Message;
  /** Its inspection tree, with friendlier values (the library's friendlyTree). */
  readonly tree: TreeNode;
  readonly diagnostics: readonly Diagnostic[];
  /** The DHCPv4 header anomalies the lenient decode kept (what `--strict` rejects). */
  readonly anomalies: readonly Dhcpv4HeaderAnomaly[];
}

/** A message that did not. */
export interface Failed {
  readonly type: "failed";
  readonly found: FoundMessage;
  readonly kind: "dhcpv4" | "dhcpv6";
  readonly error: DecodeError;
}

/** How messages are decoded and checked. */
export interface DecodeSettings {
  /** Forced with --v4 / --v6. */
  readonly kind: "dhcpv4" | "dhcpv6" | undefined;
  /** Forced with --exchange. */
  readonly exchange: "udp" | "bulk" | "active" | undefined;
  /** Forced with --strict: the library's strict decode instead of the lenient one. */
  readonly strict: boolean;
}

const QUERIES = new Set<number>([MESSAGE_TYPE.LEASEQUERY, MESSAGE_TYPE.ACTIVELEASEQUERY]);
const REPLIES = new Set<number>([
  MESSAGE_TYPE.LEASEQUERY_REPLY,
  MESSAGE_TYPE.LEASEQUERY_DATA,
  MESSAGE_TYPE.LEASEQUERY_DONE,
]);
/** Queries remembered for pairing; the oldest are forgotten first, to keep memory bounded. */
const MAX_QUERIES = 4096;

/**
 * Decodes messages one after another, remembering queries so that a reply
 * on the same transport with the same transaction-id is checked against
 * its query.
 */
export class MessageDecoder {
  private readonly queries = new Map<string, Dhcpv6Message>();

  constructor(private readonly settings: DecodeSettings) {}

  /** Decodes, inspects and checks one message. */
  decode(found: FoundMessage): Decoded | Failed {
    const kind = this.settings.kind ?? found.kind ?? (isDhcpv4(found.bytes) ? "dhcpv4" : "dhcpv6");
    const options = cliDecodeOptions(this.settings.strict);
    try {
      if (kind === "dhcpv4") {
        const message = decodeDhcpv4(found.bytes, options);
        const tree = friendlyTree(inspectDhcpv4(message));
        const anomalies = message.headerAnomalies ?? [];
        return { type: "decoded", found, kind, message, tree, diagnostics: [], anomalies };
      }
      const message = decode(found.bytes, options);
      return {
        type: "decoded",
        found,
        kind,
        message,
        tree: friendlyTree(inspectMessage(message)),
        diagnostics: this.check(found, message),
        anomalies: [],
      };
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      return { type: "failed", found, kind, error: e };
    }
  }

  private check(found: FoundMessage, m: Dhcpv6Message): Diagnostic[] {
    // Only client-server messages are queries or replies, so only they have a transaction-id here.
    const key = `${found.streamKey}/${(m as ClientServerMessage).transactionId}`;
    const exchange = this.settings.exchange ?? found.exchange;
    if (QUERIES.has(m.msgType)) {
      this.queries.delete(key);
      this.queries.set(key, m);
      if (this.queries.size > MAX_QUERIES) this.queries.delete(this.queries.keys().next().value as string);
    }
    const query = REPLIES.has(m.msgType) ? this.queries.get(key) : undefined;
    return validate(m, { ...(exchange ? { exchange } : {}), ...(query ? { query } : {}) });
  }
}
