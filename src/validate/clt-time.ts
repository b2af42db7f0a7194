/**
 * The CLT_TIME plausibility check (RFC 5007 §4.1.2.3): a value too large
 * to be a relative time is reported, since a requestor that adds it to the
 * reply's time gets a date decades off.
 * @module
 * @internal
 */

import type { Dhcpv6Message } from "../v6/schema.js";
import { OPTION } from "../v6/schema.js";
import { joinPath } from "../wire/path.js";
import { MAX_PLAUSIBLE_CLT_TIME } from "./clt-time-rule.js";
import { type Diagnostic, diagnostic, RULE } from "./rules.js";
import { locate } from "./walk.js";

/**
 * Adds a diagnostic for every CLT_TIME of a CLIENT_DATA over
 * {@link MAX_PLAUSIBLE_CLT_TIME}, in wire order.
 * @internal
 */
export function checkCltTime(m: Dhcpv6Message, prefix: string, out: Diagnostic[]): void {
  // RFC 5007 §4.1.2.2: CLT_TIME is one of a CLIENT_DATA's client-options.
  const found = locate(m.options, OPTION.CLIENT_DATA, prefix).flatMap((c) =>
    locate(c.option.options, OPTION.CLT_TIME, c.path),
  );
  for (const { option, path } of found) {
    const t = option.cltTime;
    if (typeof t !== "number" || t <= MAX_PLAUSIBLE_CLT_TIME) continue;
    const asUnix = new Date(t * 1000).toISOString().slice(0, 10);
    out.push(
      diagnostic(
        RULE.CLT_TIME_IMPLAUSIBLE,
        joinPath(path, "cltTime"),
        `CLT_TIME ${t} s is over 10 years; as a Unix time it would be ${asUnix}: it looks absolute, not relative`,
      ),
    );
  }
}
