/// <reference lib="dom" />
/**
 * The hex view: 16 bytes a row with offsets and a text column; one span
 * per byte (`span.b[data-o]`) so that a node's bytes, the offending byte of
 * a decode error and the bytes a diagnostic names can be marked. Only a
 * window of {@link WINDOW_BYTES} bytes is in the page at a time (an 8 MiB
 * input would otherwise be millions of elements): buttons move it, and
 * selecting bytes outside it moves it there.
 * @module
 */
import type { ByteRange } from "./view-tree.js";

/** What the page can do with a rendered hex view. */
export interface HexView {
  /** Marks exactly these bytes as the selection (class `hl`) and scrolls the first into view. */
  highlight(ranges: readonly ByteRange[]): void;
  /** Marks the offending byte of each decode error (class `err`); an offset at the end marks an end-of-input cell. */
  markErrors(offsets: readonly number[]): void;
  /** Marks bytes that diagnostics point at (class `diag`). */
  markDiagnostics(ranges: readonly ByteRange[]): void;
  /** The cell of a byte, moving the window to it. */
  cell(offset: number): HTMLElement | undefined;
}

/** How many bytes the view holds in the page at once. */
export const WINDOW_BYTES = 4096;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const PER_ROW = 16;

function inAny(ranges: readonly ByteRange[], o: number): boolean {
  for (const [s, l] of ranges) if (o >= s && o < s + l) return true;
  return false;
}

/**
 * Renders `bytes` into `pre`, replacing what was there.
 * @param pre - the container (a `<pre>`)
 * @param bytes - the bytes
 * @param onByte - called with the offset of a byte clicked or hovered
 * @returns the controller
 */
export function renderHex(
  pre: HTMLElement,
  bytes: Uint8Array,
  onByte: (offset: number, how: "click" | "hover") => void,
): HexView {
  const width = Math.max(4, bytes.length.toString(16).length);
  let cells = new Map<number, HTMLSpanElement>();
  let end: HTMLSpanElement | undefined;
  let from = 0;
  let lit: readonly ByteRange[] = [];
  let errors: readonly number[] = [];
  let diag: readonly ByteRange[] = [];

  const button = (text: string, to: number): HTMLButtonElement => {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "window";
    b.textContent = text;
    b.addEventListener("click", () => draw(to));
    return b;
  };

  /** Puts bytes [start, start + WINDOW_BYTES) in the page, with their marks. */
  const draw = (start: number): void => {
    from = Math.max(0, Math.min(start - (start % PER_ROW), bytes.length - (bytes.length % PER_ROW || PER_ROW)));
    if (from < 0) from = 0;
    const to = Math.min(bytes.length, from + WINDOW_BYTES);
    cells = new Map();
    end = undefined;
    const frag = document.createDocumentFragment();
    if (from > 0) frag.append(button(`▲ bytes ${Math.max(0, from - WINDOW_BYTES)}-${from - 1}`, from - WINDOW_BYTES));
    for (let row = from; row < to; row += PER_ROW) {
      const line = document.createElement("div");
      line.className = "line";
      const off = document.createElement("span");
      off.className = "off";
      off.textContent = row.toString(16).padStart(width, "0");
      line.append(off, " ");
      let text = "";
      const last = Math.min(row + PER_ROW, bytes.length);
      for (let i = row; i < last; i++) {
        const b = bytes[i] as number;
        const cell = document.createElement("span");
        cell.className = "b";
        cell.dataset.o = String(i);
        cell.textContent = HEX[b] as string;
        cells.set(i, cell);
        // A wider gap after the eighth byte, as in hexdump -C.
        line.append(i % PER_ROW === 8 ? "  " : " ", cell);
        text += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".";
      }
      // A short last row is padded so that its text column lines up with the others.
      const missing = row + PER_ROW - last;
      if (missing > 0) line.append(" ".repeat(missing * 3 + (missing > 7 ? 1 : 0)));
      const asc = document.createElement("span");
      asc.className = "asc";
      asc.setAttribute("aria-hidden", "true");
      asc.textContent = text;
      line.append("  ", asc);
      frag.append(line);
    }
    if (to < bytes.length) {
      frag.append(button(`▼ bytes ${to}-${Math.min(bytes.length, to + WINDOW_BYTES) - 1} of ${bytes.length}`, to));
    }
    pre.replaceChildren(frag);
    for (const [o, c] of cells) {
      if (inAny(lit, o)) c.classList.add("hl");
      if (inAny(diag, o)) c.classList.add("diag");
    }
    for (const o of errors) mark(o)?.classList.add("err");
  };

  /** The cell of an error offset, if in the window; an offset at the end gets an end-of-input cell. */
  const mark = (o: number): HTMLElement | undefined => {
    const c = cells.get(o);
    if (c || o < bytes.length || from + WINDOW_BYTES < bytes.length) return c;
    // The input ended where more was needed: mark the place after the last byte.
    if (end === undefined) {
      end = document.createElement("span");
      end.className = "b eof";
      end.dataset.o = String(bytes.length);
      end.textContent = "‥";
      end.title = "end of input";
      const lines = pre.querySelectorAll(".line");
      (lines[lines.length - 1] ?? pre).append(" ", end);
    }
    return end;
  };

  /** Moves the window so that byte `o` is in it. */
  const reach = (o: number): void => {
    if (o < from || o >= from + WINDOW_BYTES) draw(Math.max(0, o - 8 * PER_ROW));
  };

  const cellFrom = (t: EventTarget | null): HTMLElement | undefined => {
    const c = t instanceof Element ? t.closest("span.b") : null;
    return c instanceof HTMLElement ? c : undefined;
  };
  pre.onclick = (e) => {
    const c = cellFrom(e.target);
    if (c) onByte(Number(c.dataset.o), "click");
  };
  pre.onmouseover = (e) => {
    const c = cellFrom(e.target);
    if (c) onByte(Number(c.dataset.o), "hover");
  };
  draw(0);

  return {
    highlight(ranges) {
      for (const c of cells.values()) c.classList.remove("hl");
      lit = ranges;
      const first = ranges[0];
      if (first) reach(first[0]);
      for (const [o, c] of cells) if (inAny(lit, o)) c.classList.add("hl");
      if (first) cells.get(first[0])?.scrollIntoView({ block: "nearest" });
    },
    markErrors(offsets) {
      errors = offsets;
      for (const o of offsets) mark(o)?.classList.add("err");
    },
    markDiagnostics(ranges) {
      diag = ranges;
      for (const [o, c] of cells) if (inAny(diag, o)) c.classList.add("diag");
    },
    cell(o) {
      reach(Math.min(o, Math.max(0, bytes.length - 1)));
      return cells.get(o) ?? mark(o);
    },
  };
}
