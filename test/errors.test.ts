// DecodeError and EncodeError: their fields, how the message is composed from
// them (offset, path, reason), how paths join while an error propagates (the
// module's example path `options[2](CLIENT_DATA).options[1](IAADDR).validLifetime`),
// and the shape guards, which must accept any object of the right shape
// (errors from another copy of the library) and nothing else.
import { describe, expect, it } from "vitest";
import { DecodeError, EncodeError, isDecodeError, isEncodeError } from "../src/index.js";

describe("DecodeError", () => {
  it("keeps code, offset, reason and path, and composes its message from them", () => {
    const e = new DecodeError("truncated", 7, "needs 2 more bytes");
    expect(e).toBeInstanceOf(Error);
    expect([e.name, e.code, e.offset, e.reason, e.path]).toEqual([
      "DecodeError",
      "truncated",
      7,
      "needs 2 more bytes",
      "",
    ]);
    // At the top (no path) the message gives the offset and the reason only.
    expect(e.message).toContain("byte 7");
    expect(e.message).toContain("needs 2 more bytes");
    expect(e.message).not.toContain("undefined");
    const at = new DecodeError("invalid-value", 12, "bad UTF-8", "options[0](STATUS_CODE).statusMessage");
    expect(at.path).toBe("options[0](STATUS_CODE).statusMessage");
    expect(at.message).toContain("options[0](STATUS_CODE).statusMessage");
    expect(at.message).toContain("byte 12");
    expect(at.message).toContain("bad UTF-8");
  });

  it("builds the path outwards while propagating, with no dot before an index", () => {
    // The module's example: options[2](CLIENT_DATA).options[1](IAADDR).validLifetime
    const e = new DecodeError("truncated", 3, "r", "validLifetime");
    e.prefixPath("[1](IAADDR)").prefixPath("options");
    expect(e.path).toBe("options[1](IAADDR).validLifetime");
    const list = new DecodeError("truncated", 3, "r");
    list.prefixPath("[1](IAADDR)");
    expect(list.path).toBe("[1](IAADDR)");
    list.prefixPath("options");
    expect(list.path).toBe("options[1](IAADDR)");
    list.prefixPath("options[2](CLIENT_DATA)");
    expect(list.path).toBe("options[2](CLIENT_DATA).options[1](IAADDR)");
    // An empty segment leaves the path alone.
    list.prefixPath("");
    expect(list.path).toBe("options[2](CLIENT_DATA).options[1](IAADDR)");
    // The message follows the path.
    expect(list.message).toContain("options[2](CLIENT_DATA).options[1](IAADDR)");
    expect(list.message).toContain("byte 3");
  });
});

describe("EncodeError", () => {
  it("keeps code, reason and path, and puts the path before the reason", () => {
    const e = new EncodeError("out-of-range", "must be 0-255");
    expect([e.name, e.code, e.reason, e.path, e.message]).toEqual([
      "EncodeError",
      "out-of-range",
      "must be 0-255",
      "",
      "must be 0-255",
    ]);
    const at = new EncodeError("too-long", "too many bytes", "options[0]");
    expect(at.message).toMatch(/^options\[0\]\W.*too many bytes$/);
    e.prefixPath("hopCount");
    expect(e.path).toBe("hopCount");
    expect(e.message).toMatch(/^hopCount\W.*must be 0-255$/);
    e.prefixPath("[3]").prefixPath("options");
    expect(e.path).toBe("options[3].hopCount");
  });
});

describe("shape guards", () => {
  const decodeShape = { name: "DecodeError", code: "truncated", offset: 0, path: "" };
  const encodeShape = { name: "EncodeError", code: "too-long", path: "" };

  it("accept the errors of this library and look-alikes from another copy of it", () => {
    expect(isDecodeError(new DecodeError("empty-frame", 0, "r"))).toBe(true);
    expect(isDecodeError(decodeShape)).toBe(true);
    expect(isEncodeError(new EncodeError("buffer-too-small", "r"))).toBe(true);
    expect(isEncodeError(encodeShape)).toBe(true);
  });

  it("reject anything missing one part of the shape", () => {
    for (const bad of [
      null,
      undefined,
      "DecodeError",
      { ...decodeShape, name: "EncodeError" },
      { ...decodeShape, name: undefined },
      { ...decodeShape, code: "too-long" },
      { ...decodeShape, code: undefined },
      { ...decodeShape, offset: "0" },
      { ...decodeShape, offset: undefined },
      { ...decodeShape, path: 0 },
      { ...decodeShape, path: undefined },
      new Error("plain"),
    ]) {
      expect(isDecodeError(bad), JSON.stringify(bad)).toBe(false);
    }
    for (const bad of [
      null,
      undefined,
      "EncodeError",
      { ...encodeShape, name: "DecodeError" },
      { ...encodeShape, name: undefined },
      { ...encodeShape, code: "truncated" },
      { ...encodeShape, code: undefined },
      { ...encodeShape, path: 0 },
      { ...encodeShape, path: undefined },
      new Error("plain"),
    ]) {
      expect(isEncodeError(bad), JSON.stringify(bad)).toBe(false);
    }
  });
});
