import {
  type CaptureDiagnostic,
  type CapturedDhcpMessage,
  type CapturePacket,
  type DhcpTrafficEvent,
  DhcpTrafficExtractor,
  type DhcpTrafficOptions,
  LINKTYPE,
} from "../../src/capture/index.js";

/**
 * A frame for {@link run}: Ethernet bytes, `[linkType, bytes]`, or Ethernet
 * bytes cut short of their `originalLength` (a snap length).
 */
export type TestFrame = Uint8Array | [number, Uint8Array] | { data: Uint8Array; originalLength: number };

/**
 * Feeds frames to a DhcpTrafficExtractor as packets 0, 1, … (timestamps
 * 1000 s, 1001 s, …), then finishes it; returns every event, and the
 * messages and diagnostics among them.
 */
export function run(frames: TestFrame[], options?: DhcpTrafficOptions) {
  const x = new DhcpTrafficExtractor(options);
  const events: DhcpTrafficEvent[] = [];
  frames.forEach((f, index) => {
    const [linkType, data, originalLength] =
      f instanceof Uint8Array
        ? [LINKTYPE.ETHERNET, f, f.length]
        : Array.isArray(f)
          ? [f[0], f[1], f[1].length]
          : [LINKTYPE.ETHERNET, f.data, f.originalLength];
    const p: CapturePacket = {
      index,
      offset: 0,
      section: 0,
      interfaceId: 0,
      linkType,
      timestamp: { seconds: 1000 + index, nanoseconds: 0 },
      originalLength,
      data,
    };
    events.push(...x.packet(p));
  });
  events.push(...x.finish());
  return {
    events,
    messages: events.filter((e): e is CapturedDhcpMessage => e.type === "message"),
    diagnostics: events.filter((e): e is CaptureDiagnostic => e.type === "diagnostic"),
  };
}
