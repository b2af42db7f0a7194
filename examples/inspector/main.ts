/// <reference lib="dom" />
/**
 * The browser inspector: paste hex, drop or pick a capture or message
 * file, or choose a bundled sample; see the decoded tree (collapsible, with
 * RFC references), the bytes of the selected field in the hex view, decode
 * errors at their offsets and `validate` diagnostics. Everything runs in
 * the page; nothing is fetched.
 * @module
 */

import { detectCaptureFormat } from "../../src/capture/index.js";
import { toHex } from "../../src/index.js";
import { type CaptureView, decodeCaptureEntry, filterMessages, readCaptureView } from "./capture-view.js";
import {
  type DecodedView,
  decodeView,
  HexInputError,
  type InputFormat,
  parseHexInput,
  sniffFormat,
  type ViewOptions,
} from "./decode-input.js";
import { type HexView, renderHex } from "./hex-view.js";
import { type MessageList, renderMessageList } from "./message-list.js";
import { SAMPLES, type Sample } from "./samples.js";
import { renderTree, type TreeView } from "./tree-view.js";
import {
  type ByteRange,
  type IndexedTree,
  indexTree,
  nodeAtByte,
  nodeAtPath,
  rangesOf,
  type ViewNode,
} from "./view-tree.js";

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`index.html lacks #${id}`);
  return el as T;
};

const ui = {
  hex: $<HTMLTextAreaElement>("hex"),
  format: $<HTMLSelectElement>("format"),
  exchange: $<HTMLSelectElement>("exchange"),
  lenient: $<HTMLInputElement>("lenient"),
  strict: $<HTMLInputElement>("strict"),
  decode: $<HTMLButtonElement>("decode"),
  samples: $<HTMLSelectElement>("samples"),
  sampleCapture: $<HTMLButtonElement>("sample-capture"),
  file: $<HTMLInputElement>("file"),
  drop: $<HTMLElement>("drop"),
  status: $<HTMLElement>("status"),
  messages: $<HTMLElement>("messages"),
  messageList: $<HTMLOListElement>("message-list"),
  messageScroll: $<HTMLElement>("message-scroll"),
  messageSpacer: $<HTMLElement>("message-spacer"),
  messageCount: $<HTMLElement>("message-count"),
  filter: $<HTMLInputElement>("filter"),
  goPair: $<HTMLButtonElement>("go-pair"),
  captureNotes: $<HTMLUListElement>("capture-notes"),
  errors: $<HTMLElement>("errors"),
  errorList: $<HTMLUListElement>("error-list"),
  tree: $<HTMLElement>("tree"),
  expandAll: $<HTMLButtonElement>("expand-all"),
  collapseAll: $<HTMLButtonElement>("collapse-all"),
  diagnostics: $<HTMLUListElement>("diagnostics"),
  diagnosticsNone: $<HTMLElement>("diagnostics-none"),
  hexview: $<HTMLElement>("hexview"),
  selection: $<HTMLElement>("selection"),
  hover: $<HTMLElement>("hover"),
};

/** What is on screen. */
interface Shown {
  readonly view: DecodedView;
  readonly index: IndexedTree | undefined;
  readonly tree: TreeView | undefined;
  readonly hex: HexView;
}

let shown: Shown | undefined;

function setStatus(text: string, error = false): void {
  ui.status.textContent = text;
  ui.status.classList.toggle("error", error);
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = cls;
  e.textContent = text;
  return e;
}

function describeNode(n: ViewNode): string {
  const bytes = n.length === 0 ? `empty, at byte ${n.offset}` : `bytes ${n.offset}-${n.offset + n.length - 1}`;
  return `${n.path || "(message)"}: ${bytes}`;
}

function viewOptions(): ViewOptions {
  const exchange = ui.exchange.value;
  return {
    lenient: ui.lenient.checked,
    strict: ui.strict.checked,
    ...(exchange === "udp" || exchange === "bulk" || exchange === "active" ? { exchange } : {}),
  };
}

/** Shows one decoded input: hex view, tree, errors and diagnostics. */
function show(view: DecodedView): void {
  const index = view.tree ? indexTree(view.tree) : undefined;
  const hex = renderHex(ui.hexview, view.bytes, (offset, how) => {
    const n = index ? nodeAtByte(index, offset) : undefined;
    if (how === "hover") {
      ui.hover.textContent = `byte ${offset} (0x${offset.toString(16)})${n ? `: ${n.path || n.label}` : ""}`;
    } else if (n && tree) {
      tree.select(n, { scroll: true });
    }
  });
  let tree: TreeView | undefined;
  if (view.tree && index) {
    tree = renderTree(ui.tree, view.tree, "Decoded message", (n) => {
      hex.highlight(n ? rangesOf(n) : []);
      ui.selection.textContent = n ? describeNode(n) : "";
    });
  } else {
    ui.tree.replaceChildren(el("p", "empty", "Nothing decoded: see the errors above."));
  }
  ui.selection.textContent = "";
  ui.hover.textContent = "";
  shown = { view, index, tree, hex };
  showErrors(view);
  showDiagnostics(view);
  setStatus(view.summary, view.errors.length > 0);
}

