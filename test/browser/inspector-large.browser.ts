/**
 * The inspector on inputs that once froze or killed the page: a capture of
 * 190,000 messages cut in its last record, and pasted text that is not hex
 * after a message was shown. Only DOM facts are asserted (how many rows and
 * byte cells are in the page, what is said and where), never durations.
 * The capture is built here byte by byte from the pcap and IPv6/UDP
 * layouts, so its messages, xids and offsets are known without the library.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PAGE = pathToFileURL(`${ROOT}examples/inspector/index.html`).href;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Messages in the big capture: LEASEQUERY (xid i) and LEASEQUERY-REPLY (xid i) in turn. */
const MESSAGES = 190_000;
/** pcap record header 16, IPv6 40, UDP 8, DHCPv6 header 4 (RFC 8415 §8). */
const RECORD = 16 + 40 + 8 + 4;
const FRAME = 40 + 8 + 4;
const GLOBAL_HEADER = 24;

/**
 * A little-endian pcap, LINKTYPE_RAW (101), of `MESSAGES` DHCPv6 messages
 * over UDP between [fd00::2]:546 and [fd00::1]:547, then half a record.
 */
function bigCapture(): Uint8Array {
  const out = new Uint8Array(GLOBAL_HEADER + MESSAGES * RECORD + RECORD / 2);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0xa1b2c3d4, true);
  v.setUint16(4, 2, true);
  v.setUint16(6, 4, true);
  v.setUint32(16, 65535, true);
  v.setUint32(20, 101, true);
  const client = [0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2];
  const server = [0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
  for (let k = 0; k <= MESSAGES; k++) {
    const at = GLOBAL_HEADER + k * RECORD;
    if (k === MESSAGES) {
      // The cut record: a header that promises 52 bytes, followed by 18.
      v.setUint32(at + 8, FRAME, true);
      v.setUint32(at + 12, FRAME, true);
      break;
    }
    const xid = k >> 1;
    const reply = k % 2 === 1;
    v.setUint32(at, 1_800_000_000 + k, true); // seconds
    v.setUint32(at + 4, 0, true);
    v.setUint32(at + 8, FRAME, true);
    v.setUint32(at + 12, FRAME, true);
    const ip = at + 16;
    out[ip] = 0x60;
    v.setUint16(ip + 4, 12); // payload length: UDP header and the 4-byte message
    out[ip + 6] = 17;
    out[ip + 7] = 64;
    out.set(reply ? server : client, ip + 8);
    out.set(reply ? client : server, ip + 24);
    const udp = ip + 40;
    v.setUint16(udp, reply ? 547 : 546);
    v.setUint16(udp + 2, reply ? 546 : 547);
    v.setUint16(udp + 4, 12);
    const dhcp = udp + 8;
    out[dhcp] = reply ? 15 : 14;
    out[dhcp + 1] = (xid >> 16) & 0xff;
    out[dhcp + 2] = (xid >> 8) & 0xff;
    out[dhcp + 3] = xid & 0xff;
  }
  return out;
}

let browser: Browser;
let page: Page;
let problems: string[];
let dir: string;
let capturePath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "inspector-large-"));
  capturePath = join(dir, "big.pcap");
  writeFileSync(capturePath, bigCapture());
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(): Promise<Page> {
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  await page.goto(PAGE);
  await page.waitForSelector("html[data-ready=true]");
  return page;
}

afterEach(async () => {
  expect(problems).toEqual([]);
  await page?.close();
});

const rendered = (p: Page) => p.locator("#message-list li").count();
const cells = (p: Page) => p.locator("#hexview .b").count();
const numbers = (p: Page) => p.$$eval("#message-list li", (lis) => lis.map((li) => (li as HTMLLIElement).value));

