/**
 * `npm run handover -- --stack <name> [--verify <verify.json>] [--out <file>] [--require-ready]`: writes the
 * stack's runbook, opening with the launch scorecard and its verdict (as declared, as live from a saved
 * `npm run verify --json` no older than --max-verify-age and the commit described, as checked by people),
 * then people and time, hostnames, redirects, edge settings, email, where secrets live, monitoring, DS
 * records, rollback, from the same offline evaluation as `npm run plan`.
 * Exit 0: written (whatever the verdict: the document is the product); 1: written, but a mandatory policy is
 * violated (the stack as configured cannot be deployed); 2: invalid config or usage; 3: internal error;
 * 5: written, the verdict is "Not ready" and --require-ready was given (a CI gate before launch).
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseStackConfig } from "../gate/load";
import { launchScorecard } from "./handover/scorecard";
import { verdictText } from "./handover/scorecard-markdown";
import { readLiveResult } from "./handover/verify-result";
import { fromUser } from "./shared/user-directory";
import { commitOf, committedAt, hasUncommittedChanges, lastCommitTouching } from "./shared/git";
import { EXIT, withExitCodes } from "./plan/exit";
import { renderHandover } from "./plan/handover";
import { CliIO, processIO } from "./plan/io";
import { parseHandoverOptions } from "./plan/options";
import { buildPlan, readStack } from "./plan/stack";
import { blocksDeployment, verdict } from "./plan/violations";

interface DescribedCommit {
  sha: string;
  /** The working copy differs from it. */
  dirty: boolean;
}

/** HEAD, when it was committed, and whether the working copy differs from it; undefined outside a git checkout. */
async function describedCommit(cwd: string, env: NodeJS.ProcessEnv): Promise<DescribedCommit | undefined> {
  try {
    const sha = await commitOf(cwd, env, "HEAD");
    if (!sha) return undefined;
    return { sha, dirty: await hasUncommittedChanges(cwd, env) };
  } catch {
    return undefined;
  }
}

/**
 * What an audit must not predate: the last commit that changed what `stack` declares (its stack file, the
 * project file, the program and everything it derives resources from, and the locked provider versions).
 * A later commit of docs, or of the saved verify result itself, changes nothing the audit saw.
 */
function declaringPaths(stack: string): string[] {
  return [`Pulumi.${stack}.yaml`, "Pulumi.yaml", "index.ts", "components", "config", "gate", "model", "rules", "package.json", "package-lock.json"];
}

async function declaringCommit(cwd: string, env: NodeJS.ProcessEnv, stack: string): Promise<{ sha: string; committedAt: Date } | undefined> {
  try {
    const sha = await lastCommitTouching(cwd, env, "HEAD", declaringPaths(stack));
    const at = sha && (await committedAt(cwd, env, sha));
    return sha && at ? { sha, committedAt: at } : undefined;
  } catch {
    return undefined;
  }
}

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseHandoverOptions(argv, io);
  if ("exitCode" in parsed) return parsed.exitCode;
  const cwd = fromUser(parsed.options.cwd, io.env);

  return withExitCodes(io, async () => {
    const { stack, raw } = readStack(io, parsed.options.stack, cwd);
    // The plan validates the config first (one line per problem); this parse cannot fail after it.
    const doc = await buildPlan(raw, stack);
    const config = parseStackConfig(raw);
    const { verify, maxVerifyAge } = parsed.options;
    const commit = await describedCommit(cwd, io.env);
    const declaring = commit && (await declaringCommit(cwd, io.env, stack));
    const age = { now: new Date(), maxAgeHours: maxVerifyAge, ...(declaring ? { commit: declaring } : {}) };
    const live = verify === undefined ? undefined : readLiveResult(verify, fromUser(verify, io.env), stack, age);
    const text = renderHandover(doc, {
      secretConfigKeys: [...raw.secretKeys].sort(),
      commit: commit && (commit.dirty ? `${commit.sha} with uncommitted changes` : commit.sha),
      config,
      ...(live ? { live } : {}),
    });
    const card = launchScorecard(doc, config, live);

    const out = parsed.options.out ?? `handover-${stack}.md`;
    if (out === "-") io.out(text);
    else {
      // A path the user typed resolves from where they ran npm, like every path flag; the default file goes in the project.
      const path = parsed.options.out === undefined ? resolve(cwd, out) : fromUser(out, io.env);
      writeFileSync(path, text);
      io.out(`wrote ${path}\n${verdictText(card)} (see its launch scorecard)\n`);
    }
    if (live?.stale) io.err(`warning: --verify ${live.file} ${live.stale}, so the scorecard has no live audit; run npm run verify -- --stack ${stack} --json > ${live.file} again\n`);
    if (blocksDeployment(doc.violations)) {
      io.err(`warning: ${verdict(doc.violations)}; pulumi up would refuse this stack (see npm run plan -- --stack ${stack})\n`);
      return EXIT.mandatoryViolation;
    }
    if (parsed.options.requireReady && !card.ready) {
      io.err(`handover: ${verdictText(card)} (--require-ready); the document lists them under its Verdict\n`);
      return EXIT.notReady;
    }
    return EXIT.ok;
  });
}

if (require.main === module) main(process.argv.slice(2), processIO).then((code) => (process.exitCode = code));
