import { build } from "tsup";
import config from "../../examples/inspector/tsup.inspector.config.js";

/** Builds examples/inspector/dist/inspector.js from the current sources before the browser tests. */
export default async function setup(): Promise<void> {
  if (typeof config === "function" || Array.isArray(config))
    throw new Error("tsup.inspector.config.ts should export one options object");
  await build({ ...config, silent: true });
}
