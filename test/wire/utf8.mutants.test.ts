/**
 * Cases added for surviving mutants of src/wire/utf8.ts (see MUTATION.md):
 * UTF-8 lengths at each encoding boundary (RFC 3629 section 3) and the
 * surrogate checks.
 */
import { describe, expect, it } from "vitest";
import { EncodeError } from "../../src/index.js";
import { utf8Length } from "../../src/wire/utf8.js";

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
    expect(() => utf8Length(s)).toThrow("string has a lone surrogate, which UTF-8 cannot carry");
  });

  it("refuses a non-string, naming its type", () => {
    const e = (() => {
      try {
        utf8Length(3);
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(EncodeError);
    expect((e as EncodeError).reason).toBe("expected a string, got number");
  });
});
