import { describe, expect, it } from "vitest";
import {
  ACTIVE_LQ_IDLE_TIMEOUT,
  ACTIVE_LQ_RCV_TIMEOUT,
  ACTIVE_LQ_SEND_TIMEOUT,
  BULK_LQ_CONN_TIMEOUT,
  BULK_LQ_DATA_TIMEOUT,
  BULK_LQ_MAX_CONNS,
  BULK_LQ_MAX_RETRY,
  DHCP6OQUIC_ALPN,
  DHCP6OQUIC_ALPN_BYTES,
  DHCP6OQUIC_STREAM_TYPE,
  isClientBidiStream,
} from "../../src/stream/index.js";

describe("DHCP6oQUIC", () => {
  it("names the ALPN token as text and as its identification sequence", () => {
    expect(DHCP6OQUIC_ALPN).toBe("DHCP6oQ");
    expect(Array.from(DHCP6OQUIC_ALPN_BYTES)).toEqual([0x44, 0x48, 0x43, 0x50, 0x36, 0x6f, 0x51]);
    expect(new TextEncoder().encode(DHCP6OQUIC_ALPN)).toEqual(DHCP6OQUIC_ALPN_BYTES);
  });

  it("recognises client-initiated bidirectional stream ids (type 0x00, RFC 9000 §2.1)", () => {
    expect(DHCP6OQUIC_STREAM_TYPE).toBe(0);
    expect([0, 1, 2, 3, 4, 8, 13].map((id) => isClientBidiStream(id))).toEqual([
      true,
      false,
      false,
      false,
      true,
      true,
      false,
    ]);
    expect([0n, 3n, 2n ** 62n - 4n, 2n ** 62n - 3n].map((id) => isClientBidiStream(id))).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect(isClientBidiStream(4.5)).toBe(false);
  });
});

describe("RFC timer defaults (seconds)", () => {
  it("match RFC 5460 §5.6 and RFC 7653", () => {
    expect([BULK_LQ_CONN_TIMEOUT, BULK_LQ_DATA_TIMEOUT, BULK_LQ_MAX_RETRY, BULK_LQ_MAX_CONNS]).toEqual([
      30, 30, 60, 10,
    ]);
    expect([ACTIVE_LQ_RCV_TIMEOUT, ACTIVE_LQ_SEND_TIMEOUT, ACTIVE_LQ_IDLE_TIMEOUT]).toEqual([120, 120, 60]);
  });
});
