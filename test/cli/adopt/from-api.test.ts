/**
 * `npm run adopt -- --zone <domain>` against a loopback server that answers the documented Cloudflare API v4:
 * the zone read page by page, the draft it writes plans with exit 0 and declares every live record, and
 * `import-<stack>.json` names, for each live object it adopts, a resource the plan declares, with the import
 * id the provider documents. Missing permissions, a missing or rejected token, an unknown zone and an
 * unreachable API are each one line, exit 2, with nothing written.
 */
import { strict as assert } from "node:assert";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../../cli/adopt";
import { main as planMain } from "../../../cli/plan";
import { draftConfig } from "../../../cli/adopt/draft";
import { ImportEntry, ImportFile } from "../../../cli/adopt/import-file";
import { comparable, liveComparable, recordChanges } from "../../../cli/adopt/report";
import { readZoneFile } from "../../../cli/adopt/zone-file";
import { liveRecordFromApi, ApiRecord } from "../../../cli/adopt/api-records";
import type { PlanDocument } from "../../../cli/plan/document";
import type { CliIO } from "../../../cli/plan/io";
import { readStackConfig } from "../../../cli/plan/io";
import { buildPlan } from "../../../cli/plan/stack";
import { readStackFile } from "../../../offline/stack-file";
import { Captured, runInProcess, tempDir } from "../plan-fixture";
import { ALL_PERMISSIONS, FakeApi, FakeZone, startFakeCloudflare } from "./cloudflare-api-server";

const ZONE_ID = "023e105f4ecef8ad9ca31a8372d0c353";
const ACCOUNT_ID = "01a7362d577a6c3019a474fd6f485823";
const API_RECORDS: Record<string, unknown>[] = JSON.parse(readFileSync(join(__dirname, "coaching.example.com.api.json"), "utf8"));
const EXPORT = join(__dirname, "coaching.example.com.txt");
const PROJECT = "launch-stack";

const ZONE: FakeZone = {
  id: ZONE_ID,
  name: "example.com",
  accountId: ACCOUNT_ID,
  plan: "Free Website",
  records: API_RECORDS,
  settings: {
    ssl: "flexible",
    min_tls_version: "1.0",
    tls_1_3: "on",
    always_use_https: "off",
    automatic_https_rewrites: "on",
    security_header: { strict_transport_security: { enabled: false, max_age: 0, include_subdomains: false, preload: false, nosniff: false } },
  },
  rulesets: {
    http_ratelimit: { id: "4ba21c9a1d6d4f1e8f9b1c2d3e4f5a6b", name: "default", rules: [{ ref: "dash-login", description: "Login limiter (dashboard)", action: "block", expression: '(http.request.uri.path eq "/login")', ratelimit: { characteristics: ["ip.src", "cf.colo.id"], period: 10, requests_per_period: 20, mitigation_timeout: 10 } }] },
    http_request_dynamic_redirect: { id: "9c0e5f2a7b4d4c3e8a1b2c3d4e5f6a7b", name: "default", rules: [{ description: "www to apex", action: "redirect", expression: '(http.host eq "www.example.com")' }] },
  },
};

const TOKENS: Record<string, string[]> = {
  full: ALL_PERMISSIONS,
  "no-dns": ALL_PERMISSIONS.filter((p) => p !== "DNS Read"),
  "no-waf": ALL_PERMISSIONS.filter((p) => p !== "Zone WAF Read"),
};

/** Runs adopt in-process with its own environment (the token and the loopback base URL). */
async function adopt(args: string[], env: Record<string, string | undefined>, dir: string): Promise<Captured> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = { out: (t) => void (stdout += t), err: (t) => void (stderr += t), readConfig: readStackConfig, env: { ...env } };
  const code = await main([...args, "--cwd", dir], io);
  return { code, stdout, stderr };
}

