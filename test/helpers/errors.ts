// "Expect a throw" helpers shared by the tests. They fail the test when
// nothing is thrown, and pass on any other error unchanged, so a test that
// expects a DecodeError never passes on a TypeError.
import { DecodeError, EncodeError } from "../../src/index.js";

/** What `f` throws; fails the test if it returns. */
export function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw, nothing was thrown");
}

/** What `p` rejects with; fails the test if it resolves. */
export async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a rejection, the promise resolved");
}

/** The DecodeError `f` throws; fails the test if it returns or throws anything else. */
export function decodeErrorOf(f: () => unknown): DecodeError {
  const e = thrown(f);
  if (e instanceof DecodeError) return e;
  throw e;
}

/** The EncodeError `f` throws; fails the test if it returns or throws anything else. */
export function encodeErrorOf(f: () => unknown): EncodeError {
  const e = thrown(f);
  if (e instanceof EncodeError) return e;
  throw e;
}
