import { describe, expect, it } from "vitest";
import { runCli } from "./fake-io.js";

const encode = (json: string) => runCli(["encode", json]);

describe("encode: JSON that is not a message says what is wrong, and where", () => {
  it("rejects a $hex that is not a string of hex digits, at its path", async () => {
    const r = await encode('{"msgType":14,"transactionId":1,"options":[{"code":18,"interfaceId":{"$hex":123}}]}');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: record 1: options\[0\]\.interfaceId\.\$hex: /);
    const odd = await encode('{"msgType":14,"transactionId":1,"options":[{"code":18,"interfaceId":{"$hex":"abc"}}]}');
    expect(odd.stderr).toMatch(/^error: record 1: options\[0\]\.interfaceId\.\$hex: /);
  });

  it("rejects null at its path, and a record whose message is not an object", async () => {
    const r = await encode('{"msgType":14,"transactionId":1,"options":null}');
    expect(r).toMatchObject({ code: 1, stderr: expect.stringMatching(/^error: record 1: options: null /) });
    const record = await runCli(["encode", "-"], { stdin: '{"type":"message","kind":"dhcpv6","message":null}\n' });
    expect(record).toMatchObject({ code: 1, stderr: "error: record 1: message is not a message object\n" });
    const inRecord = await runCli(["encode", "-"], {
      stdin: '{"type":"message","kind":"dhcpv6","message":{"msgType":23,"transactionId":null,"options":[]}}\n',
    });
    expect(inRecord.stderr).toMatch(/^error: record 1: message\.transactionId: null /);
  });

  it("rejects a __proto__ key instead of using it as a prototype", async () => {
    // As a prototype, interfaceId would be inherited and the option would encode with it.
    const r = await encode(
      '{"msgType":14,"transactionId":1,"options":[{"code":18,"__proto__":{"interfaceId":{"$hex":"01"}}}]}',
    );
    expect(r).toMatchObject({ code: 1, stdout: "" });
    expect(r.stderr).toMatch(/^error: record 1: options\[0\]\.__proto__: /);
    expect(Object.prototype).not.toHaveProperty("interfaceId");
  });

  it("reports a value of the wrong JSON type against its record, without a stack trace", async () => {
    const r = await encode('{"msgType":14,"transactionId":1,"options":"x"}');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: record 1: cannot encode options: /);
    expect(r.stderr.split("\n")).toHaveLength(2);
  });
});
