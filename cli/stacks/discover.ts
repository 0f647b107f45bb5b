import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseStackYaml } from "../../config/stack-yaml";
import { packConfigFile } from "../../policies/pack-config-file";

/** One stack as the workflows need it (a GitHub matrix `include` entry). */
export interface DiscoveredStack {
  readonly stack: string;
  /** `launch-stack:environment`, or "unset" when the file does not say (its plan then fails with the reason). */
  readonly environment: string;
  /** The GitHub environment whose secrets and protection rules the deploy job uses. */
  readonly githubEnvironment: string;
  /** Deploys only after approval: a preview saves its update plan first, and `up --plan` applies exactly that. */
  readonly gated: boolean;
  /** `policies/config/<stack>.json` when the stack has one, else "" (the pack runs with its defaults). */
  readonly packConfig: string;
}

/** Every `Pulumi.<stack>.yaml` in `projectDir`, sorted by name. */
export function discoverStacks(projectDir: string): DiscoveredStack[] {
  return readdirSync(projectDir)
    .flatMap((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1] ?? [])
    .sort()
    .map((stack) => {
      // A malformed file is a ConfigError naming the file and line: the workflows stop with that one reason.
      const doc = parseStackYaml(readFileSync(join(projectDir, `Pulumi.${stack}.yaml`), "utf8"), `Pulumi.${stack}.yaml`) as { config?: Record<string, unknown> };
      const value = doc?.config?.["launch-stack:environment"];
      const environment = typeof value === "string" ? value : "unset";
      const gated = environment === "prod";
      const packConfig = existsSync(join(projectDir, packConfigFile(stack))) ? packConfigFile(stack) : "";
      return { stack, environment, githubEnvironment: gated ? "production" : environment, gated, packConfig };
    });
}
