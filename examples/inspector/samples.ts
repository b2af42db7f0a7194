/**
 * The samples bundled into the page: a few golden vectors, a framed
 * stream, bad inputs and captures. `collect-samples.ts` gathers them when
 * the page is built and the bundler substitutes them for
 * `__INSPECTOR_SAMPLES__` (tsup `define`), so the page needs no network.
 * @module
 */

/** How a sample's bytes are read. */
export type SampleFormat = "dhcpv6" | "dhcpv4" | "stream" | "capture";

/** One bundled sample. */
export interface Sample {
  /** Stable id (the `<option>` value). */
  readonly id: string;
  /** The `<optgroup>` it is listed under. */
  readonly group: string;
  /** A short title. */
  readonly title: string;
  /** What it shows, in a sentence (the vector's `name`). */
  readonly description: string;
  readonly format: SampleFormat;
  /** The bytes, as hex. */
  readonly hex: string;
  /** Where it comes from in the repository. */
  readonly source: string;
}

declare const __INSPECTOR_SAMPLES__: readonly Sample[] | undefined;

/** The samples, or none when the module runs unbundled (unit tests). */
export const SAMPLES: readonly Sample[] = typeof __INSPECTOR_SAMPLES__ === "undefined" ? [] : __INSPECTOR_SAMPLES__;
