import { describe, expect, it } from "vitest";
import { runCli } from "./fake-io.js";
import { vectorHex } from "./vectors.js";

describe("decode --json: option names beside codes", () => {
  it("puts $name right after code, for DHCPv6, nested and DHCPv4 options", async () => {
    const r = await runCli(["--json", vectorHex("v4/dhcp4o6-leasequery-data-unassigned.json")]);
    const m = (JSON.parse(r.stdout) as { message: { options: Record<string, unknown>[] } }).message;
    const [v4msg, clientData] = m.options as [Record<string, unknown>, Record<string, unknown>];
    expect(Object.keys(v4msg).slice(0, 2)).toEqual(["code", "$name"]);
    expect(v4msg).toMatchObject({ code: 87, $name: "DHCPV4_MSG" });
    expect(clientData).toMatchObject({ code: 45, $name: "CLIENT_DATA", options: [{ code: 46, $name: "CLT_TIME" }] });
    const inner = (v4msg.dhcpv4Message as { options: unknown[] }).options;
    expect(inner).toEqual([
      { code: 53, $name: "dhcp-message-type", messageType: 11 },
      { code: 156, $name: "dhcp-state", dhcpState: 1 },
      { code: 255, $name: "end" },
    ]);
  });

  it("is read back by encode, names ignored", async () => {
    const hex = vectorHex("v4/dhcp4o6-leasequery-data-unassigned.json");
    const decoded = await runCli(["--json", hex]);
    expect(decoded.stdout).toContain('"$name"');
    expect((await runCli(["encode", "-"], { stdin: decoded.stdout })).stdout).toBe(`${hex}\n`);
  });
});