function showErrors(view: DecodedView): void {
  ui.errorList.replaceChildren();
  ui.errors.hidden = view.errors.length === 0;
  shown?.hex.markErrors(view.errors.map((e) => e.offset));
  // The hex view holds a window of the bytes: bring the first error into it.
  const first = view.errors[0];
  if (first) shown?.hex.cell(first.offset);
  for (const e of view.errors) {
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button";
    b.append(
      el("span", "code", e.code),
      " at ",
      el("span", "offset", `byte ${e.offset - (e.base ?? 0)}`),
      e.base === undefined ? "" : el("span", "frame-offset", ` (byte ${e.offset} of the frame)`),
      " in ",
      el("code", "path", e.path || "(message)"),
      ": ",
      el("span", "reason", e.reason),
    );
    b.addEventListener("click", () => {
      const n = shown?.index ? nodeAtPath(shown.index, e.path) : undefined;
      if (n && shown?.tree) shown.tree.select(n, { scroll: true });
      shown?.hex.cell(e.offset)?.scrollIntoView({ block: "nearest" });
    });
    li.append(b);
    ui.errorList.append(li);
  }
}

function showDiagnostics(view: DecodedView): void {
  ui.diagnostics.replaceChildren();
  const validated =
    view.format === "dhcpv4"
      ? "validate checks DHCPv6 messages (and the DHCPv4 ones inside DHCP4o6)."
      : "No rule broken.";
  ui.diagnosticsNone.textContent = view.diagnostics.length > 0 || view.tree === undefined ? "" : validated;
  const marks = new Map<ViewNode, string[]>();
  const ranges: ByteRange[] = [];
  for (const d of view.diagnostics) {
    const n = shown?.index ? nodeAtPath(shown.index, d.treePath) : undefined;
    if (n) {
      marks.set(n, [...(marks.get(n) ?? []), `${d.rule}: ${d.message}`]);
      ranges.push(...rangesOf(n));
    }
    const li = document.createElement("li");
    li.className = d.severity;
    const b = document.createElement("button");
    b.type = "button";
    b.append(
      el("span", "severity", d.severity),
      " ",
      el("span", "rule", d.rule),
      " ",
      el("span", "rfc", d.rfc),
      " at ",
      el("code", "path", d.treePath || "(message)"),
      ": ",
      el("span", "message", d.message),
    );
    b.addEventListener("click", () => {
      if (n && shown?.tree) shown.tree.select(n, { scroll: true });
    });
    li.append(b);
    ui.diagnostics.append(li);
  }
  shown?.tree?.markDiagnostics(marks);
  shown?.hex.markDiagnostics(ranges);
}

/** Empties the tree, bytes, errors and diagnostics: nothing of a previous input stays on screen. */
function clearShown(): void {
  shown = undefined;
  ui.tree.replaceChildren();
  ui.hexview.replaceChildren();
  ui.errorList.replaceChildren();
  ui.errors.hidden = true;
  ui.diagnostics.replaceChildren();
  ui.diagnosticsNone.textContent = "";
  ui.selection.textContent = "";
  ui.hover.textContent = "";
}

/** The capture on screen: its messages, the list, and the rows the filter keeps. */
let listed: { capture: CaptureView; list: MessageList; name: string; picked: number } | undefined;

function clearCapture(): void {
  listed = undefined;
  ui.messages.hidden = true;
  ui.messageList.replaceChildren();
  ui.messageSpacer.style.height = "0";
  ui.captureNotes.replaceChildren();
  ui.filter.value = "";
  ui.messageCount.textContent = "";
  ui.goPair.hidden = true;
}

/** Shows one message of the capture on screen, in its frame. */
function pick(i: number): void {
  if (listed === undefined) return;
  const { capture, list, name } = listed;
  const m = capture.messages[i];
  if (m === undefined) return;
  list.select(i);
  listed.picked = i;
  const opts = viewOptions();
  const view = decodeCaptureEntry(m, m.transport === "udp" && !opts.exchange ? { ...opts, exchange: "udp" } : opts);
  show(view);
  const other = m.role === "request" ? "reply" : "request";
  setStatus(
    `${name}: message ${i + 1} of ${capture.messages.length}, packet ${m.packetIndex + 1}. ${view.summary}`,
    view.errors.length > 0,
  );
  ui.goPair.hidden = m.pair === undefined;
  ui.goPair.textContent = m.pair === undefined ? "" : `Go to its ${other}: message ${m.pair + 1}`;
  ui.goPair.onclick = () => {
    if (m.pair !== undefined) pick(m.pair);
  };
}

