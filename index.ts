/**
 * The launch-stack program: parse the stack's config (every mistake reported, nothing declared), then
 * declare the launch and export what a reviewer needs.
 */
import { LaunchStack } from "./components/launch-stack";
import { parseStackConfig, readRuntimeConfig } from "./config/load";

const config = parseStackConfig(readRuntimeConfig());
const stack = new LaunchStack("launch-stack", { config });

export = stack.outputs;
