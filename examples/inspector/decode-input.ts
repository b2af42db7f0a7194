/**
 * What the inspector shows for some bytes: a tree, the decode errors and
 * the rule diagnostics, for a DHCPv6 message, a DHCPv4 message, a framed
 * stream or a capture. Pure: no DOM, so the tests can run it in Node too.
 * @module
 */

import { detectCaptureFormat } from "../../src/capture/index.js";
import {
  type DecodeOptions,
  type Diagnostic,
  decode,
  decodeDhcpv4,
  dhcpv4MessageTypeName,
  dhcpv4MessageTypeOf,
  FRAME_HEADER_SIZE,
  FrameDecoder,
  indexSegment,
  inspectDhcpv4,
  inspectMessage,
  isDecodeError,
  joinPath,
  messageTypeName,
  type ValidateContext,
  validate,
} from "../../src/index.js";
import { friendlyTree } from "../../src/inspect/friendly.js";
import { hasDhcpv4Cookie, OPTIONS_AT } from "../../src/v4/layout.js";
import { partialTree } from "./partial-tree.js";
import { fromTreeNode, node, type ViewNode } from "./view-tree.js";

export { HexInputError, parseHexInput } from "./hex-input.js";

/** How to read the bytes: `auto` guesses (see {@link sniffFormat}). */
export type InputFormat = "auto" | "dhcpv6" | "dhcpv4" | "stream";

/** A format once decided. */
export type ResolvedFormat = "dhcpv6" | "dhcpv4" | "stream" | "capture";

/** A decode error, placed in the bytes shown. */
export interface Problem {
  /** The DecodeError code (`truncated`, `length-mismatch`, ...). */
  readonly code: string;
  /** The offending byte, from the start of the bytes shown (may equal their length: the end). */
  readonly offset: number;
  /** Where in the structure; `""` at the top. */
  readonly path: string;
  /** The explanation without path and offset. */
  readonly reason: string;
  /** Where the DHCP message starts in the bytes shown, when they are a captured frame (offsets in the message are `offset - base`). */
  readonly base?: number;
}

/** A diagnostic, with its path in the tree shown (a stream frame's is prefixed). */
export interface PlacedDiagnostic extends Diagnostic {
  /** The path of the node to select for it. */
  readonly treePath: string;
}

/** Everything the inspector shows for one input. */
export interface DecodedView {
  readonly format: Exclude<ResolvedFormat, "capture">;
  /** The bytes the hex view shows; tree offsets count from their start. */
  readonly bytes: Uint8Array;
  /** The tree, or undefined when nothing decoded. */
  readonly tree: ViewNode | undefined;
  readonly errors: readonly Problem[];
  readonly diagnostics: readonly PlacedDiagnostic[];
  /** One line: what was decoded. */
  readonly summary: string;
}

/** Options of {@link decodeView}. */
export interface ViewOptions {
  /** Keep declared options whose body does not decode as raw bytes (`keepMalformedOptions`). */
  readonly lenient?: boolean;
  /**
   * Reject DHCPv4 header anomalies, as the library does by default.
   * Without it a header anomaly (ISC dhcpd's hlen 255) is kept and shown
   * on its field (`lenientHeader`). A message that does not decode is
   * shown with `LENIENT_DECODE_OPTIONS`' tree (see partial-tree.ts).
   */
  readonly strict?: boolean;
  /** Passed to `validate` for DHCPv6 messages. */
  readonly exchange?: ValidateContext["exchange"];
}

/**
 * Option 53 of a DHCPv4 message, found by walking its option area without
 * decoding the message (RFC 2132 §9.6): to name a message that does not
 * decode, or one of 190,000 in a capture.
 * @param b - the message
 * @returns the DHCP message type, or undefined when there is none
 */
export function dhcpv4TypeOf(b: Uint8Array): number | undefined {
  for (let p = OPTIONS_AT; p + 1 < b.length; ) {
    const code = b[p] as number;
    if (code === 255) return undefined;
    if (code === 0) {
      p++;
      continue;
    }
    if (code === 53) return b[p + 2];
    p += 2 + (b[p + 1] as number);
  }
  return undefined;
}

/** True when the bytes look like a DHCPv4 message: BOOTP op 1 or 2 and the magic cookie at 236. */
export function looksLikeDhcpv4(b: Uint8Array): boolean {
  return (b[0] === 1 || b[0] === 2) && hasDhcpv4Cookie(b);
}

