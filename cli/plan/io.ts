/**
 * Where the plan and handover commands read a stack's config and write their output. The commands take
 * it as a parameter so tests run them in-process with a config that holds a known secret value, which a
 * stack file cannot (its `secure:` values are ciphertext the offline reader never decrypts).
 */
import { ConfigError } from "../../config/errors";
import { existsSync, readdirSync } from "node:fs";
import type { RawConfig } from "../../gate/load";
import { readStackFile, stackFilePath } from "../../offline/stack-file";
import { UserError } from "../shared/user-error";

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** The stack's raw config, as `pulumi up` would hand it to the program; throws UserError when unreadable. */
  readConfig(stack: string, dir: string): RawConfig;
  env: NodeJS.ProcessEnv;
}

function stacksIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).flatMap((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? []).sort() : [];
}

/** `Pulumi.<stack>.yaml` in `dir`; a missing or malformed file is a usage error naming what exists. */
export function readStackConfig(stack: string, dir: string): RawConfig {
  const file = stackFilePath(stack, dir);
  if (!existsSync(file)) {
    const known = stacksIn(dir);
    throw new UserError(`no stack ${stack}: ${file} does not exist${known.length ? ` (stacks here: ${known.join(", ")})` : ""}`);
  }
  try {
    return readStackFile(stack, dir);
  } catch (error) {
    // A YAML problem is a ConfigError whose lines name the file and line: keep every one of them.
    if (error instanceof ConfigError) throw error;
    throw new UserError(`${file}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
}

export const processIO: CliIO = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  readConfig: readStackConfig,
  env: process.env,
};