/** The URN `pulumi import` gives an entry: its parents' types, its type and logical name. */
function entryUrn(entry: ImportEntry, byName: Map<string, ImportEntry>, stack: string): string {
  const types: string[] = [];
  for (let e: ImportEntry | undefined = entry.parent ? byName.get(entry.parent) : undefined; e; e = e.parent ? byName.get(e.parent) : undefined) types.unshift(e.type);
  return `urn:pulumi:${stack}::${PROJECT}::${[...types, entry.type].join("$")}::${entry.logicalName ?? entry.name}`;
}

/** What makes an import file unusable for this plan; empty when every entry resolves to a declared resource. */
function importProblems(file: ImportFile, plan: PlanDocument, stack: string): string[] {
  const problems: string[] = [];
  const byName = new Map(file.resources.map((e) => [e.name, e]));
  if (byName.size !== file.resources.length) problems.push("entry names are not unique");
  const declared = new Map(plan.resources.map((r) => [r.urn, r]));
  for (const e of file.resources) {
    if (e.parent && !byName.has(e.parent)) problems.push(`${e.name}: parent ${e.parent} has no entry`);
    const urn = entryUrn(e, byName, stack);
    const resource = declared.get(urn);
    if (!resource || resource.type !== e.type) problems.push(`${e.name}: the plan declares no ${urn}`);
    if (e.component ? e.id !== undefined : !e.id) problems.push(`${e.name}: a component has no id, a resource must`);
  }
  return problems;
}

