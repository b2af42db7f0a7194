/**
 * Generates src/v6/types.generated.ts (readable named interfaces for the
 * DHCPv6 options, DUIDs and messages, from the declarations in
 * src/v6/schema.ts) and src/v4/types.generated.ts (the BOOTP header, the
 * DHCPv4 options and Relay Agent Information sub-options, from
 * src/v4/layout.ts and src/v4/schema.ts), with
 * `npm run types:generate`; biome leaves the generated files as written.
 * test/types/generated.test.ts checks the files are this output, and
 * test/types/generated-equals.ts that each interface equals the type
 * derived from its declaration.
 * @module
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { AnyCodec, Kind } from "../src/schema/codec.js";
import { describeCodec } from "../src/schema/describe.js";
import { BOOTP_HEADER } from "../src/v4/layout.js";
import { DHCPV4_OPTION_DEFS, RELAY_AGENT_SUBOPTION_DEFS } from "../src/v4/schema.js";
import { DHCPV4_OPTION_SUMMARIES, RELAY_AGENT_SUBOPTION_SUMMARIES } from "../src/v4/summaries.js";
import { duidTypeName, messageTypeName } from "../src/v6/codes.js";
import { DUID, MESSAGE_CODEC, OPTION_DEFS } from "../src/v6/schema.js";
import { OPTION_SUMMARIES } from "../src/v6/summaries.js";
import { pascal } from "./codegen-struct.js";

/** The doc of the raw form, which the code check alone does not narrow away. */
const RAW_OPTION_DOC = `/**
 * A DHCPv6 option kept as bytes ({@link RawOption}), typed so that a
 * declared option's field reads as \`undefined\` on it.
 *
 * A raw option can carry a declared code: one given as bytes to the encoder,
 * or one whose body did not decode under \`keepMalformedOptions\`. So after
 * \`o.code === OPTION.CLT_TIME\` the option is a CLT_TIME or a raw option, and
 * \`o.cltTime\` is \`number | undefined\`; checking the field (\`o.cltTime !==
 * undefined\`) narrows \`o\` to the declared option, and so does
 * \`isOption(o, OPTION.CLT_TIME)\` ({@link isOption}), which is also false for
 * a raw option. A code check alone cannot narrow further, because
 * \`code: number\` on the raw form matches every code.
 *
 * @example
 * \`\`\`ts
 * import { decodeOptions, OPTION } from "dhcp-leasequery";
 * const [o] = decodeOptions(new Uint8Array([0, 46, 0, 4, 0, 0, 0, 60]));
 * if (o?.code === OPTION.CLT_TIME && o.cltTime !== undefined) console.log(o.cltTime); // 60
 * \`\`\`
 */`;

export { pascal };

/** The TypeScript type of a field's value, naming the shared layouts. */
function typeText(codec: AnyCodec): string {
  const k = codec.kind;
  switch (k.type) {
    case "uint":
      return "number";
    case "ipv6":
    case "ipv4":
    case "utf8":
      return "string";
    case "bytes":
      return "Uint8Array";
    case "list":
      return `${typeText(k.item)}[]`;
    case "struct":
      return `{ ${k.fields.map(([n, c]) => `${n}: ${typeText(c)}`).join("; ")} }`;
    case "union":
      if (k.name === "DUID") return "Duid";
      throw new Error(`no type name for union ${k.name}`);
    case "ref":
      if (k.name === "message") return "Dhcpv6Message";
      if (k.name === "dhcpv4-message") return "Dhcpv4Message";
      throw new Error(`no type name for ref ${k.name}`);
    case "options":
      if (k.space === "dhcpv6") return "Dhcpv6Option[]";
      throw new Error(`no type name for options ${k.space}`);
    case "options8":
      if (k.space === "relay-agent" && !k.area) return "RelayAgentSubOption[]";
      throw new Error(`no type name for options ${k.space}`);
  }
}

