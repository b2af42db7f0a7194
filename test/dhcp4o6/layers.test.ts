/**
 * Layers point down: the DHCPv4 layer knows nothing of DHCPv6 (DHCPv6's
 * OPTION_DHCPV4_MSG uses the DHCPv4 codec, not the other way round), and the
 * DHCP4o6 leasequery exchange lives in src/dhcp4o6/, above both.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const importsOf = (dir: string): [string, string][] =>
  readdirSync(join(__dirname, "..", "..", "src", dir))
    .filter((f) => f.endsWith(".ts"))
    .flatMap((f) => {
      const text = readFileSync(join(__dirname, "..", "..", "src", dir, f), "utf8");
      return [...text.matchAll(/^(?:import|export)[^;]*?from\s+"([^"]+)"/gm)].map((m): [string, string] => [
        f,
        m[1] as string,
      ]);
    });

describe("layering", () => {
  it("src/v4 imports nothing from src/v6 or src/dhcp4o6", () => {
    const up = importsOf("v4").filter(([, from]) => /^\.\.\/(v6|dhcp4o6)\//.test(from));
    expect(up).toEqual([]);
  });
});
