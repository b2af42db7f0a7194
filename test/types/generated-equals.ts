/**
 * Compile-time proof that the generated named types
 * (src/v6/types.generated.ts, src/v4/types.generated.ts) are exactly the types derived from the
 * declarations; checked by `tsc -p .` and by generated.test.ts.
 */

import type { ValueOf } from "../../src/schema/codec.js";
import type { BOOTP_HEADER } from "../../src/v4/layout.js";
import type {
  DerivedDhcpv4RawOption,
  DerivedKnownDhcpv4Option,
  DerivedKnownRelayAgentSubOption,
  DerivedRelayAgentRawSubOption,
} from "../../src/v4/schema.js";
import type {
  BootpHeader,
  Dhcpv4RawOption,
  KnownDhcpv4Option,
  KnownRelayAgentSubOption,
  RelayAgentRawSubOption,
} from "../../src/v4/types.generated.js";
import type {
  DerivedDhcpv6Message,
  DerivedDhcpv6RawOption,
  DerivedDuid,
  DerivedKnownDhcpv6Option,
} from "../../src/v6/schema.js";
import type { Dhcpv6Message, Dhcpv6RawOption, Duid, KnownDhcpv6Option } from "../../src/v6/types.generated.js";

/** True only when A and B are identical types (TypeScript's identity check: optional modifiers count, readonly does not). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export const sameOptions: Equals<KnownDhcpv6Option, DerivedKnownDhcpv6Option> = true;
export const sameDuids: Equals<Duid, DerivedDuid> = true;
export const sameMessages: Equals<Dhcpv6Message, DerivedDhcpv6Message> = true;
export const sameRawOptions: Equals<Dhcpv6RawOption, DerivedDhcpv6RawOption> = true;
export const sameDhcpv4Options: Equals<KnownDhcpv4Option, DerivedKnownDhcpv4Option> = true;
export const sameDhcpv4RawOptions: Equals<Dhcpv4RawOption, DerivedDhcpv4RawOption> = true;
export const sameSubOptions: Equals<KnownRelayAgentSubOption, DerivedKnownRelayAgentSubOption> = true;
export const sameRawSubOptions: Equals<RelayAgentRawSubOption, DerivedRelayAgentRawSubOption> = true;
export const sameBootpHeader: Equals<BootpHeader, ValueOf<typeof BOOTP_HEADER>> = true;
