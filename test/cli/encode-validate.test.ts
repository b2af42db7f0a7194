import { describe, expect, it } from "vitest";
import { cat, framed } from "./capture-builders.js";
import { runCli } from "./fake-io.js";
import { vectorBytes, vectorHex } from "./vectors.js";

const HEXES = [
  vectorHex("v6/leasequery-by-address.json"),
  vectorHex("v4/dhcp4o6-leasequery-data-unassigned.json"),
  vectorHex("v4/lease-active.json"),
  vectorHex("v4/overload-both-split-82.json"),
];

describe("encode", () => {
  it("turns decode --json output back into the same bytes", async () => {
    const decoded = await runCli(["--json", "-"], { stdin: HEXES.join("\n") });
    expect(decoded.code).toBe(0);
    const encoded = await runCli(["encode", "-"], { stdin: decoded.stdout });
    expect(encoded.code).toBe(0);
    expect(encoded.stdout).toBe(`${HEXES.join("\n")}\n`);
  });

  it("takes bare messages (DHCPv6 by msgType, DHCPv4 by op), arrays, and frames or writes a file", async () => {
    const one = await runCli(["encode", '{"msgType":23,"transactionId":1,"options":[]}']);
    expect(one.stdout).toBe("17000001\n");
    const v4 = await runCli(["--json", HEXES[2] as string]);
    const message = JSON.stringify((JSON.parse(v4.stdout) as { message: unknown }).message);
    const r = await runCli(["encode", "--framed", "-o", "out.bin", "m.json"], {
      files: { "m.json": `[${message}, {"msgType":23,"transactionId":1,"options":[]}]` },
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("wrote 2 message(s), 354 bytes, to out.bin\n");
    expect(Buffer.from(r.written.get("out.bin") as Uint8Array).toString("hex")).toBe(
      Buffer.from(cat(framed(vectorBytes("v4/lease-active.json")), framed(Uint8Array.of(23, 0, 0, 1)))).toString("hex"),
    );
  });

  it("names the path of a value that does not encode, and rejects what is not JSON messages", async () => {
    const bad = await runCli(["encode", '{"msgType":14,"transactionId":1,"options":[{"code":46,"cltTime":-1}]}']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: record 1: cannot encode options\[0\]\(CLT_TIME\)\.cltTime: /);
    const notJson = await runCli(["encode", "-"], { stdin: "{\n" });
    expect(notJson).toMatchObject({ code: 1, stderr: expect.stringMatching(/^error: line 1 is not JSON/) });
    const neither = await runCli(["encode", '{"x":1}']);
    expect(neither.stderr).toBe("error: record 1 has neither msgType (DHCPv6) nor op (DHCPv4)\n");
    // Records that are not messages (diagnostics, input warnings) are skipped.
    const skipped = await runCli(["encode", "-"], { stdin: '{"type":"input-warning","message":"x"}\n' });
    expect(skipped).toMatchObject({ code: 0, stdout: "" });
  });

  it("refuses an RFC 3396 continuation count beyond its value without sizing anything by it", async () => {
    const decoded = await runCli(["--json", "-"], { stdin: vectorHex("v4/lease-active.json") });
    const record = JSON.parse(decoded.stdout.split("\n")[0] as string) as { message: { options: unknown[] } };
    // dhcp-message-type (53) has 1 byte; a later run claims 2^53 - 1 more.
    record.message.options.splice(1, 0, { code: 0 }, { code: 53, continuation: 2 ** 53 - 1 });
    const r = await runCli(["encode", JSON.stringify(record)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: record 1: cannot encode options\[0\]\(dhcp-message-type\): /);
  });
});

describe("validate", () => {
  it("prints diagnostics only and exits 1 on an error", async () => {
    const r = await runCli(["validate", vectorHex("v6/leasequery-by-relay-id.json"), "--exchange", "udp"]);
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n")).toEqual([
      "#1 hex argument (67 bytes): ✖ error query-type-tcp-only: query-type 3 is for Bulk and Active Leasequery over TCP only, not for UDP Leasequery  [RFC 5460 §3] (at options[1](LQ_QUERY).queryType)",
      "1 message(s), 1 error(s), 0 warning(s)",
      "",
    ]);
  });

  it("exits 0 for clean messages, 1 when one does not decode", async () => {
    const clean = await runCli(["validate", HEXES[0] as string]);
    expect(clean).toMatchObject({ code: 0, stdout: "1 message(s), 0 error(s), 0 warning(s)\n" });
    const broken = await runCli(["validate", "0f000001002d0007002e0003000e10"]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain("error at byte 10 (options[0](CLIENT_DATA).options[0](CLT_TIME))");
  });

  it("checks a reply against its query on the same stream", async () => {
    // A query whose ORO asks for LQ_BASE_TIME (100), then a LEASEQUERY-DONE with the same xid and no options.
    const query = vectorHex("v6/leasequery-by-relay-id.json");
    const xid = query.slice(2, 8);
    const done = `10${xid}`;
    const paired = await runCli(["validate", "--json", "-"], { stdin: `${query}\n${done}\n` });
    const rules = paired.stdout
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { rule: string; index: number }).index + (JSON.parse(l) as { rule: string }).rule);
    expect(rules).toContain("2base-time-missing");
    const alone = await runCli(["validate", done]);
    expect(alone.code).toBe(0);
  });
});