/** A struct's fields as interface members, each with its layout as its doc. */
function fieldLines(body: Kind): string[] {
  if (body.type !== "struct") throw new Error(`expected a struct, got ${body.type}`);
  return body.fields.flatMap(([n, c]) => [`  /** ${describeCodec(c)} */`, `  ${n}: ${typeText(c)};`]);
}

/** The members of an interface: the tag, then each field. */
function members(tag: string, tagType: string, tagDoc: string, body: Kind): string[] {
  return [`  /** ${tagDoc} */`, `  ${tag}: ${tagType};`, ...fieldLines(body)];
}

function iface(doc: string, name: string, lines: string[]): string {
  return [`/** ${doc} */`, `export interface ${name} {`, ...lines, "}"].join("\n");
}

function union(doc: string, name: string, names: readonly string[]): string {
  return [`/** ${doc} */`, `export type ${name} =`, ...names.map((n) => `  | ${n}`)].join("\n").concat(";");
}

/**
 * The raw form of an option space: RawOption with every declared option's
 * field as absent, so that the field reads as `undefined` on it.
 */
function rawInterface(doc: string, name: string, defs: readonly { body: AnyCodec }[]): string {
  const fieldNames = new Set<string>();
  for (const d of defs) {
    const k = d.body.kind;
    if (k.type === "struct")
      for (const [n] of k.fields) if (!["code", "data", "malformed"].includes(n)) fieldNames.add(n);
  }
  return [
    doc,
    `export interface ${name} extends RawOption {`,
    ...[...fieldNames]
      .sort()
      .flatMap((n) => ["  /** A declared option's field, never on the raw form. */", `  readonly ${n}?: undefined;`]),
    "}",
  ].join("\n");
}

/** The name of the interface for the option called `name` (`CLT_TIME` to `CltTimeOption`). */
export const optionInterfaceName = (name: string): string => `${pascal(name)}Option`;

/** The generated module's text. */
export function generatedTypes(): string {
  const out: string[] = [
    [
      "// Generated by scripts/generate-types.ts from src/v6/schema.ts: do not edit.",
      "// Run `npm run types:generate` after changing a declaration.",
      "/**",
      " * Readable named types of the decoded DHCPv6 options, DUIDs and messages,",
      " * generated from their declarations.",
      " * @module",
      " */",
      'import type { RawOption } from "../schema/option.js";',
      'import type { Dhcpv4Message } from "../v4/schema.js";',
    ].join("\n"),
  ];
  const optionNames = OPTION_DEFS.map((d) => optionInterfaceName(d.name));
  for (const d of OPTION_DEFS) {
    out.push(
      iface(
        `OPTION_${d.name} (${d.code}, ${d.rfc}): ${OPTION_SUMMARIES[d.code] ?? ""}`,
        optionInterfaceName(d.name),
        members("code", String(d.code), "The option code.", d.body.kind),
      ),
    );
  }
  out.push(union("A declared DHCPv6 option, decoded.", "KnownDhcpv6Option", optionNames));
  out.push(
    [
      "/**",
      " * Any DHCPv6 option: a declared one, or one kept as raw bytes.",
      " *",
      " * @example",
      " * ```ts",
      ' * import { decodeOptions, OPTION, type Dhcpv6Option } from "dhcp-leasequery";',
      " * const options: Dhcpv6Option[] = decodeOptions(new Uint8Array([0, 46, 0, 4, 0, 0, 0, 60]));",
      " * for (const o of options) if (o.code === OPTION.CLT_TIME) console.log(o.cltTime); // 60",
      " * ```",
      " */",
      "export type Dhcpv6Option = KnownDhcpv6Option | Dhcpv6RawOption;",
    ].join("\n"),
  );
  out.push(rawInterface(RAW_OPTION_DOC, "Dhcpv6RawOption", OPTION_DEFS));

  const duidKind = DUID.kind;
  if (duidKind.type !== "union") throw new Error("DUID is not a union");
  const duidNames: string[] = [];
  for (const [t, c] of duidKind.variants) {
    const name = duidTypeName(t) ?? String(t);
    duidNames.push(`Duid${pascal(name)}`);
    out.push(
      iface(
        `DUID-${name} (RFC 8415 §11): duidType ${t}.`,
        `Duid${pascal(name)}`,
        members("duidType", String(t), `DUID-${name}.`, c.kind),
      ),
    );
  }
  duidNames.push("DuidOther");
  out.push(
    iface(
      "A DUID of any other type, kept as bytes.",
      "DuidOther",
      members("duidType", "number", "The DUID type.", duidKind.fallback.kind),
    ),
    union("A decoded DUID (RFC 8415 §11). DUID-LLT `time` counts seconds since 2000-01-01 UTC.", "Duid", duidNames),
  );

  const messageKind = MESSAGE_CODEC.kind;
  if (messageKind.type !== "union") throw new Error("the message layout is not a union");
  const messageNames: string[] = [];
  for (const [t, c] of messageKind.variants) {
    const name = messageTypeName(t) ?? String(t);
    messageNames.push(`${pascal(name)}Message`);
    out.push(
      iface(
        `A ${name} message (msg-type ${t}).`,
        `${pascal(name)}Message`,
        members("msgType", String(t), `${name}.`, c.kind),
      ),
    );
  }
  messageNames.push("ClientServerMessage");
  out.push(
    iface(
      "A client/server message (RFC 8415 §8): every msg-type but 12, 13, 20 and 21.",
      "ClientServerMessage",
      members("msgType", "number", "The message type.", messageKind.fallback.kind),
    ),
    union(
      "A decoded DHCPv6 message: a relay message (msg-type 12, 13), a DHCP4o6 message (20, 21) or a client/server message (any other type).",
      "Dhcpv6Message",
      messageNames,
    ),
  );
  return `${out.join("\n\n")}\n`;
}

