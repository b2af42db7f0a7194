/**
 * Inspection cost must grow linearly with the input, checked by counts
 * (bench/inspect-scaling.ts measures the time). The worst shape is a
 * DHCPv4 option 55 (RFC 2132 §9.8) given as one value in many RFC 3396
 * runs of 1 octet each, kept apart by pads, inside a DHCPV4-RESPONSE.
 */
import { describe, expect, it } from "vitest";
import { decode, formatMessage, inspectMessage, type TreeNode } from "../../src/index.js";
import { pieceMap } from "../../src/inspect/pieces.js";

/** DHCPV4-RESPONSE (21) holding DHCPV4_MSG (87): header, cookie, 53 = 13, `runs` x (55, 1, item, pad), end. */
function continuationRuns(runs: number): Uint8Array {
  const v4 = [2, ...new Array(235).fill(0), 99, 130, 83, 99, 53, 1, 13];
  for (let i = 0; i < runs; i++) v4.push(55, 1, (i % 254) + 1, 0);
  v4.push(255);
  return Uint8Array.from([21, 0, 0, 0, 0, 87, v4.length >> 8, v4.length & 0xff, ...v4]);
}

function count(n: TreeNode): number {
  return 1 + n.children.reduce((s, c) => s + count(c), 0);
}

function find(n: TreeNode, label: string): TreeNode | undefined {
  if (n.label === label) return n;
  for (const c of n.children) {
    const f = find(c, label);
    if (f) return f;
  }
  return undefined;
}

describe("pieceMap", () => {
  it("maps offsets in wire order with one step per offset and per piece", () => {
    // 1000 pieces of 1 octet, 4 octets apart (as the runs above).
    const n = 1000;
    const m = pieceMap(Array.from({ length: n }, (_, i) => ({ at: 100 + 4 * i, len: 1 })));
    for (let i = 0; i < n; i++) expect(m.map(i)).toBe(100 + 4 * i);
    // Each call looks at its piece once and the cursor moves n - 1 times.
    expect(m.steps).toBe(2 * n - 1);
  });

  it("finds an offset behind its cursor by binary search", () => {
    const n = 1024;
    const m = pieceMap(Array.from({ length: n }, (_, i) => ({ at: 10 * i, len: 2 })));
    expect(m.map(2 * n - 1)).toBe(10 * (n - 1) + 1);
    const before = m.steps;
    expect(m.map(3)).toBe(11);
    expect(m.steps - before).toBeLessThanOrEqual(Math.log2(n) + 2);
  });

  it("skips empty pieces and places the value's end just after its last byte", () => {
    const m = pieceMap([
      { at: 10, len: 2 },
      { at: 20, len: 0 },
      { at: 30, len: 3 },
    ]);
    expect([m.map(0), m.map(1), m.map(2), m.map(4), m.map(5)]).toEqual([10, 11, 30, 32, 33]);
    expect(m.map(2)).toBe(30);
  });
});

describe("inspecting RFC 3396 continuation runs", () => {
  it("builds a tree whose size is linear in the runs, with every item on its wire byte", () => {
    const base = count(inspectMessage(decode(continuationRuns(0))));
    for (const runs of [16, 256, 4096]) {
      const m = decode(continuationRuns(runs));
      const tree = inspectMessage(m);
      const prl = find(tree, "dhcp-parameter-request-list (55)") as TreeNode;
      const items = prl.children[0]?.children ?? [];
      expect(items.length).toBe(runs);
      // Item i is the data octet of run i: 8 (DHCPv6 header and option header) + 243 + 4i + 2.
      expect(items.map((c) => c.offset)).toEqual(Array.from({ length: runs }, (_, i) => 8 + 243 + 4 * i + 2));
      // Per run: its list item, its pad and (after the first) its continuation;
      // once: the option and its list.
      expect(count(tree) - base).toBe(3 * runs + 1);
    }
    expect(formatMessage(decode(continuationRuns(4096))).split("\n").length).toBeGreaterThan(2 * 4096);
  });
});
