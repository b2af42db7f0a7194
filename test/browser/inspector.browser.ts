/**
 * The inspector page (examples/inspector) in a real browser: Debian's
 * Chromium driven by playwright-core, the page opened from file:// (so it
 * works offline, without a server). Expected offsets, bytes, errors and
 * message lists come from the vectors' hand-written layouts and errors and
 * from what tshark read from the capture fixtures, not from the library.
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PAGE = pathToFileURL(`${ROOT}examples/inspector/index.html`).href;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

interface Vector {
  readonly hex: string;
  readonly error?: { readonly code: string; readonly offset: number; readonly path: string };
}
const vector = (path: string): Vector => JSON.parse(readFileSync(`${ROOT}${path}`, "utf8")) as Vector;

/** The message types tshark found in a fixture, in order (DHCPv6, Bulk Leasequery and DHCPv4 columns). */
function tsharkMessageTypes(name: string): number[] {
  const rows = readFileSync(`${ROOT}test/capture/fixtures/${name}.tshark.tsv`, "utf8").trim().split("\n");
  return rows.flatMap((row) =>
    row
      .split("\t")
      .slice(10, 13)
      .filter((c) => c !== "")
      .flatMap((c) => c.split(",").map(Number)),
  );
}

let browser: Browser;
let page: Page;
let problems: string[];
let requests: string[];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run bash scripts/install-chromium.sh`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

afterAll(async () => {
  await browser?.close();
});

async function open(hash = "", url = PAGE): Promise<Page> {
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  problems = [];
  requests = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(url + hash);
  await page.waitForSelector("html[data-ready=true]");
  return page;
}

afterEach(async () => {
  // Offline: the page loads its own files and nothing else, and logs no error.
  expect(requests.filter((u) => !u.startsWith("file://") && !u.startsWith("http://127.0.0.1:"))).toEqual([]);
  expect(problems).toEqual([]);
  await page?.close();
});

/** The highlighted byte cells: `[offset, hex]` each. */
const highlighted = (p: Page): Promise<[number, string][]> =>
  p.$$eval("#hexview .b.hl", (cells) => cells.map((c) => [Number((c as HTMLElement).dataset.o), c.textContent ?? ""]));

const range = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => from + i);

/** Drops a file on the drop target the way a browser does: dragenter, then drop with the file. */
async function drop(p: Page, path: string, name: string): Promise<void> {
  const bytes = [...readFileSync(path)];
  await p.evaluate(
    ([data, fileName]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], fileName));
      const target = document.getElementById("drop") as HTMLElement;
      target.dispatchEvent(new DragEvent("dragenter", { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    [bytes, name] as const,
  );
}

/** A tree item by the start of its accessible name (its row: label, value, RFC, range). */
const item = (p: Page, name: RegExp) => p.getByRole("treeitem", { name });

describe("inspector page", () => {
  it("decodes pasted hex into a tree with RFC references and highlights exactly a field's bytes", async () => {
    const p = await open();
    // vectors/v6/leasequery-reply-by-address.json: CLIENT_DATA is at bytes 36-89, validLifetime at 78-81 (its layout).
    const hex = vector("vectors/v6/leasequery-reply-by-address.json").hex;
    // Pasted with colons and line breaks, as copied from a hex dump.
    await p.fill("#hex", (hex.match(/.{2}/g) ?? []).join(":").replace(/(.{48})/g, "$1\n"));
    await p.click("#decode");

    await expect.poll(() => item(p, /^LEASEQUERY-REPLY \(15\)/).count()).toBe(1);
    const clientData = item(p, /^CLIENT_DATA \(45\)/);
    await expect.poll(() => clientData.count()).toBe(1);
    expect(await clientData.locator(":scope > .row .rfc").textContent()).toBe("RFC 5007 §4.1.2.2");
    expect(
      await item(p, /^IAADDR \(5\)/)
        .locator(":scope > .row .rfc")
        .textContent(),
    ).toBe("RFC 8415 §21.6");
    expect(await p.textContent("#status")).toContain("LEASEQUERY-REPLY (15)");

    await clientData.locator(":scope > .row").click();
    expect(await clientData.getAttribute("aria-selected")).toBe("true");
    let lit = await highlighted(p);
    expect(lit.map(([o]) => o)).toEqual(range(36, 54));
    expect(lit.map(([, h]) => h).join("")).toBe(hex.slice(72, 180));

    const valid = item(p, /^validLifetime: 10800 s/);
    await valid.locator(":scope > .row").click();
    lit = await highlighted(p);
    expect(lit).toEqual([
      [78, "00"],
      [79, "00"],
      [80, "2a"],
      [81, "30"],
    ]);
    expect(await p.textContent("#selection")).toContain("options[2](CLIENT_DATA).options[1](IAADDR).validLifetime");

    // A byte selects the deepest node holding it: byte 87 is inside CLT_TIME's value.
    await p.click('#hexview .b[data-o="87"]');
    const clt = item(p, /^cltTime: 600 s/);
    expect(await clt.getAttribute("aria-selected")).toBe("true");
    expect((await highlighted(p)).map(([o]) => o)).toEqual(range(86, 4));
  });

  it("collapses and expands nodes with the mouse and the Collapse all / Expand all buttons", async () => {
    const p = await open("#sample=reply-by-address");
    const clientData = item(p, /^CLIENT_DATA \(45\)/);
    const valid = item(p, /^validLifetime: 10800 s/);
    await expect.poll(() => valid.isVisible()).toBe(true);
    await clientData.locator(":scope > .row > .twisty").click();
    expect(await clientData.getAttribute("aria-expanded")).toBe("false");
    expect(await valid.isVisible()).toBe(false);
    expect(await item(p, /^SERVERID \(2\)/).isVisible()).toBe(true);
    await clientData.locator(":scope > .row > .twisty").click();
    expect(await clientData.getAttribute("aria-expanded")).toBe("true");
    expect(await valid.isVisible()).toBe(true);

    // Collapse all leaves the message open with its top-level fields: 4 visible rows.
    await p.click("#collapse-all");
    const visible = () => p.locator("#tree [role=treeitem]:visible").count();
    expect(await visible()).toBe(4);
    expect(await item(p, /^options: 3 option\(s\)/).getAttribute("aria-expanded")).toBe("false");
    // Selecting a hidden node (from its byte) opens the nodes above it.
    await p.click('#hexview .b[data-o="79"]');
    expect(await valid.isVisible()).toBe(true);
    expect(await valid.getAttribute("aria-selected")).toBe("true");
    await p.click("#expand-all");
    // The vector's 29 nodes: message, 3 fields, options, then SERVERID 6, CLIENTID 5, CLIENT_DATA 14.
    expect(await visible()).toBe(29);
  });

  it("opens every bundled sample without a page error", async () => {
    const p = await open();
    const ids = await p.$$eval("#samples option", (os) => os.map((o) => (o as HTMLOptionElement).value));
    const samples = ids.filter((id) => id !== "");
    expect(samples.length).toBeGreaterThanOrEqual(15);
    for (const id of samples) {
      await p.selectOption("#samples", id);
      // Each shows bytes, and either a tree or its decode errors.
      await expect.poll(() => p.locator("#hexview .b").count()).toBeGreaterThan(0);
      if (id.startsWith("capture-")) {
        await expect.poll(() => p.locator("#message-list li").count()).toBeGreaterThan(0);
        continue;
      }
      const tree = await p.locator("#tree [role=treeitem]").count();
      const errors = await p.locator("#error-list li").count();
      // The "Invalid" group's two bad-* samples fail to decode (their partial tree is shown); everything else decodes.
      expect([tree > 0, errors], id).toEqual(id.startsWith("bad-") ? [true, 1] : [true, 0]);
    }
    // The button opens the CLI's demo capture.
    await p.click("#sample-capture");
    await expect.poll(() => p.locator("#message-list li").count()).toBe(14);
    expect(await p.textContent("#status")).toContain("cli/samples/demo.pcapng: message 1 of 14");
  });

  it("works from a static web server too", async () => {
    const files = `${ROOT}examples/inspector/`;
    const types: Record<string, string> = { html: "text/html", css: "text/css", js: "text/javascript" };
    const server = createServer((req, res) => {
      const path = (req.url ?? "/").split(/[?#]/)[0]?.replace(/^\/+/, "") || "index.html";
      const file = `${files}${path}`;
      if (path.includes("..") || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": types[path.split(".").pop() ?? ""] ?? "application/octet-stream" });
      res.end(readFileSync(file));
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    try {
      const { port } = server.address() as AddressInfo;
      const origin = `http://127.0.0.1:${port}/`;
      const p = await open("#sample=dhcp4o6-reply", `${origin}index.html`);
      await expect.poll(() => item(p, /^DHCPV4_MSG \(87\)/).count()).toBe(1);
      expect(requests.every((u) => u.startsWith(origin))).toBe(true);
      expect(requests.map((u) => u.slice(origin.length).split("#")[0])).toEqual([
        "index.html",
        "style.css",
        "dist/inspector.js",
      ]);
    } finally {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
    }
  });

  it("works from the keyboard: arrows move the selection, Left and Right collapse and expand", async () => {
    const p = await open("#sample=reply-by-address");
    const root = item(p, /^LEASEQUERY-REPLY \(15\)/);
    await root.focus();
    await p.keyboard.press("ArrowDown");
    expect(await item(p, /^msgType: 15/).getAttribute("aria-selected")).toBe("true");
    expect(await highlighted(p)).toEqual([[0, "0f"]]);
    await p.keyboard.press("ArrowDown");
    expect((await highlighted(p)).map(([o]) => o)).toEqual([1, 2, 3]);
    await p.keyboard.press("ArrowDown"); // options
    await p.keyboard.press("ArrowDown"); // SERVERID
    const serverId = item(p, /^SERVERID \(2\)/);
    expect(await serverId.getAttribute("aria-selected")).toBe("true");
    expect(await serverId.getAttribute("aria-expanded")).toBe("true");
    await p.keyboard.press("ArrowLeft");
    expect(await serverId.getAttribute("aria-expanded")).toBe("false");
    expect(await item(p, /^duid: 1 \(LLT\)/).isVisible()).toBe(false);
    await p.keyboard.press("ArrowDown"); // skips the collapsed children
    expect(
      await item(p, /^CLIENTID \(1\)/)
        .first()
        .getAttribute("aria-selected"),
    ).toBe("true");
    await p.keyboard.press("ArrowUp");
    await p.keyboard.press("ArrowRight");
    expect(await serverId.getAttribute("aria-expanded")).toBe("true");
    expect(await item(p, /^duid: 1 \(LLT\)/).isVisible()).toBe(true);
    // Only the selected item is in the tab order.
    expect(await p.locator('#tree [role=treeitem][tabindex="0"]').count()).toBe(1);
  });

  it("shows the DHCPv4 message inside a DHCP4o6 sample with its option names and bytes", async () => {
    const p = await open();
    await p.selectOption("#samples", "dhcp4o6-data");
    await expect.poll(() => item(p, /^DHCPV4_MSG \(87\)/).count()).toBe(1);
    for (const name of [/^dhcpv4Message: DHCPLEASEQUERYSTATUS \(17\)/, /^dhcp-message-type \(53\)/, /^end \(255\)/]) {
      expect(await item(p, name).count()).toBe(1);
    }
    // vectors/v4/dhcp4o6-leasequery-data-status.json: the DHCPv4 message starts at byte 22, so its
    // status-code option (97 01 07) at 22 + 243 = 265, and the magic cookie at 22 + 236 = 258.
    const status = item(p, /^status-code \(151\)/);
    expect(await status.locator(":scope > .row .rfc").textContent()).toBe("RFC 6926 §6.2.2");
    await status.locator(":scope > .row").click();
    expect(await highlighted(p)).toEqual([
      [265, "97"],
      [266, "01"],
      [267, "07"],
    ]);
    await item(p, /^magicCookie/)
      .locator(":scope > .row")
      .click();
    expect((await highlighted(p)).map(([, h]) => h).join("")).toBe("63825363");
  });

  it("lists the DHCP messages of a capture picked with the file input, and shows each on click", async () => {
    const p = await open();
    await p.setInputFiles("#file", `${ROOT}test/capture/fixtures/mixed.pcapng`);
    const expected = tsharkMessageTypes("mixed.pcapng");
    await expect.poll(() => p.locator("#message-list li").count()).toBe(expected.length);
    const names = await p.locator("#message-list .name").allTextContents();
    expect(names.map((n) => Number(/\((\d+)\)$/.exec(n)?.[1]))).toEqual(expected);
    expect(await p.isVisible("#messages")).toBe(true);
    // The first message is shown at once. The fixture's DHCPv6 payloads are
    // filler after the header (5a 5a ...), so its first option-len (bytes
    // 6-7, 0x5a5a) runs past the 24 bytes: the error view says so.
    expect(await p.textContent("#status")).toContain("mixed.pcapng: message 1 of 9");
    expect(await p.textContent("#error-list .code")).toBe("truncated");
    expect(await p.textContent("#error-list .offset")).toBe("byte 6");
    // The last one is a bare LEASEQUERY-DATA header: 11 0a0b0c.
    await p.locator("#message-list button").nth(8).click();
    await expect.poll(() => item(p, /^LEASEQUERY-DATA \(17\)/).count()).toBe(1);
    expect(await p.isVisible("#errors")).toBe(false);
    expect(await item(p, /^transactionId: 0x0a0b0c/).count()).toBe(1);
    expect(await p.locator("#message-list button").nth(8).getAttribute("aria-pressed")).toBe("true");
    expect(await p.textContent("#status")).toContain("mixed.pcapng: message 9 of 9");
  });

  it("takes the CLI demo capture dropped on the page: every message listed and decoded", async () => {
    const p = await open();
    await drop(p, `${ROOT}cli/samples/demo.pcapng`, "demo.pcapng");
    // scripts/make-demo-capture.ts writes these vectors in this order: UDP
    // LEASEQUERY and REPLY, a UDP query by relay id, a Bulk Leasequery TCP
    // exchange, a DHCP4o6 one, then DHCPLEASEQUERY and DHCPLEASEACTIVE over
    // IPv4 (their option 53; the DHCPv6 ones: the vectors' first byte).
    const expected: [string, number][] = [
      ["udp", 14],
      ["udp", 15],
      ["udp", 14],
      ["tcp", 14],
      ["tcp", 15],
      ["tcp", 17],
      ["tcp", 17],
      ["tcp", 16],
      ["tcp", 14],
      ["tcp", 15],
      ["tcp", 17],
      ["tcp", 16],
      ["udp", 10],
      ["udp", 13],
    ];
    await expect.poll(() => p.locator("#message-list li").count()).toBe(expected.length);
    const names = await p.locator("#message-list .name").allTextContents();
    expect(names.map((n) => Number(/\((\d+)\)$/.exec(n)?.[1]))).toEqual(expected.map(([, t]) => t));
    const meta = await p.locator("#message-list .meta").allTextContents();
    expect(meta.map((m) => / over (udp|tcp),/.exec(m)?.[1])).toEqual(expected.map(([t]) => t));
    for (let i = 0; i < expected.length; i++) {
      await p.locator("#message-list button").nth(i).click();
      // A message that lies whole in one packet is shown inside its frame (level 1:
      // the frame, level 2: its headers and the message); a reassembled one alone.
      const root = () =>
        p.$$eval("#tree [role=treeitem]", (items) =>
          items
            .filter((i) => ["1", "2"].includes(i.getAttribute("aria-level") ?? ""))
            .map((i) => i.getAttribute("aria-label") ?? "")
            .find((l) => !l.startsWith("frame ") && !l.startsWith("link, IP and") && !l.startsWith("before the")),
        );
      await expect.poll(root).toMatch(new RegExp(`^\\S+ \\(${expected[i]?.[1]}\\)`));
      expect(await p.isVisible("#errors")).toBe(false);
    }
    // Message 10: the DHCP4o6 LEASEQUERY-REPLY, with DHCPLEASEACTIVE inside DHCPV4_MSG.
    await p.locator("#message-list button").nth(9).click();
    await expect.poll(() => item(p, /^dhcpv4Message: DHCPLEASEACTIVE \(13\)/).count()).toBe(1);
    expect(await p.getAttribute("#drop", "class")).not.toContain("over");
  });

  it("shows a real ISC dhcpd capture: each message in its frame, replies paired, the hlen-255 reply's anomaly shown", async () => {
    const p = await open();
    // test/capture/fixtures/isc/isc-dhcpv6.pcap: tshark frame 1 is 139 bytes,
    // Ethernet 14 + IPv6 40 + UDP 8 = 62 bytes before the LEASEQUERY.
    await p.selectOption("#samples", "capture-isc-v6");
    await expect.poll(() => p.textContent("#message-count")).toBe("16 message(s)");
    await expect.poll(() => p.locator("#hexview .b").count()).toBe(139);
    expect(await item(p, /^link, IP and UDP headers: 62 bytes/).count()).toBe(1);
    expect(await item(p, /^LEASEQUERY \(14\)/).getAttribute("aria-label")).toContain("@62+77");
    expect(await p.textContent("#go-pair")).toBe("Go to its reply: message 2");
    await p.click("#go-pair");
    await expect.poll(() => item(p, /^LEASEQUERY-REPLY \(15\)/).count()).toBe(1);
    expect(await item(p, /^cltTime: 1796585145/).count()).toBe(1);
    await p.fill("#filter", "0x0a0004");
    await expect.poll(() => p.textContent("#message-count")).toBe("2 of 16 message(s) match");

    // isc-dhcpv4.pcap, tshark frame 4: DHCPLEASEACTIVE with htype 0, hlen 255 (byte 2
    // of the message, 14 + 20 + 8 = 42 bytes into the frame). The inspector decodes
    // leniently by default: the message decodes, the anomaly is shown on hlen.
    await p.selectOption("#samples", "capture-isc-v4");
    await expect.poll(() => p.textContent("#message-count")).toBe("20 message(s)");
    await p.locator("#message-list button").nth(3).click();
    await expect.poll(() => item(p, /^DHCPLEASEACTIVE \(13\)/).count()).toBe(1);
    expect(await p.isVisible("#errors")).toBe(false);
    expect(
      await item(
        p,
        /^hlen: 255 \[anomaly: hlen 255 is more than the 16 bytes of chaddr; chaddr kept raw\]/,
      ).getAttribute("aria-label"),
    ).toContain("@44+1");
    // The options after the header: ciaddr 10.140.0.104 (bytes 12-15), lease time 0x1c0d at option 51.
    expect(await item(p, /^ciaddr: 10\.140\.0\.104/).count()).toBe(1);
    expect(await item(p, /^leaseTime: 7181 s/).count()).toBe(1);
    expect(await p.locator("#hexview .b").count()).toBe(325);
    // With "strict header", the library's default: the header is rejected, the error
    // placed at frame byte 44, the lenient decode's tree still shown.
    await p.check("#strict");
    await expect.poll(() => p.textContent("#error-list .code")).toBe("invalid-value");
    expect(await p.textContent("#error-list .offset")).toBe("byte 2");
    expect(await p.textContent("#error-list .frame-offset")).toBe(" (byte 44 of the frame)");
    expect(await p.textContent("#error-list .path")).toBe("hlen");
    const marked = await p.$$eval("#hexview .b.err", (cells) => cells.map((c) => Number((c as HTMLElement).dataset.o)));
    expect(marked).toEqual([44]);
    expect(await item(p, /^hlen: 255 \[anomaly: /).count()).toBe(1);
    await p.uncheck("#strict");
    await expect.poll(() => p.isVisible("#errors")).toBe(false);
    // Its request is message 3.
    expect(await p.textContent("#go-pair")).toBe("Go to its request: message 3");
  });

  it("notes what the capture reader saw: a TCP stream without its handshake", async () => {
    const p = await open();
    await drop(p, `${ROOT}test/capture/fixtures/text2pcap-tcp.pcapng`, "text2pcap-tcp.pcapng");
    const expected = tsharkMessageTypes("text2pcap-tcp.pcapng");
    await expect.poll(() => p.locator("#message-list li").count()).toBe(expected.length);
    const names = await p.locator("#message-list .name").allTextContents();
    expect(names.map((n) => Number(/\((\d+)\)$/.exec(n)?.[1]))).toEqual(expected);
    // text2pcap writes no handshake: the reader says so.
    expect(await p.textContent("#capture-notes")).toContain("tcp-no-handshake");
  });

  it("shows a decode error with its code, offset and path, and marks the offending byte", async () => {
    const p = await open();
    const bad = vector("vectors/negative/option-len-past-input.json");
    await p.fill("#hex", bad.hex);
    await p.press("#hex", "Control+Enter");
    await expect.poll(() => p.isVisible("#errors")).toBe(true);
    expect(await p.textContent("#error-list .code")).toBe(bad.error?.code);
    expect(await p.textContent("#error-list .offset")).toBe(`byte ${bad.error?.offset}`);
    expect(await p.textContent("#error-list .path")).toBe(bad.error?.path);
    const marked = await p.$$eval("#hexview .b.err", (cells) => cells.map((c) => Number((c as HTMLElement).dataset.o)));
    expect(marked).toEqual([bad.error?.offset]);
    expect(await p.getAttribute("#status", "class")).toContain("error");
    // The partial tree: the header (bytes 0-3) decodes, the SERVERID that runs
    // past the end does not: bytes 4-14 are shown as not decoded, with the error.
    expect(await item(p, /^msgType: 15/).count()).toBe(1);
    expect(await item(p, /^transactionId: 0x00beef/).count()).toBe(1);
    const rest = item(p, /^not decoded: 11 byte\(s\): truncated at byte 6/);
    expect(await rest.count()).toBe(1);
    await rest.locator(":scope > .row").click();
    expect((await highlighted(p)).map(([o]) => o)).toEqual(range(4, 11));

    // A DHCPv4 message inside DHCPV4_MSG that lacks its end option (a bundled sample).
    const nested = vector("vectors/v4/negative/nested-missing-end.json");
    await p.selectOption("#samples", "bad-nested-v4");
    await expect.poll(() => p.textContent("#error-list .path")).toBe(nested.error?.path);
    expect(await p.textContent("#error-list .offset")).toBe(`byte ${nested.error?.offset}`);
    const marked2 = await p.$$eval("#hexview .b.err", (cells) =>
      cells.map((c) => Number((c as HTMLElement).dataset.o)),
    );
    expect(marked2).toEqual([nested.error?.offset]);

    // Text that is not hex is refused before decoding, and nothing of the previous message stays.
    await p.fill("#hex", "0f 00 be e");
    await p.click("#decode");
    expect(await p.textContent("#status")).toContain("odd number of digits");
    expect(await p.textContent("#status")).toContain("at character 9 (line 1, column 10)");
    expect(await p.locator("#tree [role=treeitem]").count()).toBe(0);
    expect(await p.locator("#hexview .b").count()).toBe(0);
    expect(await p.isVisible("#errors")).toBe(false);
  });

  it("lists validate diagnostics for a message that decodes but breaks a rule, and selects the node", async () => {
    const p = await open();
    // ACTIVELEASEQUERY (vectors/v6/activeleasequery-start-time.json, 57 bytes) with an LQ_END_TIME appended at byte 57.
    const hex = `${vector("vectors/v6/activeleasequery-start-time.json").hex}006600042dc4eb40`;
    await p.fill("#hex", hex);
    await p.click("#decode");
    await expect.poll(() => p.locator("#diagnostics li").count()).toBe(1);
    const d = p.locator("#diagnostics li");
    expect(await d.getAttribute("class")).toBe("error");
    expect(await d.locator(".rule").textContent()).toBe("active-query-end-time");
    expect(await d.locator(".rfc").textContent()).toBe("RFC 7653 §6.3.3");
    expect(await d.locator(".path").textContent()).toBe("options[3](LQ_END_TIME)");
    const endTime = item(p, /^LQ_END_TIME \(102\)/);
    expect(await endTime.locator(".badge").textContent()).toContain("1 diagnostic");
    await d.locator("button").click();
    expect(await endTime.getAttribute("aria-selected")).toBe("true");
    expect((await highlighted(p)).map(([, h]) => h).join("")).toBe("006600042dc4eb40");
    expect(await p.$$eval("#hexview .b.diag", (c) => c.length)).toBe(8);
    // The same message is clean without the appended option.
    await p.fill("#hex", hex.slice(0, -16));
    await p.click("#decode");
    await expect.poll(() => p.locator("#diagnostics li").count()).toBe(0);
    expect(await p.textContent("#diagnostics-none")).toBe("No rule broken.");
  });

  it("splits a framed stream sample into its frames", async () => {
    const p = await open("#sample=bulk-stream");
    await expect.poll(() => item(p, /^framed stream: 3 frame\(s\)/).count()).toBe(1);
    const frame1 = item(p, /^frame 1/);
    await frame1.locator(":scope > .row").click();
    // Frame 0 is the 2-byte size and LEASEQUERY-REPLY of vectors/v6/leasequery-reply-bulk-full.json.
    const first = vector("vectors/v6/leasequery-reply-bulk-full.json").hex.length / 2;
    const lit = await highlighted(p);
    expect(lit[0]?.[0]).toBe(2 + first);
    expect(lit.length).toBe(2 + vector("vectors/v6/leasequery-data-nested-relay.json").hex.length / 2);
    expect(await item(p, /^LEASEQUERY-DONE \(16\)/).count()).toBe(1);

    // A stream cut inside its second frame (size 5, 3 bytes left): the first frame is still shown.
    await p.selectOption("#format", "stream");
    await p.fill("#hex", "0004 10000001 0005 110000");
    await p.click("#decode");
    await expect.poll(() => p.textContent("#error-list .path")).toBe("frames[1]");
    expect(await p.textContent("#error-list .code")).toBe("truncated");
    expect(await item(p, /^framed stream: 1 frame\(s\)/).count()).toBe(1);
    expect(await item(p, /^LEASEQUERY-DONE \(16\)/).count()).toBe(1);
  });
});
