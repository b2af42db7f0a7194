/**
 * Runs every vector file in vectors/. A positive vector is checked four
 * ways (decode, encode, both compositions) plus encodingLength and
 * encodeInto at a non-zero offset; a negative one must throw a DecodeError
 * with the recorded code, offset and (when given) path.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { hex, isDecodeError, toHex } from "../src/index.js";
import { CODECS } from "./helpers/codecs.js";
import { fromJsonForm, type Json, toJsonForm } from "./helpers/json-form.js";

interface Vector {
  name: string;
  rfc: string;
  codec: string;
  hex: string;
  decoded?: Json;
  error?: { code: string; offset: number; path?: string };
  decodeOptions?: Record<string, unknown>;
}

const root = join(__dirname, "..", "vectors");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return walk(p);
    return f.endsWith(".json") ? [p] : [];
  });
}

const files = walk(root).sort();

describe("vectors", () => {
  it("has vector files", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    const v = JSON.parse(readFileSync(file, "utf8")) as Vector;
    const codec = CODECS[v.codec];
    it(`${relative(root, file)}: ${v.name}`, () => {
      expect(codec, `unknown codec ${v.codec}`).toBeDefined();
      if (!codec) return;
      expect(v.rfc, "every vector names its RFC").toMatch(/\S/);
      const bytes = hex(v.hex);
      if (v.error) {
        expect(v.decoded).toBeUndefined();
        let thrown: unknown;
        try {
          codec.decode(bytes, v.decodeOptions);
        } catch (e) {
          thrown = e;
        }
        expect(isDecodeError(thrown), String(thrown)).toBe(true);
        if (!isDecodeError(thrown)) return;
        expect({ code: thrown.code, offset: thrown.offset }).toEqual({ code: v.error.code, offset: v.error.offset });
        if (v.error.path !== undefined) expect(thrown.path).toBe(v.error.path);
        return;
      }
      expect(v.decoded, "positive vectors carry the decoded value").toBeDefined();
      const expected = fromJsonForm(v.decoded as Json);
      // 1. decode gives the recorded value
      const got = codec.decode(bytes, v.decodeOptions);
      expect(toJsonForm(got)).toEqual(v.decoded);
      // 2. encode of the recorded value gives the bytes
      expect(toHex(codec.encode(expected))).toBe(v.hex.toLowerCase());
      // 3. encode(decode(bytes)) is byte-identical
      expect(toHex(codec.encode(got))).toBe(v.hex.toLowerCase());
      // 4. decode(encode(value)) gives the value back
      expect(toJsonForm(codec.decode(codec.encode(expected), v.decodeOptions))).toEqual(v.decoded);
      if (codec.encodingLength && codec.encodeInto) {
        expect(codec.encodingLength(expected)).toBe(bytes.length);
        const dest = new Uint8Array(bytes.length + 7).fill(0xee);
        expect(codec.encodeInto(expected, dest, 5)).toBe(bytes.length);
        expect(toHex(dest.subarray(5, 5 + bytes.length))).toBe(v.hex.toLowerCase());
        expect(dest[4]).toBe(0xee);
        expect(dest[5 + bytes.length]).toBe(0xee);
      }
    });
  }
});
