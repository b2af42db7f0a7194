/**
 * Codecs whose kind does not carry every rule a valid value follows, each
 * with the generator that adds those rules (see the modules named here for
 * what each adds and why). Everything else is derived from kinds alone.
 * @module
 */
import type fc from "fast-check";
import type { AnyCodec } from "../schema/codec.js";
import { DHCPV4_MESSAGE_CODEC } from "../v4/message-codec.js";
import { dhcpv4MessageArbitrary } from "./dhcpv4-message.js";
import type { ListBuilder } from "./option-list.js";

/** Builds the generator of one special codec with `levels` of nesting to spend. @internal */
export type SpecialBuilder = (codec: AnyCodec, levels: number, b: ListBuilder) => fc.Arbitrary<unknown>;

/** @internal */
export const SPECIAL_CASES: ReadonlyMap<AnyCodec, SpecialBuilder> = new Map<AnyCodec, SpecialBuilder>([
  [DHCPV4_MESSAGE_CODEC, dhcpv4MessageArbitrary],
]);