function applyFilter(): void {
  if (listed === undefined) return;
  const { capture, list } = listed;
  const rows = filterMessages(capture.messages, ui.filter.value);
  list.setRows(rows);
  ui.messageCount.textContent =
    rows.length === capture.messages.length
      ? `${rows.length} message(s)`
      : `${rows.length} of ${capture.messages.length} message(s) match`;
}

/** Lists a capture's DHCP messages and shows the first. */
function showCapture(bytes: Uint8Array, name: string): void {
  const capture: CaptureView = readCaptureView(bytes);
  clearCapture();
  clearShown();
  ui.messages.hidden = false;
  const list = renderMessageList(ui.messageScroll, ui.messageSpacer, ui.messageList, capture.messages, pick);
  listed = { capture, list, name, picked: 0 };
  applyFilter();
  for (const d of capture.notes.slice(0, 100)) {
    ui.captureNotes.append(
      el("li", "note", `${d.code}${d.packetIndex === null ? "" : ` (packet ${d.packetIndex + 1})`}: ${d.message}`),
    );
  }
  if (capture.notes.length > 100) ui.captureNotes.append(el("li", "note", `… and ${capture.notes.length - 100} more`));
  const head = `${name}: ${capture.format} capture with ${capture.messages.length} DHCP message(s)`;
  const e = capture.error;
  if (e) {
    ui.captureNotes.append(
      el(
        "li",
        "note file-error",
        `${e.code} at byte ${e.offset} of the file: ${e.reason} (the messages before it are listed)`,
      ),
    );
  }
  if (capture.messages.length > 0) {
    pick(0);
    return;
  }
  if (e) {
    // Nothing to list: the file's bytes around the fault (the hex view holds a window), the fault marked.
    show({
      format: "dhcpv6",
      bytes,
      tree: undefined,
      errors: [e],
      diagnostics: [],
      summary: `${head}; the capture file is malformed at byte ${e.offset}`,
    });
    ui.tree.replaceChildren(el("p", "empty", "The capture file is malformed: see the error above."));
    return;
  }
  setStatus(`${head}.`);
}

/** Decodes bytes as the format selector says (a capture is always recognised by its magic number). */
function decodeBytes(bytes: Uint8Array, name: string): void {
  const format = ui.format.value as InputFormat;
  if (detectCaptureFormat(bytes) !== undefined) {
    showCapture(bytes, name);
    return;
  }
  clearCapture();
  const view = decodeView(bytes, format, viewOptions());
  show(view);
  if (format === "auto") setStatus(`${view.summary} (auto-detected: ${sniffFormat(bytes)})`, view.errors.length > 0);
}

function decodeText(): void {
  decodeHex(ui.hex.value, "pasted bytes");
}

/** Decodes hex text (the text area's, or a large file's that is not put there). */
function decodeHex(text: string, name: string): void {
  if (text.trim() === "") {
    setStatus("Paste hex bytes first.");
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes = parseHexInput(text);
  } catch (e) {
    // Nothing of the previous input may stay on screen as if it were this one's.
    clearCapture();
    clearShown();
    ui.tree.replaceChildren(el("p", "empty", "Nothing decoded: the input is not hex."));
    setStatus(`Not hex: ${(e as Error).message}.`, true);
    if (e instanceof HexInputError && document.activeElement === ui.hex) {
      ui.hex.setSelectionRange(e.index, e.index + 1);
    }
    return;
  }
  decodeBytes(bytes, name);
}

const spaced = (b: Uint8Array): string => (toHex(b).match(/.{1,2}/g) ?? []).join(" ");

/** Files larger than this are decoded without being put in the text area as hex. */
const TEXTAREA_LIMIT = 256 * 1024;

