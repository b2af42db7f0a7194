/**
 * Framed streams written by hand, field by field, from RFC 5460 §5.1 and
 * RFC 5007 §4.1.2, and read back with `../shared/tools/dissect --tcp HEX`
 * (Wireshark 4.0), which shows the same sizes, types, xids and values.
 * Wireshark flags a Bulk Leasequery message with no options at all as
 * "Malformed" (RFC 8415 allows zero options), so the DONE messages here
 * carry an explicit STATUS_CODE Success.
 */

/**
 * Seed 003 (RFC 5460) §6.5.1: replies to queries xid 3 and xid 4
 * interleaved on one connection. Each binding is a CLIENT_DATA holding one
 * CLT_TIME; xid 4 gets 3600, 60, 61, 62 and xid 3 gets 1, 2.
 */
export const INTERLEAVED_HEX = [
  "0010 0f000004 002d0008 002e0004 00000e10", // LEASEQUERY-REPLY xid 4, CLT_TIME 3600
  "0010 11000004 002d0008 002e0004 0000003c", // LEASEQUERY-DATA xid 4, CLT_TIME 60
  "0010 0f000003 002d0008 002e0004 00000001", // LEASEQUERY-REPLY xid 3, CLT_TIME 1
  "0010 11000004 002d0008 002e0004 0000003d", // LEASEQUERY-DATA xid 4, CLT_TIME 61
  "0010 11000003 002d0008 002e0004 00000002", // LEASEQUERY-DATA xid 3, CLT_TIME 2
  "000a 10000003 000d0002 0000", // LEASEQUERY-DONE xid 3, Success
  "0010 11000004 002d0008 002e0004 0000003e", // LEASEQUERY-DATA xid 4, CLT_TIME 62
  "000a 10000004 000d0002 0000", // LEASEQUERY-DONE xid 4, Success
].join("");

/** Offsets of each frame of {@link INTERLEAVED_HEX}, in octets. */
export const INTERLEAVED_FRAME_STARTS = [0, 18, 36, 54, 72, 90, 102, 120];