/** The `[start, length]` of each whole frame from the start, and the error that stopped the walk, if any. */
function framesOf(b: Uint8Array): { frames: [number, number][]; error: unknown } {
  const frames: [number, number][] = [];
  const d = new FrameDecoder();
  let at = 0;
  try {
    // push returns the good frames before a bad one; end() then throws its error (or truncated).
    for (const f of d.push(b)) {
      frames.push([at, f.length]);
      at += FRAME_HEADER_SIZE + f.length;
    }
    d.end();
  } catch (e) {
    return { frames, error: e };
  }
  return { frames, error: undefined };
}

/**
 * Guesses how to read some bytes: a capture by its magic number, a DHCPv4
 * message by its magic cookie, a stream when 2-byte sizes tile the whole
 * input exactly (a DHCPv6 message almost never does), else DHCPv6.
 * @param b - the bytes
 * @returns the format
 */
export function sniffFormat(b: Uint8Array): ResolvedFormat {
  if (detectCaptureFormat(b) !== undefined) return "capture";
  if (looksLikeDhcpv4(b)) return "dhcpv4";
  const { frames, error } = framesOf(b);
  if (frames.length > 0 && error === undefined) return "stream";
  return "dhcpv6";
}

function problemOf(e: unknown, shift = 0, pathPrefix = ""): Problem {
  if (isDecodeError(e)) {
    return { code: e.code, offset: e.offset + shift, path: joinPath(pathPrefix, e.path), reason: e.reason };
  }
  // Anything else escaping a decoder is a library bug; show it rather than hide it.
  return { code: "internal-error", offset: shift, path: pathPrefix, reason: String(e) };
}

/** What {@link decodeMessage} gives. */
export interface MessageResult {
  /** The tree: the whole message, or as much as could be read when it does not decode. */
  readonly tree: ViewNode | undefined;
  readonly errors: Problem[];
  readonly diagnostics: PlacedDiagnostic[];
  readonly name: string;
}

/** The tree shown for a message that does not decode: as much as could be read, and the error. */
function failed(
  e: unknown,
  b: Uint8Array,
  kind: "dhcpv6" | "dhcpv4",
  name: string,
  shift: number,
  pathPrefix: string,
  base: number | undefined,
): MessageResult {
  const p = problemOf(e, shift, pathPrefix);
  const problem = base === undefined ? p : { ...p, base };
  const { tree } = partialTree(b, kind, p.offset - shift, p.code, name);
  return { tree: fromTreeNode(friendlyTree(tree), shift, pathPrefix), errors: [problem], diagnostics: [], name };
}

/**
 * Decodes one message found at `shift` in the bytes shown.
 * @param b - the message
 * @param kind - DHCPv6 or DHCPv4
 * @param opts - lenient or strict decoding and the validation context
 * @param shift - where the message starts in the bytes shown
 * @param pathPrefix - put in front of every path (a stream's frame)
 * @param base - set on the errors when the bytes shown are a captured frame (see {@link Problem.base})
 * @returns its tree, errors and diagnostics
 */
export function decodeMessage(
  b: Uint8Array,
  kind: "dhcpv6" | "dhcpv4",
  opts: ViewOptions,
  shift: number,
  pathPrefix: string,
  base?: number,
): MessageResult {
  const options: DecodeOptions = { keepMalformedOptions: opts.lenient === true, lenientHeader: opts.strict !== true };
  if (kind === "dhcpv4") {
    try {
      const m = decodeDhcpv4(b, options);
      const t = dhcpv4MessageTypeOf(m);
      const name =
        t === undefined
          ? "DHCPv4 message (no type)"
          : dhcpv4MessageTypeName(t) === undefined
            ? `DHCPv4 message type ${t}`
            : `${dhcpv4MessageTypeName(t)} (${t})`;
      const tree = fromTreeNode(friendlyTree(inspectDhcpv4(m, { label: name })), shift, pathPrefix);
      return { tree, errors: [], diagnostics: [], name };
    } catch (e) {
      const t = dhcpv4TypeOf(b);
      const name = t === undefined ? "DHCPv4 message" : `${dhcpv4MessageTypeName(t) ?? "DHCPv4 message type"} (${t})`;
      return failed(e, b, kind, name, shift, pathPrefix, base);
    }
  }
  try {
    const m = decode(b, options);
    const context: ValidateContext = opts.exchange === undefined ? {} : { exchange: opts.exchange };
    // inspectMessage expands a DHCPv4 message inside DHCPV4_MSG itself.
    const tree = fromTreeNode(friendlyTree(inspectMessage(m)), shift, pathPrefix);
    const diagnostics = validate(m, context).map((d) => ({ ...d, treePath: joinPath(pathPrefix, d.path) }));
    return { tree, errors: [], diagnostics, name: tree.label };
  } catch (e) {
    const t = b[0];
    const name = t === undefined ? "DHCPv6 message" : `${messageTypeName(t) ?? "message type"} (${t})`;
    return failed(e, b, kind, name, shift, pathPrefix, base);
  }
}

