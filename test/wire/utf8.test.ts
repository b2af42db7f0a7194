// UTF-8 lengths at each encoding boundary (RFC 3629 section 3) and the
// surrogate checks.
import { describe, expect, it } from "vitest";
import { utf8Length } from "../../src/wire/utf8.js";
import { encodeErrorOf } from "../helpers/errors.js";

describe("utf8Length", () => {
  it.each([
    ["\u007f", 1],
    ["\u0080", 2],
    ["\u07ff", 2],
    ["\u0800", 3],
    ["\ud7ff", 3],
    ["\ue000", 3],
    ["\ud800\udc00", 4],
    ["\udbff\udfff", 4],
  ])("%j takes %i byte(s)", (s, n) => {
    expect(utf8Length(s)).toBe(n);
  });

  it.each(["\udfff", "\udc00", "\ud800\ue000", "\ud800a", "\udbff"])("refuses the lone surrogate in %j", (s) => {
    const e = encodeErrorOf(() => utf8Length(s));
    expect([e.code, e.path]).toEqual(["invalid-value", ""]);
  });

  it("refuses a non-string", () => {
    const e = encodeErrorOf(() => utf8Length(3));
    expect([e.code, e.path]).toEqual(["invalid-value", ""]);
  });
});
