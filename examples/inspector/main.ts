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
import {
  type CaptureView,
  type DecodedView,
  decodeView,
  type InputFormat,
  parseHexInput,
  readCaptureView,
  sniffFormat,
  type ViewOptions,
} from "./decode-input.js";
import { type HexView, renderHex } from "./hex-view.js";
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
  decode: $<HTMLButtonElement>("decode"),
  samples: $<HTMLSelectElement>("samples"),
  sampleCapture: $<HTMLButtonElement>("sample-capture"),
  file: $<HTMLInputElement>("file"),
  drop: $<HTMLElement>("drop"),
  status: $<HTMLElement>("status"),
  messages: $<HTMLElement>("messages"),
  messageList: $<HTMLOListElement>("message-list"),
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
  for (const e of view.errors) {
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button";
    b.append(
      el("span", "code", e.code),
      " at ",
      el("span", "offset", `byte ${e.offset}`),
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

function clearCapture(): void {
  ui.messages.hidden = true;
  ui.messageList.replaceChildren();
  ui.captureNotes.replaceChildren();
}

function formatTime(t: number | undefined): string {
  if (t === undefined) return "";
  return new Date(t * 1000).toISOString().replace("T", " ").replace("Z", "");
}

/** Lists a capture's DHCP messages and shows the first. */
function showCapture(bytes: Uint8Array, name: string): void {
  const capture: CaptureView = readCaptureView(bytes);
  clearCapture();
  ui.messages.hidden = false;
  const buttons: HTMLButtonElement[] = [];
  const pick = (i: number): void => {
    const m = capture.messages[i];
    if (m === undefined) return;
    buttons.forEach((b, k) => {
      b.setAttribute("aria-pressed", String(k === i));
      b.parentElement?.classList.toggle("selected", k === i);
    });
    const exchange = m.transport === "udp" ? "udp" : undefined;
    const opts = viewOptions();
    const view = decodeView(m.payload, m.kind, exchange && !opts.exchange ? { ...opts, exchange } : opts);
    show(view);
    setStatus(
      `${name}: message ${i + 1} of ${capture.messages.length}, packet ${m.packetIndex + 1}. ${view.summary}`,
      view.errors.length > 0,
    );
  };
  capture.messages.forEach((m, i) => {
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button";
    b.setAttribute("aria-pressed", "false");
    b.append(
      el("span", "name", m.name),
      " ",
      el(
        "span",
        "meta",
        `${m.kind} over ${m.transport}, ${m.flow}, packet ${m.packetIndex + 1}, ${m.payload.length} bytes`,
      ),
      m.time === undefined ? "" : el("span", "time", ` ${formatTime(m.time)}`),
    );
    b.addEventListener("click", () => pick(i));
    buttons.push(b);
    li.append(b);
    ui.messageList.append(li);
  });
  for (const d of capture.notes) {
    ui.captureNotes.append(
      el("li", "note", `${d.code}${d.packetIndex === null ? "" : ` (packet ${d.packetIndex + 1})`}: ${d.message}`),
    );
  }
  const head = `${name}: ${capture.format} capture with ${capture.messages.length} DHCP message(s)`;
  if (capture.error) {
    // The file itself is malformed: show its bytes with the fault marked.
    const e = capture.error;
    show({
      format: "dhcpv6",
      bytes,
      tree: undefined,
      errors: [e],
      diagnostics: [],
      summary: `${head}; the capture file is malformed at byte ${e.offset}`,
    });
    return;
  }
  if (capture.messages.length > 0) pick(0);
  else {
    shown = undefined;
    ui.tree.replaceChildren();
    ui.hexview.replaceChildren();
    showErrors({ format: "dhcpv6", bytes, tree: undefined, errors: [], diagnostics: [], summary: "" });
    ui.diagnostics.replaceChildren();
    setStatus(`${head}.`);
  }
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
  const text = ui.hex.value;
  if (text.trim() === "") {
    setStatus("Paste hex bytes first.");
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes = parseHexInput(text);
  } catch (e) {
    setStatus(`Not hex: ${(e as Error).message}.`, true);
    return;
  }
  decodeBytes(bytes, "pasted bytes");
}

const spaced = (b: Uint8Array): string => (toHex(b).match(/.{1,2}/g) ?? []).join(" ");

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
  for (const control of [ui.format, ui.exchange, ui.lenient]) {
    control.addEventListener("change", () => {
      if (ui.hex.value.trim() !== "") decodeText();
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
