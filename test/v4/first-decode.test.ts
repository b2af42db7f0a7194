// The DHCPv4 decoder keeps a scratch table at module level (which codes an
// options field holds, src/schema/option-area.ts). Nothing it leaves behind
// may change a later answer, and it must not need anything a previous
// decode left there: this file's first decode, in a fresh module (vitest
// runs each file in its own), is a message whose option 51 comes in two
// instances apart (option 200 between them), which RFC 3396 §7 joins into
// one value; the second instance stays as a continuation entry.
import { expect, it } from "vitest";
import { decodeDhcpv4 } from "../../src/v4/message.js";
import { message, opt } from "./helpers.js";

const joined = message([...opt(51, [0, 0]), ...opt(200, []), ...opt(51, [0, 1]), 255]);
const expected = [
  { code: 51, leaseTime: 1 },
  { code: 200, data: new Uint8Array(0) },
  { code: 51, continuation: 2 },
  { code: 255 },
];

it("joins the instances of an option in the first message decoded, and in later ones", () => {
  expect(decodeDhcpv4(joined).options).toEqual(expected);
  expect(decodeDhcpv4(message([0, ...opt(53, [5]), 255])).options).toHaveLength(3);
  expect(decodeDhcpv4(joined).options).toEqual(expected);
});