/**
 * Decodes bytes as the inspector shows them.
 * @param bytes - the input
 * @param format - how to read them (`auto` never gives `capture` here; call {@link sniffFormat} first)
 * @param opts - lenient or strict decoding and the validation context
 * @returns the tree, errors and diagnostics
 */
export function decodeView(bytes: Uint8Array, format: InputFormat, opts: ViewOptions = {}): DecodedView {
  let resolved = format === "auto" ? sniffFormat(bytes) : format;
  if (resolved === "capture") resolved = "dhcpv6";
  if (resolved !== "stream") {
    const r = decodeMessage(bytes, resolved, opts, 0, "");
    const what = resolved === "dhcpv4" ? "DHCPv4" : "DHCPv6";
    const summary = r.tree
      ? `${r.name}: ${bytes.length} bytes decoded as a ${what} message`
      : `${bytes.length} bytes do not decode as a ${what} message`;
    return { format: resolved, bytes, tree: r.tree, errors: r.errors, diagnostics: r.diagnostics, summary };
  }
  return decodeStream(bytes, opts);
}

/** How many frames of a stream are decoded and put in the tree. */
export const MAX_TREE_FRAMES = 1000;

function decodeStream(bytes: Uint8Array, opts: ViewOptions): DecodedView {
  const errors: Problem[] = [];
  const diagnostics: PlacedDiagnostic[] = [];
  const { frames, error } = framesOf(bytes);
  if (error !== undefined) errors.push(problemOf(error));
  // A stream carries one protocol; a DHCPv4 Bulk Leasequery stream is told by its first message.
  const first = frames[0];
  const kind = first && looksLikeDhcpv4(bytes.subarray(first[0] + 2, first[0] + 2 + first[1])) ? "dhcpv4" : "dhcpv6";
  // The tree view is not virtualised: a stream of 170,000 frames shows its first ones only.
  const shownFrames = frames.slice(0, MAX_TREE_FRAMES);
  const children = shownFrames.map(([at, n], i) => {
    const path = joinPath("frames", indexSegment(i));
    const r = decodeMessage(bytes.subarray(at + 2, at + 2 + n), kind, opts, at + 2, path);
    errors.push(...r.errors);
    diagnostics.push(...r.diagnostics);
    const size = node("size", at, 2, path, { value: `${n} octets`, rfc: "RFC 5460 §5.1" });
    const body =
      r.tree ??
      node("message (does not decode)", at + 2, n, path, {
        value: r.errors.map((x) => `${x.code} at byte ${x.offset}`).join("; "),
      });
    return node(`frame ${i}`, at, 2 + n, path, { value: r.name, children: [size, body] });
  });
  const last = shownFrames.at(-1);
  const rest = last === undefined ? 0 : last[0] + 2 + last[1];
  if (frames.length > shownFrames.length) {
    const more = `${frames.length - shownFrames.length} more frame(s), not decoded here`;
    children.push(node("frames not shown", rest, bytes.length - rest, "", { value: more }));
  }
  const tree = node("framed stream", 0, bytes.length, "", { value: `${frames.length} frame(s)`, children });
  const cut = frames.length > shownFrames.length ? ` (the first ${shownFrames.length} decoded)` : "";
  const summary = `${frames.length} frame(s)${cut} in ${bytes.length} bytes of a framed ${kind === "dhcpv4" ? "DHCPv4" : "DHCPv6"} stream`;
  return { format: "stream", bytes, tree, errors, diagnostics, summary };
}
