/**
 * The inspector page (examples/inspector) in a real browser: Debian's
 * Chromium driven by playwright-core, the page opened from file:// (so it
 * works offline, without a server). Expected offsets, bytes, errors and
 * message lists come from the vectors' hand-written layouts and errors and
 * from what tshark read from the capture fixtures, not from the library.
 */
import { existsSync, readFileSync } from "node:fs";
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
const fixture = (name: string): Buffer => readFileSync(`${ROOT}test/capture/fixtures/${name}`);

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

async function open(hash = ""): Promise<Page> {
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  problems = [];
  requests = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(PAGE + hash);
  await page.waitForSelector("html[data-ready=true]");
  return page;
}

afterEach(async () => {
  // Offline: the page loads its own files and nothing else, and logs no error.
  expect(requests.filter((u) => !u.startsWith("file://"))).toEqual([]);
  expect(problems).toEqual([]);
  await page?.close();
});

/** The highlighted byte cells: `[offset, hex]` each. */
const highlighted = (p: Page): Promise<[number, string][]> =>
  p.$$eval("#hexview .b.hl", (cells) => cells.map((c) => [Number((c as HTMLElement).dataset.o), c.textContent ?? ""]));

const range = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => from + i);

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
    for (const name of [/^dhcpv4Message: 17 \(DHCPLEASEQUERYSTATUS\)/, /^dhcp-message-type \(53\)/, /^end \(255\)/]) {
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

  it("lists the DHCP messages of a capture picked with the file input", async () => {
    const p = await open();
    await p.setInputFiles("#file", `${ROOT}test/capture/fixtures/mixed.pcapng`);
    const expected = tsharkMessageTypes("mixed.pcapng");
    await expect.poll(() => p.locator("#message-list li").count()).toBe(expected.length);
    const names = await p.locator("#message-list .name").allTextContents();
    expect(names.map((n) => Number(/\((\d+)\)$/.exec(n)?.[1]))).toEqual(expected);
    expect(await p.isVisible("#messages")).toBe(true);
    // The first message is shown at once; another one on click.
    expect(await item(p, /^SOLICIT \(1\)/).count()).toBe(1);
    await p.locator("#message-list button").nth(4).click();
    await expect.poll(() => item(p, /^LEASEQUERY \(14\)/).count()).toBe(1);
    expect(await p.locator("#message-list button").nth(4).getAttribute("aria-pressed")).toBe("true");
    expect(await p.textContent("#status")).toContain("mixed.pcapng: message 5 of 9");
  });

  it("takes a capture dropped on the page", async () => {
    const p = await open();
    const bytes = [...fixture("text2pcap-tcp.pcapng")];
    await p.evaluate((data) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], "text2pcap-tcp.pcapng"));
      const target = document.getElementById("drop") as HTMLElement;
      target.dispatchEvent(new DragEvent("dragenter", { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, bytes);
    const expected = tsharkMessageTypes("text2pcap-tcp.pcapng");
    await expect.poll(() => p.locator("#message-list li").count()).toBe(expected.length);
    const names = await p.locator("#message-list .name").allTextContents();
    expect(names.map((n) => Number(/\((\d+)\)$/.exec(n)?.[1]))).toEqual(expected);
    // The capture starts mid-connection (text2pcap writes no handshake): the reader says so.
    expect(await p.textContent("#capture-notes")).toContain("tcp-no-handshake");
    expect(await p.getAttribute("#drop", "class")).not.toContain("over");
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
    expect(await p.locator("#tree [role=treeitem]").count()).toBe(0);

    // A DHCPv4 message inside DHCPV4_MSG that lacks its end option (a bundled sample).
    const nested = vector("vectors/v4/negative/nested-missing-end.json");
    await p.selectOption("#samples", "bad-nested-v4");
    await expect.poll(() => p.textContent("#error-list .path")).toBe(nested.error?.path);
    expect(await p.textContent("#error-list .offset")).toBe(`byte ${nested.error?.offset}`);
    const marked2 = await p.$$eval("#hexview .b.err", (cells) =>
      cells.map((c) => Number((c as HTMLElement).dataset.o)),
    );
    expect(marked2).toEqual([nested.error?.offset]);

    // Text that is not hex is refused before decoding.
    await p.fill("#hex", "0f 00 be e");
    await p.click("#decode");
    expect(await p.textContent("#status")).toContain("odd number of digits");
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
  });
});
