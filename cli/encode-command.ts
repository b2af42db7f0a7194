/**
 * `encode`: the JSON form back to bytes, as hex lines, or framed, or to a
 * file.
 * @module
 */
import {
  type Dhcpv4Message,
  type Dhcpv6Message,
  EncodeError,
  encode,
  encodeDhcpv4,
  frame,
  toHex,
} from "../src/index.js";
import type { Args } from "./args.js";
import { InputError } from "./input.js";
import type { CliIo } from "./io.js";
import { fromJsonForm, type Json, JsonFormError } from "./json-form.js";

/** One message to encode and where it was in the JSON. */
interface Item {
  readonly kind: "dhcpv4" | "dhcpv6";
  readonly value: unknown;
  /** Position in the JSON: `record 3`, `record 1[2]`. */
  readonly where: string;
}

/** A JSON input that cannot be read as messages: exit status 1. */
export class JsonInputError extends Error {
  override readonly name = "JsonInputError";
}

async function text(chunks: AsyncIterable<Uint8Array>): Promise<string> {
  const d = new TextDecoder();
  let s = "";
  for await (const c of chunks) s += d.decode(c, { stream: true });
  return s + d.decode();
}

/** The JSON values of a text: one document, or one per line (what decode --json prints). */
function parseJson(s: string): Json[] {
  try {
    return [JSON.parse(s) as Json];
  } catch {}
  const out: Json[] = [];
  s.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    try {
      out.push(JSON.parse(line) as Json);
    } catch (e) {
      throw new JsonInputError(`line ${i + 1} is not JSON: ${(e as Error).message}`);
    }
  });
  return out;
}

function isObject(v: Json): v is { [k: string]: Json } {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** A message's JSON form as a value, or a JsonInputError saying where it is not one. */
function messageValue(v: Json, where: string, path: string): unknown {
  try {
    return fromJsonForm(v, path);
  } catch (e) {
    if (!(e instanceof JsonFormError)) throw e;
    throw new JsonInputError(`${where}: ${e.message}`);
  }
}

/** The messages a JSON value holds: decode --json records, bare messages, or arrays of either. */
function itemsOf(v: Json, where: string, forced: Args["kind"], out: Item[]): void {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) itemsOf(v[i] as Json, `${where}[${i}]`, forced, out);
    return;
  }
  if (!isObject(v)) throw new JsonInputError(`${where} is not a message object`);
  if (typeof v.type === "string") {
    // A decode --json record: only message records carry a message.
    if (v.type !== "message") return;
    const kind = v.kind === "dhcpv4" ? "dhcpv4" : "dhcpv6";
    if (!isObject(v.message ?? null)) throw new JsonInputError(`${where}: message is not a message object`);
    out.push({ kind: forced ?? kind, value: messageValue(v.message as Json, where, "message"), where });
    return;
  }
  const kind = forced ?? ("op" in v ? "dhcpv4" : "msgType" in v ? "dhcpv6" : undefined);
  if (kind === undefined) throw new JsonInputError(`${where} has neither msgType (DHCPv6) nor op (DHCPv4)`);
  out.push({ kind, value: messageValue(v, where, ""), where });
}

async function readJson(args: Args, io: CliIo): Promise<Json[]> {
  const inputs = args.inputs.length === 0 ? ["-"] : args.inputs;
  const out: Json[] = [];
  for (const input of inputs) {
    if (input === "-") {
      out.push(...parseJson(await text(io.stdin())));
      continue;
    }
    const info = await io.stat(input);
    if (info?.isFile) out.push(...parseJson(await text(io.readFile(input, 1 << 16))));
    else if (info === undefined && /^\s*[[{]/.test(input)) out.push(...parseJson(input));
    else throw new InputError(info ? `${input} is not a file` : `${input}: no such file, and not JSON text`);
  }
  return out;
}

/** Runs `encode`; exit status 1 for JSON that is not messages or a value that does not encode. */
export async function runEncode(args: Args, io: CliIo): Promise<number> {
  const items: Item[] = [];
  const docs = await readJson(args, io);
  docs.forEach((d, i) => {
    itemsOf(d, `record ${i + 1}`, args.kind, items);
  });
  const encoded: Uint8Array[] = [];
  for (const it of items) {
    try {
      const bytes = it.kind === "dhcpv4" ? encodeDhcpv4(it.value as Dhcpv4Message) : encode(it.value as Dhcpv6Message);
      encoded.push(args.framed ? frame(bytes) : bytes);
    } catch (e) {
      // A value of the wrong JSON type (a string for a list, a number for bytes) can reach the
      // encoders as a TypeError without a path: it is still reported against its record.
      const why = e instanceof EncodeError ? `${e.path ? ` ${e.path}` : ""}: ${e.reason}` : `: ${(e as Error).message}`;
      await io.stderr.write(`error: ${it.where}: cannot encode${why}\n`);
      return 1;
    }
  }
  if (args.output !== undefined) {
    const all = new Uint8Array(encoded.reduce((n, b) => n + b.length, 0));
    let at = 0;
    for (const b of encoded) {
      all.set(b, at);
      at += b.length;
    }
    await io.writeFile(args.output, all);
    await io.stderr.write(`wrote ${encoded.length} message(s), ${all.length} bytes, to ${args.output}\n`);
  } else {
    for (const b of encoded) await io.stdout.write(`${toHex(b)}\n`);
  }
  return 0;
}
