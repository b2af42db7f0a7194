import { type DecodeError, isDecodeError } from "../../src/index.js";

/** The DecodeError `f` throws; fails the test if it returns or throws anything else. */
export function decodeErrorOf(f: () => unknown): DecodeError {
  try {
    f();
  } catch (e) {
    if (isDecodeError(e)) return e;
    throw e;
  }
  throw new Error("expected a DecodeError, nothing was thrown");
}
