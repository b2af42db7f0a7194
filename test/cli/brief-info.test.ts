import { describe, expect, it } from "vitest";
import { runCli } from "./fake-io.js";
import { vectorHex } from "./vectors.js";

/** The --brief line of one hex message, after the `#1 hex argument (N bytes): ` heading. */
async function brief(hex: string): Promise<string> {
  const r = await runCli(["--brief", hex]);
  return (r.stdout.split("\n")[0] as string).replace(/^#1 hex argument \(\d+ bytes\): /, "");
}

describe("--brief, after Wireshark's Info column", () => {
  it("shows the message type, the transaction-id and the queried address of a DHCPv6 message", async () => {
    // vectors/v6/leasequery-by-address.json: xid 0x00beef, IAADDR 2001:db8:1::100, link-address ::.
    expect(await brief(vectorHex("v6/leasequery-by-address.json"))).toBe(
      "LEASEQUERY (14) XID: 0x00beef address: 2001:db8:1::100",
    );
  });

  it("shows the BOOTP xid, ciaddr and chaddr of a DHCPv4 message, leaving out unset ones", async () => {
    // vectors/v4/lease-active.json: xid 0x12345678, ciaddr 192.0.2.5, yiaddr 0.0.0.0, chaddr 02:00:00:00:00:01.
    expect(await brief(vectorHex("v4/lease-active.json"))).toBe(
      "DHCPLEASEACTIVE (13) XID: 0x12345678 ciaddr: 192.0.2.5 chaddr: 02:00:00:00:00:01",
    );
  });

  it("finds the DHCPv4 message's address inside DHCP4o6", async () => {
    // vectors/v4/dhcp4o6-leasequery-data-unassigned.json: xid 3, ciaddr 192.0.2.9, chaddr all zero.
    expect(await brief(vectorHex("v4/dhcp4o6-leasequery-data-unassigned.json"))).toBe(
      "LEASEQUERY-DATA (17) XID: 0x000003 ciaddr: 192.0.2.9",
    );
  });
});
