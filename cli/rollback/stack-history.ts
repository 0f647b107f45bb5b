import { UserError } from "../shared/user-error";
import { pulumiArgs } from "./pulumi-cli";
import { exitDescription, runCommand } from "../shared/run-command";

/**
 * One entry of `pulumi stack history --json` (the CLI's `updateInfoJSON`), reduced to the fields a rollback
 * reads. `environment` holds the metadata Pulumi records at update time: `git.head` is the commit the
 * program ran from, `git.dirty` whether that checkout had uncommitted edits.
 */
export interface StackUpdate {
  readonly version: number;
  readonly kind: string;
  readonly result?: string;
  readonly startTime?: string;
  readonly message?: string;
  readonly environment?: Readonly<Record<string, string>>;
}

const PAGE_SIZE = 100;

/**
 * Finds update `version` of `stack`, paging through the history (newest first) until it appears or the
 * pages run out. Run from the user's project directory, where `Pulumi.yaml` names the project.
 */
export async function findUpdate(
  pulumi: string,
  stack: string,
  version: number,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<StackUpdate | undefined> {
  for (let page = 1; ; page++) {
    const result = await runCommand(pulumi, pulumiArgs.history(stack, page, PAGE_SIZE), { cwd, env, capture: true });
    if (result.code !== 0) {
      const reason = result.stderr.trim().split("\n").pop() || exitDescription(result);
      throw new UserError(`pulumi stack history for stack ${stack} failed: ${reason}`);
    }
    const updates = parseHistory(result.stdout, stack);
    const match = updates.find((update) => update.version === version);
    if (match) return match;
    const oldest = Math.min(...updates.map((update) => update.version));
    if (updates.length < PAGE_SIZE || oldest < version) return undefined;
  }
}

function parseHistory(json: string, stack: string): StackUpdate[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error(`pulumi stack history --json for stack ${stack} did not print JSON`);
  }
  if (!Array.isArray(parsed) || parsed.some((entry) => typeof entry?.version !== "number")) {
    throw new Error(`pulumi stack history --json for stack ${stack} printed an unexpected shape`);
  }
  return parsed as StackUpdate[];
}
