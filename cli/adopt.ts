/**
 * `npm run adopt -- --zone-file <export> --stack <name> [--environment staging|prod]`: drafts
 * `Pulumi.<name>.yaml` from a live zone (every record declared: web hosts as hosts, the mail of a known
 * provider as the email section, the rest as extra records), then plans it offline exactly as `npm run
 * plan` does and prints the adoption report: what the first `pulumi up` changes in the live zone, and what
 * breaks the launch bar there, each with its fix. Reads everything first, then writes; never overwrites.
 * `--zone <domain>` reads the live zone from the Cloudflare API instead (cli/adopt/from-api.ts) and also
 * writes `import-<name>.json`, so `pulumi import --file` adopts the live objects before the first `up`.
 */
import { renderApiReport } from "./adopt/api-report";
import { draftConfig } from "./adopt/draft";
import { adoptLive, ensureNothingToOverwrite, readZoneFromApi, withZoneFacts, writeImportFile } from "./adopt/from-api";
import { matchRecords, strayJudge, TYPE } from "./adopt/import-file";
import { mtaStsRows, renderMtaStsReport } from "./adopt/mta-sts-report";
import { commentsAdded, metadataRows, renderMetadataReport } from "./adopt/record-metadata";
import { recordSetRows, renderRecordSets } from "./adopt/record-sets";
import { parseAdoptOptions } from "./adopt/options";
import { recordChanges, renderReport } from "./adopt/report";
import { renderStackFile, writeStackFile } from "./adopt/stack-file";
import { readZoneFile } from "./adopt/zone-file";
import { EXIT, withExitCodes } from "./plan/exit";
import { CliIO, processIO } from "./plan/io";
import { buildPlan, readStack } from "./plan/stack";
import { blocksDeployment } from "./plan/violations";
import { checkProject, parseStackName } from "./shared/stack-name";
import { fromUser } from "./shared/user-directory";
import { UserError } from "./shared/user-error";

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseAdoptOptions(argv, io);
  if ("exitCode" in parsed) return parsed.exitCode;
  const { zoneFile, zone, stack, environment, domain } = parsed.options;
  const cwd = fromUser(parsed.options.cwd);

  return withExitCodes(io, async () => {
    // `org/project/stack` as the Pulumi CLI takes it; every file belongs to the stack's own name (cli/shared/stack-name.ts).
    const stackName = parseStackName(stack);
    checkProject(stackName, cwd);
    const name = stackName.name;
    if (zoneFile === undefined && zone === undefined) throw new UserError("pass --zone <domain> (read from the Cloudflare API with CLOUDFLARE_API_TOKEN) or --zone-file <export> (Cloudflare dashboard: DNS > Records > Export)");
    if (zone !== undefined) ensureNothingToOverwrite(name, cwd);
    const api = zone !== undefined ? await readZoneFromApi(zone, io.env, (line) => io.err(`${line}\n`)) : undefined;
    const live = api ? api.live : readZoneFile(fromUser(zoneFile!), domain);
    const source = api ? `the Cloudflare API (zone ${api.zone.name}, id ${api.zone.id})` : zoneFile!;
    const drafted = draftConfig(live, { environment, stack: name });
    const draft = api ? withZoneFacts(drafted, api.zone) : drafted;
    const text = renderStackFile(draft, source);
    const adopted = api ? await adoptLive(api, text, name) : undefined;
    const path = writeStackFile(name, cwd, text);
    const importPath = adopted ? writeImportFile(name, cwd, adopted.adoption) : undefined;
    io.out(`Wrote ${path}${importPath ? ` and ${importPath}` : ""} (${live.records.length} records read from ${source}; environment ${environment}).\n\n`);

    const plan = adopted?.plan ?? await buildPlan(readStack(io, name, cwd).raw, name);
    const changes = recordChanges(live.records, plan, draft);
    const changed = new Set(changes.flatMap((c) => (c.before ? [`${c.name} ${c.type}`] : [])));
    const unchanged = live.records.filter((r) => !changed.has(`${r.name} ${r.type}`) && r.type !== "SOA" && !(r.type === "NS" && r.name === live.domain)).length;
    // Tables fit the terminal: COLUMNS when set (tests, CI logs), else the terminal's width, else 120.
    const width = Number(io.env.COLUMNS) || (io === processIO ? process.stdout.columns : undefined) || 120;
    io.out(renderReport(changes, draft, unchanged, width));
    if (adopted && importPath) io.out(renderApiReport(adopted.adoption, plan, draft, importPath, width));
    // The records the import file adopts, or (a zone file) the live records the plan's pair with, as a person would import them.
    const plannedRecords = plan.resources.filter((r) => r.type === TYPE.record);
    const matched = adopted ? undefined : matchRecords(plannedRecords, live.records);
    const pairs = adopted
      ? adopted.adoption.adopted.flatMap((a) => (a.record ? [{ record: a.record, inputs: a.resource.inputs }] : []))
      : [...matched!].map(([resource, record]) => ({ record, inputs: resource.inputs }));
    if (matched) {
      const taken = new Set(matched.values());
      const judge = strayJudge(plannedRecords);
      const strays = live.records.filter((r) => !taken.has(r) && r.type !== "SOA" && !(r.type === "NS" && r.name === live.domain)).flatMap((record) => {
        const stray = judge(record);
        return stray ? [{ record, stray }] : [];
      });
      io.out(renderRecordSets(recordSetRows(pairs, strays, false), false, width));
    }
    io.out(renderMtaStsReport(mtaStsRows(plan, live.records, adopted?.workers), width));
    // Comments, tags and record settings the first up changes on those records.
    io.out(renderMetadataReport(metadataRows(pairs), commentsAdded(pairs), width));
    const passes = !blocksDeployment(plan.violations);
    io.out(`\nnpm run plan -- --stack ${stack}: ${passes ? "passes" : "does NOT pass the policy pack"}. Review each "decide:" note in ${path}, then run it.\n`);
    if (importPath) io.out(`Before the first pulumi up: pulumi import --file ${importPath} --stack ${stack} --protect=false --generate-code=false (docs/import.md).\n`);
    return passes ? EXIT.ok : EXIT.mandatoryViolation;
  });
}

if (require.main === module) main(process.argv.slice(2), processIO).then((code) => (process.exitCode = code));