/** The doc of the DHCPv4 raw form. */
const DHCPV4_RAW_OPTION_DOC = `/**
 * A DHCPv4 option kept as bytes ({@link RawOption}), typed so that a
 * declared option's field reads as \`undefined\` on it.
 *
 * As a DHCPv6 raw option, it can carry a declared code (given as bytes, or
 * malformed under \`keepMalformedOptions\`), so after a code check the
 * declared field is \`T | undefined\`; checking the field narrows to the
 * declared option, and so does {@link isDhcpv4Option}, which is also false
 * for a raw option.
 *
 * @example
 * \`\`\`ts
 * import { DHCPV4_OPTION, type Dhcpv4Option } from "dhcp-leasequery";
 * const options: Dhcpv4Option[] = [{ code: 51, data: new Uint8Array(4) }, { code: 51, leaseTime: 3600 }];
 * for (const o of options) {
 *   if (o.code === DHCPV4_OPTION.DHCP_LEASE_TIME && o.leaseTime !== undefined) console.log(o.leaseTime); // 3600
 * }
 * \`\`\`
 */`;

/** The doc of the Relay Agent Information raw form. */
const RAW_SUBOPTION_DOC = `/**
 * A Relay Agent Information sub-option kept as bytes ({@link RawOption}):
 * every code without a declaration, any sub-option given as bytes, and a
 * declared one that did not decode under \`keepMalformedOptions\`. A
 * declared sub-option's field reads as \`undefined\` on it.
 *
 * @example
 * \`\`\`ts
 * import { RELAY_AGENT_SUBOPTION, type RelayAgentSubOption } from "dhcp-leasequery";
 * const subs: RelayAgentSubOption[] = [{ code: 2, data: Uint8Array.of(1) }, { code: 2, remoteId: Uint8Array.of(2) }];
 * for (const s of subs) if (s.code === RELAY_AGENT_SUBOPTION.REMOTE_ID && s.remoteId) console.log(s.remoteId); // Uint8Array(1) [ 2 ]
 * \`\`\`
 */`;