describe("inspector page on a large capture", () => {
  it("lists 190,000 messages with a bounded number of rows, and shows the selected frame's bytes only", async () => {
    const p = await open();
    await p.setInputFiles("#file", capturePath);
    await expect.poll(() => p.textContent("#message-count"), { timeout: 60_000 }).toBe("190000 message(s)");
    // The first message is shown: its 52-byte frame, not the file.
    await expect.poll(() => cells(p)).toBe(FRAME);
    expect(await p.textContent("#status")).toContain("message 1 of 190000");
    const headers = p.getByRole("treeitem", { name: /^link, IP and UDP headers: 48 bytes/ });
    await headers.locator(":scope > .row").click();
    const lit = await p.$$eval("#hexview .b.hl", (c) => c.map((x) => Number((x as HTMLElement).dataset.o)));
    expect(lit).toEqual(Array.from({ length: 48 }, (_, i) => i));
    expect(await p.getByRole("treeitem", { name: /^LEASEQUERY \(14\)/ }).count()).toBe(1);
    // The list renders a window of rows, not 190,000.
    const first = await rendered(p);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(100);
    // Scrolled to the end: the last rows are there, still a bounded number.
    await p.$eval("#message-scroll", (s) => {
      s.scrollTop = s.scrollHeight;
    });
    await expect.poll(async () => (await numbers(p)).at(-1)).toBe(MESSAGES);
    expect(await rendered(p)).toBeLessThanOrEqual(100);
    // The file is cut in its last record: the reader's error is noted, the messages before it kept.
    expect(await p.textContent("#capture-notes .file-error")).toMatch(/^truncated at byte \d+ of the file/);
  });

  it("filters by xid and address, and pairs a request with its reply", async () => {
    const p = await open();
    await p.setInputFiles("#file", capturePath);
    await expect.poll(() => p.textContent("#message-count"), { timeout: 60_000 }).toBe("190000 message(s)");
    // xid 0x0012ab is message 2 * 0x12ab (request) and the one after (reply), counted from 1.
    await p.fill("#filter", "0x0012ab");
    await expect.poll(() => p.textContent("#message-count")).toBe("2 of 190000 message(s) match");
    expect(await numbers(p)).toEqual([2 * 0x12ab + 1, 2 * 0x12ab + 2]);
    await p.locator("#message-list button").first().click();
    expect(await p.textContent("#go-pair")).toBe(`Go to its reply: message ${2 * 0x12ab + 2}`);
    await p.click("#go-pair");
    await expect.poll(() => p.textContent("#status")).toContain(`message ${2 * 0x12ab + 2} of 190000`);
    expect(await p.textContent("#go-pair")).toBe(`Go to its request: message ${2 * 0x12ab + 1}`);
    expect(await p.getAttribute("#message-list li.selected", "value")).toBe(String(2 * 0x12ab + 2));
    // By type and source address: the replies come from fd00::1.
    await p.fill("#filter", "leasequery-reply [fd00::1]:547");
    await expect.poll(() => p.textContent("#message-count")).toBe("95000 of 190000 message(s) match");
    expect(await rendered(p)).toBeLessThanOrEqual(100);
    const names = await p.locator("#message-list .name").allTextContents();
    expect(new Set(names)).toEqual(new Set(["LEASEQUERY-REPLY (15)"]));
  });

  it("after a message, text that is not hex clears it and says where the fault is", async () => {
    const p = await open();
    await p.setInputFiles("#file", capturePath);
    await expect.poll(() => cells(p), { timeout: 60_000 }).toBe(FRAME);
    await p.fill("#hex", "0f 00 be ef\n00 0z");
    await p.click("#decode");
    // Line 2, column 5 is the "z" (character 16 of the text).
    await expect
      .poll(() => p.textContent("#status"))
      .toBe('Not hex: "z" is not a hex digit at character 16 (line 2, column 5).');
    expect(await p.getAttribute("#status", "class")).toContain("error");
    expect(await cells(p)).toBe(0);
    expect(await p.locator("#tree [role=treeitem]").count()).toBe(0);
    expect(await p.isVisible("#messages")).toBe(false);
    expect(await p.locator("#diagnostics li").count()).toBe(0);
  });

  it("opens a 1 MiB framed stream file without putting it in the text area or the page whole", async () => {
    // 174,762 frames of 6 bytes: size 0004, then LEASEQUERY-DONE (16) with xid k (RFC 5460 §5.1).
    const frames = 174_762;
    const stream = new Uint8Array(frames * 6);
    for (let k = 0; k < frames; k++) stream.set([0, 4, 16, (k >> 16) & 0xff, (k >> 8) & 0xff, k & 0xff], k * 6);
    const path = join(dir, "stream.bin");
    writeFileSync(path, stream);
    const p = await open();
    await p.setInputFiles("#file", path);
    await expect
      .poll(() => p.textContent("#status"), { timeout: 60_000 })
      .toContain("174762 frame(s) (the first 1000 decoded) in 1048572 bytes of a framed DHCPv6 stream");
    expect(await p.inputValue("#hex")).toBe("");
    expect(await cells(p)).toBe(4096);
    expect(await p.getByRole("treeitem", { name: /^frame \d+:/ }).count()).toBe(1000);
    expect(await p.getByRole("treeitem", { name: /^frames not shown: 173762 more frame\(s\)/ }).count()).toBe(1);
  });

  it("shows at most a window of a large pasted input's bytes, and moves it to the error", async () => {
    const p = await open();
    // 40,000 bytes of a DHCPv6 message whose first option runs past the end: the error is at byte 6.
    const body = `0f00beef0001ffff${"00".repeat(40_000 - 8)}`;
    await p.fill("#hex", body);
    await p.click("#decode");
    await expect.poll(() => p.textContent("#error-list .code")).toBe("truncated");
    const n = await cells(p);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(4096);
    expect(await p.$$eval("#hexview .b.err", (c) => c.map((x) => Number((x as HTMLElement).dataset.o)))).toEqual([6]);
    // The later bytes are a button away, still a window at a time.
    await p.locator("#hexview button.window").last().click();
    expect(await p.locator("#hexview .b[data-o='4096']").count()).toBe(1);
    expect(await cells(p)).toBeLessThanOrEqual(4096);
  });
});
