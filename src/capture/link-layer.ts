/**
 * Link-layer headers: where the network-layer packet starts and what it is.
 * Link types are the LINKTYPE_ registry values written in pcap and pcapng
 * files (https://www.tcpdump.org/linktypes.html).
 * @module
 */
import { DecodeError } from "../errors.js";
import { need, u16, u32 } from "./bytes.js";

/** LINKTYPE_ values of the link layers {@link decodeLinkLayer} understands. */
export const LINKTYPE = {
  /** BSD loopback: a 4-byte address family in the capturing host's byte order. */
  NULL: 0,
  ETHERNET: 1,
  /** DLT_RAW as written by some older libpcaps (raw IPv4 or IPv6). */
  RAW_12: 12,
  /** DLT_RAW on OpenBSD, as written by some older libpcaps (raw IPv4 or IPv6). */
  RAW_14: 14,
  /** Raw IPv4 or IPv6, told apart by the version nibble. */
  RAW: 101,
  /** OpenBSD loopback: like NULL but the family is big-endian. */
  LOOP: 108,
  /** Linux "cooked" capture v1 (a 16-byte pseudo-header). */
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  /** Linux "cooked" capture v2 (a 20-byte pseudo-header). */
  LINUX_SLL2: 276,
} as const;

/** EtherType values the network layer acts on. */
export const ETHERTYPE = {
  IPV4: 0x0800,
  IPV6: 0x86dd,
  /** IEEE 802.1Q VLAN tag. */
  VLAN: 0x8100,
  /** IEEE 802.1ad service VLAN tag (QinQ). */
  QINQ: 0x88a8,
  /** Pre-standard QinQ tag still seen in captures. */
  QINQ_OLD: 0x9100,
} as const;

/** Where the network layer starts inside a packet's data. */
export interface LinkLayer {
  /**
   * EtherType of the payload (IPv4 and IPv6 are normalised to it for every
   * link type; 0 for a loopback family that is neither). Below 0x0600 it is
   * an 802.3 length: the payload is LLC, not IP.
   */
  readonly etherType: number;
  /** Offset of the network-layer header in the packet data. */
  readonly offset: number;
  /** VLAN ids of the 802.1Q / 802.1ad tags crossed, outermost first. */
  readonly vlanIds: readonly number[];
}

/** Address families that mean IPv4 / IPv6 in a NULL or LOOP header (Linux, BSDs, Darwin). */
const AF_INET = 2;
const AF_INET6 = new Set([10, 24, 28, 30]);
/** More stacked tags than this is not a real frame. */
const MAX_VLAN_TAGS = 8;

/**
 * Decodes the link-layer header of a packet of the given LINKTYPE_: Ethernet
 * (with 802.1Q / 802.1ad tags), Linux SLL and SLL2, raw IP (101, 12, 14,
 * 228, 229) and BSD null / loopback (0, 108). Returns undefined for any
 * other link type. The frame check sequence some Ethernet captures keep is
 * left in place: the IP total length ends the packet before it.
 *
 * @example
 * ```ts
 * import { decodeLinkLayer, LINKTYPE } from "dhcp-leasequery/capture";
 * const frame = new Uint8Array(22);
 * frame.set([0x81, 0x00, 0x00, 0x2a, 0x86, 0xdd], 12); // one VLAN tag (id 42), then IPv6
 * console.log(decodeLinkLayer(LINKTYPE.ETHERNET, frame)); // { etherType: 34525, offset: 18, vlanIds: [42] }
 * ```
 * @throws DecodeError `truncated` if the data end inside the header; `invalid-value` for raw IP
 *   whose version is neither 4 nor 6; `depth-exceeded` past 8 stacked VLAN tags
 */
export function decodeLinkLayer(linkType: number, data: Uint8Array): LinkLayer | undefined {
  const n = data.length;
  switch (linkType) {
    case LINKTYPE.ETHERNET:
      need(n, 0, 14, "an Ethernet header");
      return vlans(data, u16(data, 12), 14);
    case LINKTYPE.LINUX_SLL:
      need(n, 0, 16, "a Linux cooked (SLL) header");
      return vlans(data, u16(data, 14), 16);
    case LINKTYPE.LINUX_SLL2:
      need(n, 0, 20, "a Linux cooked (SLL2) header");
      return vlans(data, u16(data, 0), 20);
    case LINKTYPE.RAW:
    case LINKTYPE.RAW_12:
    case LINKTYPE.RAW_14: {
      need(n, 0, 1, "a raw IP packet");
      const version = (data[0] as number) >> 4;
      if (version !== 4 && version !== 6) {
        throw new DecodeError("invalid-value", 0, `raw IP packet has version ${version}, neither 4 nor 6`);
      }
      return { etherType: version === 4 ? ETHERTYPE.IPV4 : ETHERTYPE.IPV6, offset: 0, vlanIds: [] };
    }
    case LINKTYPE.IPV4:
      return { etherType: ETHERTYPE.IPV4, offset: 0, vlanIds: [] };
    case LINKTYPE.IPV6:
      return { etherType: ETHERTYPE.IPV6, offset: 0, vlanIds: [] };
    case LINKTYPE.NULL:
    case LINKTYPE.LOOP: {
      need(n, 0, 4, "a loopback header");
      let family = u32(data, 0, linkType === LINKTYPE.NULL);
      // NULL is in the capturing host's byte order: a family with its low
      // half zero was written big-endian (the families are all below 256).
      if (family > 0xffff) family = u32(data, 0);
      if (family === AF_INET) return { etherType: ETHERTYPE.IPV4, offset: 4, vlanIds: [] };
      if (AF_INET6.has(family)) return { etherType: ETHERTYPE.IPV6, offset: 4, vlanIds: [] };
      // Another protocol family: there is no EtherType for it.
      return { etherType: 0, offset: 4, vlanIds: [] };
    }
    default:
      return undefined;
  }
}

function vlans(data: Uint8Array, etherType: number, offset: number): LinkLayer {
  const vlanIds: number[] = [];
  while (etherType === ETHERTYPE.VLAN || etherType === ETHERTYPE.QINQ || etherType === ETHERTYPE.QINQ_OLD) {
    if (vlanIds.length === MAX_VLAN_TAGS) {
      throw new DecodeError("depth-exceeded", offset - 2, `more than ${MAX_VLAN_TAGS} stacked VLAN tags`);
    }
    need(data.length, offset, 4, "a VLAN tag");
    vlanIds.push(u16(data, offset) & 0x0fff);
    etherType = u16(data, offset + 2);
    offset += 4;
  }
  return { etherType, offset, vlanIds };
}
