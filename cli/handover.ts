/**
 * `npm run handover -- --stack <name> [--verify <verify.json>] [--out <file>]`: writes the stack's runbook,
 * opening with the launch scorecard and its verdict (as declared, as live from a saved `npm run verify
 * --json`, as checked by people), then people and time, hostnames, redirects, edge settings, email, where
 * secrets live, monitoring, DS records, rollback, from the same offline evaluation as `npm run plan`. Exit 0: written; 1: written, but a mandatory policy is violated (the stack as
 * configured cannot be deployed); 2: invalid config or usage; 3: internal error.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseStackConfig } from "../gate/load";
import { launchScorecard } from "./handover/scorecard";
import { verdictText } from "./handover/scorecard-markdown";
import { readLiveResult } from "./handover/verify-result";
import { fromUser } from "./shared/user-directory";
import { commitOf, hasUncommittedChanges } from "./shared/git";
import { EXIT, withExitCodes } from "./plan/exit";
import { renderHandover } from "./plan/handover";
import { CliIO, processIO } from "./plan/io";
import { parseHandoverOptions } from "./plan/options";
import { buildPlan, readStack } from "./plan/stack";
import { blocksDeployment, verdict } from "./plan/violations";

/** HEAD, flagged when the working copy differs from it; undefined outside a git checkout. */
async function describedCommit(cwd: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  try {
    const sha = await commitOf(cwd, env, "HEAD");
    if (!sha) return undefined;
    return (await hasUncommittedChanges(cwd, env)) ? `${sha} with uncommitted changes` : sha;
  } catch {
    return undefined;
  }
}

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseHandoverOptions(argv, io);
  if ("exitCode" in parsed) return parsed.exitCode;
  const cwd = fromUser(parsed.options.cwd);

  return withExitCodes(io, async () => {
    const { stack, raw } = readStack(io, parsed.options.stack, cwd);
    // The plan validates the config first (one line per problem); this parse cannot fail after it.
    const doc = await buildPlan(raw, stack);
    const config = parseStackConfig(raw);
    const verify = parsed.options.verify;
    const live = verify === undefined ? undefined : readLiveResult(verify, resolve(cwd, verify), stack);
    const commit = await describedCommit(cwd, io.env);
    const text = renderHandover(doc, { secretConfigKeys: [...raw.secretKeys].sort(), commit, config, ...(live ? { live } : {}) });

    const out = parsed.options.out ?? `handover-${stack}.md`;
    if (out === "-") io.out(text);
    else {
      const path = resolve(cwd, out);
      writeFileSync(path, text);
      io.out(`wrote ${path}\n${verdictText(launchScorecard(doc, config, live))} (see its launch scorecard)\n`);
    }
    if (!blocksDeployment(doc.violations)) return EXIT.ok;
    io.err(`warning: ${verdict(doc.violations)}; pulumi up would refuse this stack (see npm run plan -- --stack ${stack})\n`);
    return EXIT.mandatoryViolation;
  });
}

if (require.main === module) main(process.argv.slice(2), processIO).then((code) => (process.exitCode = code));
