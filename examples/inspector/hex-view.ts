/// <reference lib="dom" />
/**
 * The hex view: 16 bytes a row with offsets and a text column; one span
 * per byte (`span.b[data-o]`) so that a node's bytes, the offending byte of
 * a decode error and the bytes a diagnostic names can be marked.
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
  /** The cell of a byte, if shown. */
  cell(offset: number): HTMLElement | undefined;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const PER_ROW = 16;

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
  const cells: HTMLSpanElement[] = [];
  const frag = document.createDocumentFragment();
  const width = Math.max(4, bytes.length.toString(16).length);
  for (let row = 0; row < bytes.length; row += PER_ROW) {
    const line = document.createElement("div");
    line.className = "line";
    const off = document.createElement("span");
    off.className = "off";
    off.textContent = row.toString(16).padStart(width, "0");
    line.append(off, " ");
    let text = "";
    for (let i = row; i < Math.min(row + PER_ROW, bytes.length); i++) {
      const b = bytes[i] as number;
      const cell = document.createElement("span");
      cell.className = "b";
      cell.dataset.o = String(i);
      cell.textContent = HEX[b] as string;
      cells.push(cell);
      // A wider gap after the eighth byte, as in hexdump -C.
      line.append(i % PER_ROW === 8 ? "  " : " ", cell);
      text += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".";
    }
    // A short last row is padded so that its text column lines up with the others.
    const missing = row + PER_ROW - Math.min(row + PER_ROW, bytes.length);
    if (missing > 0) line.append(" ".repeat(missing * 3 + (missing > 7 ? 1 : 0)));
    const asc = document.createElement("span");
    asc.className = "asc";
    asc.setAttribute("aria-hidden", "true");
    asc.textContent = text;
    line.append("  ", asc);
    frag.append(line);
  }
  pre.replaceChildren(frag);
  let end: HTMLSpanElement | undefined;
  let lit: HTMLElement[] = [];

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

  const each = (ranges: readonly ByteRange[], f: (c: HTMLSpanElement) => void): void => {
    for (const [o, l] of ranges) for (let i = o; i < o + l; i++) if (cells[i]) f(cells[i] as HTMLSpanElement);
  };

  return {
    highlight(ranges) {
      for (const c of lit) c.classList.remove("hl");
      lit = [];
      each(ranges, (c) => {
        c.classList.add("hl");
        lit.push(c);
      });
      lit[0]?.scrollIntoView({ block: "nearest" });
    },
    markErrors(offsets) {
      for (const o of offsets) {
        let c: HTMLElement | undefined = cells[o];
        if (c === undefined && o >= bytes.length) {
          // The input ended where more was needed: mark the place after the last byte.
          if (end === undefined) {
            end = document.createElement("span");
            end.className = "b eof";
            end.dataset.o = String(bytes.length);
            end.textContent = "‥";
            end.title = "end of input";
            (pre.lastElementChild ?? pre).append(" ", end);
          }
          c = end;
        }
        c?.classList.add("err");
      }
    },
    markDiagnostics(ranges) {
      each(ranges, (c) => c.classList.add("diag"));
    },
    cell: (o) => cells[o] ?? (o === bytes.length ? end : undefined),
  };
}
