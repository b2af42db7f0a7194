/**
 * The library as the in-project driver and the unit test hand it to a
 * target's `make`: the TypeScript sources, one object holding the exports of
 * the main entry and of each subpath entry (the same shape the targets'
 * own loader builds from the bundle for Jazzer.js).
 */
import * as main from "../../src/index.js";
import * as session from "../../src/session/index.js";
import * as stream from "../../src/stream/index.js";
import * as v4 from "../../src/v4/message.js";
import * as validate from "../../src/validate/index.js";

export const library: Readonly<Record<string, unknown>> = { ...main, ...v4, ...stream, ...validate, ...session };