/** The name of the interface for the DHCPv4 option called `name` (`dhcp-lease-time` to `Dhcpv4LeaseTimeOption`). */
export const dhcpv4OptionInterfaceName = (name: string): string => `Dhcpv4${pascal(name.replace(/^dhcp-/, ""))}Option`;

/** The name of the interface for the sub-option called `name` (`remote-id` to `RelayAgentRemoteIdSubOption`). */
export const subOptionInterfaceName = (name: string): string => `RelayAgent${pascal(name)}SubOption`;

/** The generated DHCPv4 module's text. */
export function generatedDhcpv4Types(): string {
  const out: string[] = [
    [
      "// Generated by scripts/generate-types.ts from src/v4/schema.ts: do not edit.",
      "// Run `npm run types:generate` after changing a declaration.",
      "/**",
      " * Readable named types of the BOOTP header, the decoded DHCPv4 options",
      " * and Relay Agent Information sub-options, generated from their",
      " * declarations.",
      " * @module",
      " */",
      'import type { RawOption } from "../schema/option.js";',
    ].join("\n"),
    iface(
      "The fixed BOOTP header fields a DHCPv4 message starts with (RFC 2131 §2), the part of {@link Dhcpv4Message} before chaddr.",
      "BootpHeader",
      fieldLines(BOOTP_HEADER.kind),
    ),
  ];
  for (const d of DHCPV4_OPTION_DEFS) {
    out.push(
      iface(
        `DHCPv4 option ${d.code}, ${d.name} (${d.rfc}): ${DHCPV4_OPTION_SUMMARIES[d.code] ?? ""}`,
        dhcpv4OptionInterfaceName(d.name),
        members("code", String(d.code), "The option code.", d.body.kind),
      ),
    );
  }
  out.push(
    union(
      "A declared DHCPv4 option, decoded.",
      "KnownDhcpv4Option",
      DHCPV4_OPTION_DEFS.map((d) => dhcpv4OptionInterfaceName(d.name)),
    ),
    rawInterface(DHCPV4_RAW_OPTION_DOC, "Dhcpv4RawOption", DHCPV4_OPTION_DEFS),
  );
  for (const d of RELAY_AGENT_SUBOPTION_DEFS) {
    out.push(
      iface(
        `Relay Agent Information sub-option ${d.code}, ${d.name} (${d.rfc}): ${RELAY_AGENT_SUBOPTION_SUMMARIES[d.code] ?? ""}`,
        subOptionInterfaceName(d.name),
        members("code", String(d.code), "The sub-option code.", d.body.kind),
      ),
    );
  }
  out.push(
    union(
      "A declared Relay Agent Information (option 82) sub-option, decoded.",
      "KnownRelayAgentSubOption",
      RELAY_AGENT_SUBOPTION_DEFS.map((d) => subOptionInterfaceName(d.name)),
    ),
    rawInterface(RAW_SUBOPTION_DOC, "RelayAgentRawSubOption", RELAY_AGENT_SUBOPTION_DEFS),
    union("Any Relay Agent Information sub-option: a declared one, or one kept as raw bytes.", "RelayAgentSubOption", [
      "KnownRelayAgentSubOption",
      "RelayAgentRawSubOption",
    ]),
  );
  return `${out.join("\n\n")}\n`;
}

/** Where the generated DHCPv6 module lives. */
export const GENERATED_TYPES_PATH = fileURLToPath(new URL("../src/v6/types.generated.ts", import.meta.url));
/** Where the generated DHCPv4 module lives. */
export const GENERATED_DHCPV4_TYPES_PATH = fileURLToPath(new URL("../src/v4/types.generated.ts", import.meta.url));

if (process.argv[1]?.endsWith("generate-types.ts")) {
  writeFileSync(GENERATED_TYPES_PATH, generatedTypes());
  writeFileSync(GENERATED_DHCPV4_TYPES_PATH, generatedDhcpv4Types());
}
