/**
 * The launch-stack program: parse the stack's config (every mistake reported, nothing declared), then
 * declare the launch and export what a reviewer needs.
 */
import * as pulumi from "@pulumi/pulumi";
import { LaunchStack } from "./components/launch-stack";
import { parseStackConfig, readRuntimeConfig } from "./gate/load";
import { collectWarnings } from "./gate/warnings";

const config = parseStackConfig(readRuntimeConfig());
for (const warning of collectWarnings(config)) pulumi.log.warn(warning);
const stack = new LaunchStack("launch-stack", { config });

export = stack.outputs;
