/**
 * fast-check arbitraries for dhcp-leasequery, derived from the codec
 * declarations: `dhcp-leasequery/arbitrary`. It needs `fast-check` (an
 * optional peer dependency); the main entry never loads this module.
 * @module
 */
export { dhcpv4MessageArbitrary, dhcpv4MessageBytesArbitrary } from "./dhcpv4.js";
export {
  dhcpv6MessageArbitrary,
  dhcpv6MessageBytesArbitrary,
  dhcpv6OptionArbitrary,
  dhcpv6OptionsArbitrary,
} from "./dhcpv6.js";
export {
  dhcpv4NearValidArbitrary,
  dhcpv6NearValidArbitrary,
  NEAR_VALID_KINDS,
  type NearValid,
  type NearValidKind,
  type NearValidKinds,
  type NearValidOptions,
} from "./near-valid.js";
export {
  chunksArbitrary,
  dhcpv4StreamArbitrary,
  dhcpv6StreamArbitrary,
  type FramedStream,
  type StreamArbitraryOptions,
} from "./stream.js";
export { type ArbitraryOptions, arbitraryFor } from "./walker.js";
