/**
 * `npm run adopt -- --zone-file <export> --stack <name> [--environment staging|prod]`: drafts
 * `Pulumi.<name>.yaml` from a live zone (every record declared: web hosts as hosts, the mail of a known
 * provider as the email section, the rest as extra records), then plans it offline exactly as `npm run
 * plan` does and prints the adoption report: what the first `pulumi up` changes in the live zone, and what
 * breaks the launch bar there, each with its fix. Reads everything first, then writes; never overwrites.
 */
import { draftConfig } from "./adopt/draft";
import { parseAdoptOptions } from "./adopt/options";
import { recordChanges, renderReport } from "./adopt/report";
import { renderStackFile, writeStackFile } from "./adopt/stack-file";
import { readZoneFile } from "./adopt/zone-file";
import { EXIT, withExitCodes } from "./plan/exit";
import { CliIO, processIO } from "./plan/io";
import { buildPlan, readStack } from "./plan/stack";
import { blocksDeployment } from "./plan/violations";
import { fromUser } from "./shared/user-directory";
import { UserError } from "./shared/user-error";

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseAdoptOptions(argv, io);
  if ("exitCode" in parsed) return parsed.exitCode;
  const { zoneFile, zone, stack, environment, domain } = parsed.options;
  const cwd = fromUser(parsed.options.cwd);

  return withExitCodes(io, async () => {
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(stack)) throw new UserError(`--stack ${JSON.stringify(stack)} is not a stack name such as coaching-staging`);
    if (zone !== undefined) throw new UserError("--zone (reading from the Cloudflare API) is not available yet; export the zone from the dashboard (DNS > Records > Export) and pass --zone-file");
    if (zoneFile === undefined) throw new UserError("pass --zone-file <export> (Cloudflare dashboard: DNS > Records > Export)");
    const live = readZoneFile(fromUser(zoneFile), domain);
    const draft = draftConfig(live, { environment, stack });
    const path = writeStackFile(stack, cwd, renderStackFile(draft, zoneFile));
    io.out(`Wrote ${path} (${live.records.length} records read from ${zoneFile}; environment ${environment}).\n\n`);

    const plan = await buildPlan(readStack(io, stack, cwd).raw, stack);
    const changes = recordChanges(live.records, plan, draft);
    const changed = new Set(changes.flatMap((c) => (c.before ? [`${c.name} ${c.type}`] : [])));
    const unchanged = live.records.filter((r) => !changed.has(`${r.name} ${r.type}`) && r.type !== "SOA" && !(r.type === "NS" && r.name === live.domain)).length;
    io.out(renderReport(changes, draft, unchanged));
    const passes = !blocksDeployment(plan.violations);
    io.out(`\nnpm run plan -- --stack ${stack}: ${passes ? "passes" : "does NOT pass the policy pack"}. Review each "decide:" note in ${path}, then run it.\n`);
    return passes ? EXIT.ok : EXIT.mandatoryViolation;
  });
}

if (require.main === module) main(process.argv.slice(2), processIO).then((code) => (process.exitCode = code));
