/// <reference lib="dom" />
/**
 * The capture's message list, virtualised: a capture may hold 190,000
 * messages, so only the rows in view (and a few around them) are in the
 * page; a spacer gives the scroll bar its full length. Rows have a fixed
 * height (`ROW_HEIGHT`, set in style.css too).
 * @module
 */
import type { CaptureEntry } from "./capture-view.js";

/** The height of one row in CSS pixels (style.css: `#message-list li`). */
export const ROW_HEIGHT = 22;
/** Rows rendered above and below the visible ones. */
const OVERSCAN = 20;

/** What the page can do with the list. */
export interface MessageList {
  /** Shows these messages (indexes into the capture's), e.g. after filtering. */
  setRows(rows: readonly number[]): void;
  /** Marks a message as selected and scrolls it into view when listed. */
  select(index: number): void;
  /** How many rows are listed (not rendered). */
  count(): number;
}

function formatTime(t: number | undefined): string {
  if (t === undefined) return "";
  // Microseconds: a request and its reply are often less than a millisecond apart.
  const d = new Date(Math.floor(t) * 1000).toISOString().replace("T", " ").replace(".000Z", "");
  return `${d}.${String(Math.round((t % 1) * 1e6) % 1e6).padStart(6, "0")}`;
}

const span = (cls: string, text: string): HTMLSpanElement => {
  const e = document.createElement("span");
  e.className = cls;
  e.textContent = text;
  return e;
};

/**
 * Renders the list into `scroller` (a scrolling box) and `list` (an `<ol>` inside it).
 * @param scroller - the element that scrolls
 * @param spacer - an element inside it sized to the whole list
 * @param list - the `<ol>` the visible rows go in
 * @param messages - the capture's messages
 * @param onPick - called with the index of a message clicked
 * @returns the controller
 */
export function renderMessageList(
  scroller: HTMLElement,
  spacer: HTMLElement,
  list: HTMLOListElement,
  messages: readonly CaptureEntry[],
  onPick: (index: number) => void,
): MessageList {
  let rows: readonly number[] = [];
  let selected = -1;
  let drawn = "";

  const row = (i: number): HTMLLIElement => {
    const m = messages[i] as CaptureEntry;
    const li = document.createElement("li");
    li.value = i + 1;
    const b = document.createElement("button");
    b.type = "button";
    b.dataset.index = String(i);
    b.setAttribute("aria-pressed", String(i === selected));
    li.classList.toggle("selected", i === selected);
    const xid = m.xid === undefined ? "" : `xid 0x${m.xid.toString(16).padStart(m.kind === "dhcpv6" ? 6 : 8, "0")}, `;
    const pair = m.pair === undefined ? "" : `${m.role === "request" ? "reply" : "request"} #${m.pair + 1}, `;
    b.append(
      // Numbered in the capture's order, whatever the filter keeps (tshark numbers from 1 too).
      span("num", String(i + 1)),
      span("name", m.name),
      " ",
      span(
        "meta",
        `${xid}${pair}${m.kind} over ${m.transport}, ${m.flow}, packet ${m.packetIndex + 1}, ${m.payload.length} bytes`,
      ),
      m.time === undefined ? "" : span("time", ` ${formatTime(m.time)}`),
    );
    b.addEventListener("click", () => onPick(i));
    li.append(b);
    return li;
  };

  const draw = (force = false): void => {
    const first = Math.max(0, Math.floor(scroller.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const visible = Math.ceil((scroller.clientHeight || 14 * ROW_HEIGHT) / ROW_HEIGHT);
    const last = Math.min(rows.length, first + visible + 2 * OVERSCAN);
    const key = `${first}:${last}:${selected}`;
    if (!force && key === drawn) return;
    drawn = key;
    list.style.transform = `translateY(${first * ROW_HEIGHT}px)`;
    const frag = document.createDocumentFragment();
    for (let k = first; k < last; k++) frag.append(row(rows[k] as number));
    list.replaceChildren(frag);
  };

  let pending = false;
  scroller.onscroll = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      draw();
    });
  };

  return {
    setRows(r) {
      rows = r;
      spacer.style.height = `${rows.length * ROW_HEIGHT}px`;
      scroller.scrollTop = 0;
      draw(true);
    },
    select(index) {
      selected = index;
      const k = rows.indexOf(index);
      if (k >= 0) {
        const top = k * ROW_HEIGHT;
        if (top < scroller.scrollTop || top + ROW_HEIGHT > scroller.scrollTop + scroller.clientHeight) {
          scroller.scrollTop = Math.max(0, top - scroller.clientHeight / 2);
        }
      }
      draw(true);
    },
    count: () => rows.length,
  };
}
