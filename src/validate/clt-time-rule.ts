/**
 * The CLT_TIME plausibility bound, kept apart from its check so that
 * docs and tests can cite it without importing code.
 * @module
 * @internal
 */

/**
 * The largest CLT_TIME taken as a time since the client's last transaction:
 * 10 years (of 365.25 days), in seconds.
 *
 * RFC 5007 §4.1.2.3 makes CLT_TIME relative: seconds since the server last
 * heard from the client. A server holds a binding only for its lease
 * lifetime plus whatever grace it keeps expired bindings for, which is
 * hours to months in practice, so no binding it answers for is a decade
 * untouched. An absolute time is far above the bound: 10 years in seconds
 * is about the Unix time of 1980-01-01 (315,532,800), so every Unix
 * timestamp since early 1980 exceeds it, as does any time counted from
 * 2000-01-01 (RFC 7653's LQ_BASE_TIME epoch) after 2010.
 * @internal
 */
export const MAX_PLAUSIBLE_CLT_TIME = 315_576_000;