describe("npm run adopt -- --zone (Cloudflare API)", () => {
  let api: FakeApi;
  const dirs: string[] = [];
  const dir = (name: string) => {
    const d = tempDir(name);
    dirs.push(d);
    return d;
  };
  const env = (token: string | undefined) => ({ CLOUDFLARE_API_TOKEN: token, CLOUDFLARE_BASE_URL: api.baseURL, COLUMNS: "160" });
  let run: Captured;
  let project: string;
  let plan: PlanDocument;
  let file: ImportFile;
  let firstRun: string[];

  before(async () => {
    api = await startFakeCloudflare([ZONE], TOKENS, 20);
    project = dir("adopt-api");
    run = await adopt(["--zone", "example.com", "--stack", "coaching"], env("full"), project);
    firstRun = [...api.requests];
    plan = await buildPlan(readStackFile("coaching", project), "coaching");
    file = JSON.parse(readFileSync(join(project, "import-coaching.json"), "utf8"));
  });
  after(async () => {
    await api.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("writes Pulumi.coaching.yaml and import-coaching.json and exits 0 because the plan passes", () => {
    assert.equal(run.code, 0, run.stderr + run.stdout);
    assert.ok(existsSync(join(project, "Pulumi.coaching.yaml")));
    assert.match(run.stdout, /npm run plan -- --stack coaching: passes\./);
    assert.match(run.stdout, /pulumi import --file .*import-coaching\.json --stack coaching --protect=false --generate-code=false/);
  });

  it("hands npm run plan a stack it plans with exit 0", async () => {
    const planned = await runInProcess(planMain, ["--stack", "coaching", "--cwd", project]);
    assert.equal(planned.code, 0, planned.stderr);
  });

  it("writes the same import file on a second run, byte for byte", async () => {
    const again = dir("adopt-api-again");
    assert.equal((await adopt(["--zone", "example.com", "--stack", "coaching"], env("full"), again)).code, 0);
    assert.equal(readFileSync(join(again, "import-coaching.json"), "utf8"), readFileSync(join(project, "import-coaching.json"), "utf8"));
  });

  it("reads every page of DNS records the API reports in result_info, with progress on stderr", () => {
    const pages = firstRun.filter((r) => r.startsWith(`GET /client/v4/zones/${ZONE_ID}/dns_records`));
    assert.deepEqual(pages.map((r) => new URL(r.slice(4), "http://x").searchParams.get("page")), ["1", "2", "3"]);
    assert.match(run.stderr, /reading example\.com: 20 of 44 DNS records \(page 1 of 3\)\n.*40 of 44 DNS records \(page 2 of 3\)\n.*44 of 44 DNS records \(page 3 of 3\)/);
  });

  it("drafts the same zone from the API as from the dashboard's export of it", () => {
    const fromExport = draftConfig(readZoneFile(EXPORT), { environment: "staging", stack: "c" }).config.zones as Record<string, unknown>[];
    const fromApi = draftConfig({ domain: "example.com", records: API_RECORDS.map((r) => liveRecordFromApi(r as unknown as ApiRecord)) }, { environment: "staging", stack: "c" }).config.zones as Record<string, unknown>[];
    assert.deepEqual(fromApi, fromExport);
  });

  it("takes the account id and the plan from the zone the API returns", () => {
    const doc = readFileSync(join(project, "Pulumi.coaching.yaml"), "utf8");
    assert.match(doc, new RegExp(`cloudflareAccountId: "?${ACCOUNT_ID}"? # read from the API`));
    assert.match(doc, /plan: free # read from the API \(Free Website\)/);
  });

  it("plans a draft that declares every live record as served, or reports its change with the reason", () => {
    const live = API_RECORDS.map((r) => liveRecordFromApi(r as unknown as ApiRecord));
    const draft = draftConfig({ domain: "example.com", records: live }, { environment: "staging", stack: "coaching" });
    const changes = recordChanges(live, plan, draft);
    const declared = new Set(plan.resources.filter((r) => r.type === "cloudflare:index/dnsRecord:DnsRecord").map((r) => `${r.inputs.type} ${r.inputs.name} ${comparable(String(r.inputs.type), r.inputs)}`));
    const unaccounted = live.filter((r) => !declared.has(`${r.type} ${r.name} ${liveComparable(r)}`) && !changes.some((c) => c.name === r.name && c.type === r.type && c.before?.split("\n").includes(liveComparable(r))));
    assert.deepEqual(unaccounted.map((r) => `${r.type} ${r.name}`), []);
    assert.deepEqual(plan.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.message), []);
  });

  it("names in the import file only resources the plan declares, each under the parents the plan gives it", () => {
    assert.deepEqual(importProblems(file, plan, "coaching"), []);
  });

  it("adopts every live record the plan declares unchanged, by its id", () => {
    const ids = new Set(file.resources.filter((e) => e.type === "cloudflare:index/dnsRecord:DnsRecord").map((e) => e.id));
    const declared = new Set(plan.resources.filter((r) => r.type === "cloudflare:index/dnsRecord:DnsRecord").map((r) => `${r.inputs.type} ${r.inputs.name} ${comparable(String(r.inputs.type), { ...r.inputs, proxied: false })}`));
    const live = API_RECORDS.map((r) => liveRecordFromApi(r as unknown as ApiRecord)).filter((r) => declared.has(`${r.type} ${r.name} ${liveComparable({ ...r, proxied: false })}`));
    assert.ok(live.length > 30, `only ${live.length} live records match a planned one`);
    assert.deepEqual(live.filter((r) => !ids.has(`${ZONE_ID}/${r.id}`)).map((r) => `${r.type} ${r.name}`), []);
  });

  it("updates the merged SPF record in place: one live SPF record is adopted, the other is left with what to do", () => {
    const spf = file.resources.find((e) => e.logicalName === "example-com-email-spf")!;
    const liveSpf = API_RECORDS.filter((r) => r.type === "TXT" && r.name === "example.com" && String(r.content).includes("v=spf1"));
    assert.equal(spf.id, `${ZONE_ID}/${liveSpf[0].id}`);
    assert.match(run.stdout, new RegExp(`TXT example\\.com +│ ${liveSpf[1].id}`));
  });

  it("tells a person to delete, before the first up, a live CNAME where the stack declares another type", () => {
    const www = API_RECORDS.find((r) => r.type === "CNAME" && r.name === "www.example.com")!;
    assert.ok(!file.resources.some((e) => e.id === `${ZONE_ID}/${www.id}`));
    assert.match(run.stdout, new RegExp(`│ CNAME www\\.example\\.com +│ ${www.id} +│ delete it before the first pulumi up`));
  });

  it("imports records, rulesets, settings and DNSSEC with the ids the provider documents", () => {
    const ids = (type: string) => file.resources.filter((e) => e.type === type).map((e) => e.id!);
    assert.ok(ids("cloudflare:index/dnsRecord:DnsRecord").every((id) => new RegExp(`^${ZONE_ID}/[0-9a-f]{32}$`).test(id)));
    assert.deepEqual(ids("cloudflare:index/ruleset:Ruleset").sort(), [`zones/${ZONE_ID}/4ba21c9a1d6d4f1e8f9b1c2d3e4f5a6b`, `zones/${ZONE_ID}/9c0e5f2a7b4d4c3e8a1b2c3d4e5f6a7b`]);
    assert.deepEqual(ids("cloudflare:index/zoneSetting:ZoneSetting").sort(), ["always_use_https", "automatic_https_rewrites", "min_tls_version", "security_header", "ssl", "tls_1_3"].map((s) => `${ZONE_ID}/${s}`));
    assert.deepEqual(ids("cloudflare:index/zoneDnssec:ZoneDnssec"), [ZONE_ID]);
  });

  it("pins the provider version the program runs on each imported resource, so both use one default provider", () => {
    const version = require("@pulumi/cloudflare/package.json").version;
    assert.ok(file.resources.filter((e) => !e.component).every((e) => e.version === version));
  });

  it("reports the dashboard rulesets it adopts and the rules the first up replaces", () => {
    assert.match(run.stdout, /http_ratelimit +│ default \(4ba21c9a1d6d4f1e8f9b1c2d3e4f5a6b\), 1 rule: +│ imported, then its rules are replaced by/);
    assert.match(run.stdout, /│ +│ - Login limiter \(dashboard\) +│/);
    assert.match(run.stdout, /http_request_cache_settings +│ none +│ creates it with the stack's/);
  });

  it("reports the zone settings the first up changes, live against the stack's", () => {
    assert.match(run.stdout, /│ ssl +│ flexible +│ strict +│/);
    assert.match(run.stdout, /│ min_tls_version +│ 1\.0 +│ 1\.2 +│/);
    assert.doesNotMatch(run.stdout, /│ tls_1_3 +│/);
  });

  it("fits the settings, rulesets and left-in-zone tables to the terminal's width", async () => {
    const narrow = await adopt(["--zone", "example.com", "--stack", "narrow"], { ...env("full"), COLUMNS: "100" }, dir("adopt-api-narrow"));
    const apiPart = narrow.stdout.slice(narrow.stdout.indexOf("Zone settings the first pulumi up changes"));
    assert.ok(apiPart.includes("│ ssl"));
    assert.deepEqual(apiPart.split("\n").filter((l) => /^[┌│├└]/.test(l) && l.length > 100), []);
  });

  it("fails the check when an entry's parent is deleted from the import file", () => {
    const parent = file.resources.find((e) => e.component && e.type === "launch-stack:dns:ExtraRecords")!;
    const broken = { resources: file.resources.filter((e) => e !== parent) };
    assert.ok(importProblems(broken, plan, "coaching").some((p) => p.includes(`parent ${parent.name} has no entry`)));
  });

  it("fails the check when the plan no longer declares an imported record", () => {
    const record = file.resources.find((e) => e.type === "cloudflare:index/dnsRecord:DnsRecord")!;
    const fewer = { ...plan, resources: plan.resources.filter((r) => r.name !== record.logicalName) };
    assert.ok(importProblems(file, fewer, "coaching").some((p) => p.startsWith(`${record.name}: the plan declares no`)));
  });

  it("names the missing permission of a token without DNS Read, and writes nothing", async () => {
    const d = dir("adopt-api-403");
    const out = await adopt(["--zone", "example.com", "--stack", "x"], env("no-dns"), d);
    assert.equal(out.code, 2);
    assert.equal(out.stderr.split("\n").filter((l) => l.startsWith("error:")).length, 1);
    assert.match(out.stderr, /^error: CLOUDFLARE_API_TOKEN lacks the "DNS Read" permission needed to read the DNS records of example\.com \(10000 Authentication error\): edit the token under My Profile > API Tokens, add Zone > DNS > Read/m);
    assert.ok(!existsSync(join(d, "Pulumi.x.yaml")) && !existsSync(join(d, "import-x.json")));
  });

  it("names Zone WAF Read for a token that cannot read the rate-limit rules, before writing anything", async () => {
    const d = dir("adopt-api-waf");
    const out = await adopt(["--zone", "example.com", "--stack", "x"], env("no-waf"), d);
    assert.equal(out.code, 2);
    assert.match(out.stderr, /^error: CLOUDFLARE_API_TOKEN lacks the "Zone WAF Read" permission needed to read the http_ratelimit rules of example\.com/m);
    assert.ok(!existsSync(join(d, "Pulumi.x.yaml")));
  });

  it("says in one line that an unknown zone is not in the token's accounts", async () => {
    const out = await adopt(["--zone", "example.org", "--stack", "x"], env("full"), dir("adopt-api-404"));
    assert.equal(out.code, 2);
    assert.equal(out.stderr.replace(/^reading.*\n/gm, ""), 'error: no zone example.org in the accounts CLOUDFLARE_API_TOKEN can read: check the spelling (the zone\'s apex, e.g. example.com), or give the token "Zone Read" on it\n');
  });

  it("asks for CLOUDFLARE_API_TOKEN when it is not set, before any request", async () => {
    const before = api.requests.length;
    const out = await adopt(["--zone", "example.com", "--stack", "x"], env(undefined), dir("adopt-api-notoken"));
    assert.equal(out.code, 2);
    assert.match(out.stderr, /^error: --zone reads the zone from the Cloudflare API: export CLOUDFLARE_API_TOKEN/);
    assert.equal(api.requests.length, before);
  });

  it("says the token was rejected when the API does not know it", async () => {
    const out = await adopt(["--zone", "example.com", "--stack", "x"], env("revoked"), dir("adopt-api-badtoken"));
    assert.equal(out.code, 2);
    assert.equal(out.stderr, "error: the Cloudflare API rejected CLOUDFLARE_API_TOKEN (1000 Invalid API Token): create a token under My Profile > API Tokens and export it\n");
  });

  it("says in one line, without a stack trace, that the API cannot be reached", async () => {
    const closed = await startFakeCloudflare([], {});
    await closed.close();
    const out = await adopt(["--zone", "example.com", "--stack", "x"], { CLOUDFLARE_API_TOKEN: "full", CLOUDFLARE_BASE_URL: closed.baseURL }, dir("adopt-api-down"));
    assert.equal(out.code, 2);
    assert.match(out.stderr, new RegExp(`^error: cannot reach the Cloudflare API at ${closed.baseURL.replace(/[.]/g, "\\.")} while reading the zone example\\.com \\(.*\\); check the network \\(or CLOUDFLARE_BASE_URL\\), then run adopt again\\n$`));
  });

  it("never overwrites an import file, and refuses before reading the zone", async () => {
    const d = dir("adopt-api-exists");
    writeFileSync(join(d, "import-x.json"), "{}\n");
    const before = api.requests.length;
    const out = await adopt(["--zone", "example.com", "--stack", "x"], env("full"), d);
    assert.equal(out.code, 2);
    assert.match(out.stderr, /import-x\.json exists; adopt never overwrites it/);
    assert.equal(readFileSync(join(d, "import-x.json"), "utf8"), "{}\n");
    assert.ok(!existsSync(join(d, "Pulumi.x.yaml")));
    assert.equal(api.requests.length, before);
  });

  it("documents --zone in --help, with the token it needs", async () => {
    const out = await adopt(["--help"], {}, dir("adopt-api-help"));
    assert.match(out.stdout, /--zone <domain> +read the zone from the Cloudflare API with\s+CLOUDFLARE_API_TOKEN/);
    assert.doesNotMatch(out.stdout + out.stderr, /not available yet/);
  });
});