/** A file: a capture, hex text, or the raw bytes of one message or stream. */
async function loadFile(file: File): Promise<void> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (detectCaptureFormat(bytes) !== undefined) {
    ui.hex.value = "";
    showCapture(bytes, file.name);
    return;
  }
  const text = new TextDecoder().decode(bytes);
  const isHexText = /^[\s0-9a-fA-Fx:,-]*$/.test(text) && /[0-9a-fA-F]{2}/.test(text);
  if (bytes.length > TEXTAREA_LIMIT) {
    // Megabytes of hex in the text area would stall the page: decode the bytes without showing them there.
    ui.hex.value = "";
    if (isHexText) decodeHex(text, file.name);
    else decodeBytes(bytes, file.name);
    setStatus(`${file.name}: ${ui.status.textContent ?? ""}`, ui.status.classList.contains("error"));
    return;
  }
  ui.hex.value = isHexText ? text.trim() : spaced(bytes);
  decodeText();
  setStatus(`${file.name}: ${ui.status.textContent ?? ""}`, ui.status.classList.contains("error"));
}

function loadSample(s: Sample): void {
  if (s.format === "capture") {
    ui.hex.value = "";
    showCapture(parseHexInput(s.hex), s.source);
    return;
  }
  ui.format.value = s.format;
  ui.hex.value = spaced(parseHexInput(s.hex));
  decodeText();
  setStatus(`${s.title} (${s.source}): ${ui.status.textContent ?? ""}`, ui.status.classList.contains("error"));
}

function fillSamples(): void {
  const groups = new Map<string, HTMLOptGroupElement>();
  for (const s of SAMPLES) {
    let g = groups.get(s.group);
    if (g === undefined) {
      g = document.createElement("optgroup");
      g.label = s.group;
      groups.set(s.group, g);
      ui.samples.append(g);
    }
    const o = document.createElement("option");
    o.value = s.id;
    o.textContent = s.title;
    o.title = s.description;
    g.append(o);
  }
  const capture = SAMPLES.find((s) => s.format === "capture");
  ui.sampleCapture.hidden = capture === undefined;
  if (capture) ui.sampleCapture.title = capture.source;
}

function wire(): void {
  ui.decode.addEventListener("click", decodeText);
  ui.hex.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      decodeText();
    }
  });
  // Decode what was pasted as soon as the paste lands in the text area.
  ui.hex.addEventListener("paste", () => setTimeout(decodeText, 0));
  for (const control of [ui.format, ui.exchange, ui.lenient, ui.strict]) {
    control.addEventListener("change", () => {
      if (ui.hex.value.trim() !== "") decodeText();
      // A capture's message is decoded again with the new settings.
      else if (listed !== undefined && control !== ui.format) pick(listed.picked);
    });
  }
  ui.samples.addEventListener("change", () => {
    const s = SAMPLES.find((x) => x.id === ui.samples.value);
    if (s) loadSample(s);
  });
  ui.sampleCapture.addEventListener("click", () => {
    const s = SAMPLES.find((x) => x.format === "capture");
    if (s) {
      ui.samples.value = s.id;
      loadSample(s);
    }
  });
  ui.file.addEventListener("change", () => {
    const f = ui.file.files?.[0];
    if (f) void loadFile(f);
  });
  let filterTimer: ReturnType<typeof setTimeout> | undefined;
  ui.filter.addEventListener("input", () => {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(applyFilter, 120);
  });
  ui.expandAll.addEventListener("click", () => shown?.tree?.setAllExpanded(true));
  ui.collapseAll.addEventListener("click", () => shown?.tree?.setAllExpanded(false));

  // Drops anywhere on the page are taken, so that a file dropped beside the
  // target is not opened by the browser in place of the page.
  const over = (e: DragEvent): void => {
    e.preventDefault();
    ui.drop.classList.add("over");
  };
  document.addEventListener("dragenter", over);
  document.addEventListener("dragover", over);
  document.addEventListener("dragleave", (e) => {
    if (e.relatedTarget === null) ui.drop.classList.remove("over");
  });
  document.addEventListener("drop", (e) => {
    e.preventDefault();
    ui.drop.classList.remove("over");
    const f = e.dataTransfer?.files[0];
    if (f) {
      void loadFile(f);
      return;
    }
    const text = e.dataTransfer?.getData("text/plain");
    if (text) {
      ui.hex.value = text;
      decodeText();
    }
  });
}

/** `#hex=...` or `#sample=id` in the address decodes at once (links to a message). */
function fromHash(): void {
  const params = new URLSearchParams(location.hash.slice(1));
  const hex = params.get("hex");
  const sample = SAMPLES.find((s) => s.id === params.get("sample"));
  if (params.get("format")) ui.format.value = params.get("format") as string;
  if (hex) {
    ui.hex.value = hex;
    decodeText();
  } else if (sample) {
    ui.samples.value = sample.id;
    loadSample(sample);
  } else {
    setStatus("Paste hex bytes, choose a sample, or drop a capture.");
  }
}

fillSamples();
wire();
fromHash();
document.documentElement.dataset.ready = "true";
