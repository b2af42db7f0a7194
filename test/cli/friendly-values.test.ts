import { describe, expect, it } from "vitest";
import { durationText } from "../../src/inspect/friendly.js";
import { runCli } from "./fake-io.js";
import { vectorHex } from "./vectors.js";

const tree = async (hex: string): Promise<string> => (await runCli(["--no-offsets", hex])).stdout;

describe("friendlier values in trees", () => {
  it("names hardware types and puts colons in DUID link-layer addresses", async () => {
    const t = await tree(vectorHex("v6/leasequery-by-address.json"));
    expect(t).toContain("├─ hardwareType: 1 (Ethernet)\n");
    expect(t).toContain("└─ linkLayerAddress: 00:00:5e:00:53:01\n");
    const v4 = await tree(vectorHex("v4/lease-active.json"));
    expect(v4).toContain("├─ htype: 1 (Ethernet)\n");
  });

  it("names common enterprise numbers", async () => {
    // vectors/v6/leasequery-by-remote-id.json: REMOTE_ID with enterprise-number 32473 (RFC 5612's example number).
    const t = await tree(vectorHex("v6/leasequery-by-remote-id.json"));
    expect(t).toContain("enterpriseNumber: 32473 (documentation example (RFC 5612))\n");
  });

  it("shows durations of a minute or more in d/h/m/s beside the seconds", async () => {
    // vectors/v4/lease-active.json: lease time 3600 s, client-last-transaction-time 60 s, secs 0 s.
    const v4 = await tree(vectorHex("v4/lease-active.json"));
    expect(v4).toContain("leaseTime: 3600 s (1h)\n");
    expect(v4).toContain("clientLastTransactionTime: 60 s (1m)\n");
    expect(v4).toContain("secs: 0 s\n");
    expect(durationText(93784)).toBe("1d 2h 3m 4s");
    expect(durationText(86400)).toBe("1d");
    expect(durationText(0)).toBe("0s");
    expect(durationText(4294967294)).toBe("49710d 6h 28m 14s");
  });
});
