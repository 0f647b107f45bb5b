/**
 * `npm run adopt -- --zone <domain>`: the live zone read from the Cloudflare API instead of an export. The
 * records go through the same draft and report as a zone file's; then the draft is planned in memory (the
 * offline plan `npm run plan` runs), the zone settings and entrypoint rulesets that plan declares are read,
 * and every live object is matched to its planned resource for `import-<stack>.json`. Everything is read
 * before anything is written, and neither file is ever overwritten.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { LiveZone } from "../../model/live-zone";
import { stackConfigFromText, stackFilePath } from "../../offline/stack-file";
import type { PlanDocument } from "../plan/document";
import { buildPlan } from "../plan/stack";
import { UserError } from "../shared/user-error";
import { ApiZone, CloudflareZoneReader, WorkersRead } from "./cloudflare-api";
import type { Draft } from "./draft";
import { Adoption, importFileFor, TYPE } from "./import-file";

/** The @pulumi/cloudflare version the program runs: the imported resources' default provider is the same one. */
const PROVIDER_VERSION: string = require("@pulumi/cloudflare/package.json").version;

export interface ApiRead {
  reader: CloudflareZoneReader;
  zone: ApiZone;
  live: LiveZone;
}

export function importFilePath(stack: string, dir: string): string {
  return join(dir, `import-${stack}.json`);
}

/** Refuses before any request when either output exists: adopt never overwrites. */
export function ensureNothingToOverwrite(stack: string, dir: string): void {
  for (const path of [stackFilePath(stack, dir), importFilePath(stack, dir)]) {
    if (existsSync(path)) throw new UserError(`${path} exists; adopt never overwrites it: choose another --stack name or move the file away`);
  }
}

/**
 * The base URL: `CLOUDFLARE_BASE_URL` when set (the SDK's own variable: a corporate proxy, or the loopback
 * server the tests run), else the public API.
 */
export async function readZoneFromApi(domain: string, env: NodeJS.ProcessEnv, progress: (line: string) => void): Promise<ApiRead> {
  const reader = new CloudflareZoneReader({ token: env.CLOUDFLARE_API_TOKEN, baseURL: env.CLOUDFLARE_BASE_URL || undefined, progress });
  const zone = await reader.zone(domain.replace(/\.$/, "").toLowerCase());
  progress(`reading ${zone.name} (zone ${zone.id}) from ${reader.baseURL}`);
  const records = await reader.records(zone);
  return { reader, zone, live: { domain: zone.name, records } };
}

/** The API knows what a zone file cannot say: the account that owns the zone and its plan. */
export function withZoneFacts(draft: Draft, zone: ApiZone): Draft {
  const config = { ...draft.config };
  const notes = { ...draft.notes };
  if (zone.accountId && /^[0-9a-f]{32}$/.test(zone.accountId)) {
    config.cloudflareAccountId = zone.accountId;
    notes.cloudflareAccountId = "read from the API: the account that owns the zone";
  }
  const plan = /^(free|pro|business|enterprise)\b/i.exec(zone.plan ?? "")?.[1].toLowerCase();
  const zones = config.zones as Record<string, unknown>[];
  if (plan && zones?.[0]) {
    config.zones = [{ ...zones[0], plan }, ...zones.slice(1)];
    notes["zones.0.plan"] = `read from the API (${zone.plan}); it sets which edge features the gate allows`;
  }
  return { ...draft, config, notes };
}

/** Plans the draft's text offline, reads the settings and rulesets that plan declares, and pairs live with planned. */
export async function adoptLive(api: ApiRead, stackText: string, stack: string): Promise<{ plan: PlanDocument; adoption: Adoption; workers?: WorkersRead }> {
  const plan = await buildPlan(stackConfigFromText(stackText, stack), stack);
  const settingIds = [...new Set(plan.resources.filter((r) => r.type === TYPE.setting).map((r) => String(r.inputs.settingId)))].sort();
  const phases = [...new Set(plan.resources.filter((r) => r.type === TYPE.ruleset).map((r) => String(r.inputs.phase)))].sort();
  api.reader.options.progress(`reading ${api.zone.name}: ${settingIds.length} zone settings and the entrypoint rulesets of ${phases.length} phases the stack declares`);
  const settings = [];
  for (const id of settingIds) settings.push(await api.reader.setting(api.zone, id));
  const rulesets = [];
  for (const phase of phases) {
    const ruleset = await api.reader.entrypoint(api.zone, phase);
    if (ruleset) rulesets.push(ruleset);
  }
  const workerHost = plan.resources.find((r) => r.type === TYPE.workersDomain)?.inputs.hostname;
  let workers: WorkersRead | undefined;
  if (workerHost !== undefined) {
    api.reader.options.progress(`reading the Workers on ${workerHost} (the stack serves its MTA-STS policy from a Worker there)`);
    workers = await api.reader.workers(api.zone, String(workerHost));
  }
  return { plan, workers, adoption: importFileFor(plan, { zone: api.zone, records: api.live.records, settings, rulesets, ...(workers ? { workers } : {}) }, PROVIDER_VERSION) };
}

export function writeImportFile(stack: string, dir: string, adoption: Adoption): string {
  const path = importFilePath(stack, dir);
  writeFileSync(path, `${JSON.stringify(adoption.file, null, 2)}\n`, { flag: "wx" });
  return path;
}
