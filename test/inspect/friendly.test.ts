/**
 * friendlyTree: names and units added after the raw value, for display;
 * the tree given is not changed. Names from IANA's registries.
 */
import { describe, expect, it } from "vitest";
import type { TreeNode } from "../../src/index.js";
import { ENTERPRISE_NAMES, friendlyTree, HARDWARE_TYPE_NAMES } from "../../src/inspect/friendly.js";

const leaf = (label: string, value: string): TreeNode => ({
  label,
  value,
  offset: 0,
  length: 1,
  path: label,
  children: [],
});

describe("friendlyTree", () => {
  it("names hardware types and enterprise numbers, and leaves unknown numbers bare", () => {
    const root: TreeNode = {
      label: "duid",
      offset: 0,
      length: 10,
      path: "duid",
      children: [
        leaf("hardwareType", "1"),
        leaf("htype", "32"),
        leaf("enterpriseNumber", "2495"),
        leaf("htype", "999"),
      ],
    };
    const out = friendlyTree(root);
    expect(out.children.map((c) => c.value)).toEqual([
      "1 (Ethernet)",
      "32 (InfiniBand)",
      "2495 (Internet Systems Consortium)",
      "999",
    ]);
    expect(root.children[0]?.value).toBe("1");
    expect([HARDWARE_TYPE_NAMES[6], ENTERPRISE_NAMES[4491]]).toEqual(["IEEE 802", "CableLabs"]);
  });

  it("puts colons in link-layer addresses and d/h/m/s after durations of a minute or more", () => {
    expect(friendlyTree(leaf("linkLayerAddress", "00005e005301")).value).toBe("00:00:5e:00:53:01");
    expect(friendlyTree(leaf("validLifetime", "7200 s")).value).toBe("7200 s (2h)");
    expect(friendlyTree(leaf("secs", "59 s")).value).toBe("59 s");
    expect(friendlyTree(leaf("transactionId", "0x000001")).value).toBe("0x000001");
  });
});
