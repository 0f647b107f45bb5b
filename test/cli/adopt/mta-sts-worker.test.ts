/**
 * adopt on a zone that already serves MTA-STS: a Worker custom domain on mta-sts.<domain> (read from the
 * account's Workers through the loopback API) is imported, and another Worker behind it is named for a
 * person to remove; a DNS record on that hostname is left out of the draft and marked for deletion before
 * the first up; a token without the Workers permission, or a zone file, says what to check by hand.
 */
import { strict as assert } from "node:assert";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../../cli/adopt";
import type { ImportFile } from "../../../cli/adopt/import-file";
import type { CliIO } from "../../../cli/plan/io";
import { readStackConfig } from "../../../cli/plan/io";
import { buildPlan } from "../../../cli/plan/stack";
import { readStackFile } from "../../../offline/stack-file";
import { Captured, tempDir } from "../plan-fixture";
import { ALL_PERMISSIONS, FakeZone, startFakeCloudflare } from "./cloudflare-api-server";
import { tableRows } from "./table-rows";

const ZONE_ID = "7d3c2b1a0f9e8d7c6b5a493827161504";
const ACCOUNT_ID = "01a7362d577a6c3019a474fd6f485823";
const DKIM_2048 = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAua2wjavAw2UsE3HCuOY5UbEt4G9UvGISgTTjzo42gHNzTmDtEbWiIiAmf73LypQ83+LFJYAriSkNeb8oDKJu7wS2+o23t+EPv7AAXqP8GmGLBT2wvx40DBcSXxueSpyPY3IFRxDWfqylyryQWecn8A0KipslH0U4yKHSppreT+HxTQfxsGgdRrdZ6DdT2hY5pnbMVN66IJl2wy4NBwtYntxgQOo53Wb/CDtHxtlKL7Qjx2itISA1kUAUexWvF8fh3/3QjEElh0HtBf/bbINxQL811/C9ekjS6QaL5pGbH2cDv++xPoKtbOKms52ShPlbNeVrl8O2sF7GGAcU/3d//QIDAQAB";
const SETTINGS = { ssl: "strict", min_tls_version: "1.2", tls_1_3: "on", always_use_https: "on", automatic_https_rewrites: "on", security_header: { strict_transport_security: { enabled: true, max_age: 31536000, include_subdomains: false, preload: false, nosniff: true } } };

let n = 0;
function rec(name: string, type: string, content: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  n += 1;
  return { id: `${"cd".repeat(14)}${String(n).padStart(4, "0")}`, name, type, content, ttl: 1, proxied: false, comment: null, tags: [], settings: {}, ...extra };
}

/** A Google Workspace zone that publishes MTA-STS (its `_mta-sts` TXT), plus whatever a case adds. */
function zone(extra: Record<string, unknown>[], workers?: FakeZone["workers"]): FakeZone {
  return {
    id: ZONE_ID, name: "example.com", accountId: ACCOUNT_ID, plan: "Free Website", settings: SETTINGS, rulesets: {},
    records: [
      rec("example.com", "A", "203.0.113.10", { proxied: true }),
      rec("example.com", "MX", "smtp.google.com", { priority: 1 }),
      rec("google._domainkey.example.com", "TXT", `"v=DKIM1; k=rsa; p=${DKIM_2048}"`),
      rec("example.com", "TXT", '"v=spf1 include:_spf.google.com -all"'),
      rec("_dmarc.example.com", "TXT", '"v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com"'),
      rec("_mta-sts.example.com", "TXT", '"v=STSv1; id=20250301"'),
      rec("_smtp._tls.example.com", "TXT", '"v=TLSRPTv1; rua=mailto:tls@example.com"'),
      ...extra,
    ],
    ...(workers ? { workers } : {}),
  };
}

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function adoptFromApi(z: FakeZone, permissions = ALL_PERMISSIONS): Promise<Captured & { file: ImportFile; rows: string[][] }> {
  const api = await startFakeCloudflare([z], { token: permissions });
  const dir = tempDir("adopt-mta-sts");
  dirs.push(dir);
  let stdout = "";
  let stderr = "";
  const io: CliIO = { out: (t) => void (stdout += t), err: (t) => void (stderr += t), readConfig: readStackConfig, env: { CLOUDFLARE_API_TOKEN: "token", CLOUDFLARE_BASE_URL: api.baseURL, COLUMNS: "220" } };
  try {
    const code = await main(["--zone", "example.com", "--stack", "mail", "--cwd", dir], io);
    assert.equal(code, 0, stdout + stderr);
    return { code, stdout, stderr, file: JSON.parse(readFileSync(join(dir, "import-mail.json"), "utf8")), rows: mtaStsSection(stdout) };
  } finally {
    await api.close();
  }
}

/** The rows of the MTA-STS table (header row left out). */
function mtaStsSection(stdout: string): string[][] {
  const at = stdout.indexOf("MTA-STS policy host");
  assert.ok(at >= 0, stdout);
  const rest = stdout.slice(at);
  return tableRows(rest.slice(0, rest.indexOf("\n\n") > 0 ? rest.indexOf("\n\n") : undefined)).slice(1);
}

const entry = (file: ImportFile, type: string) => file.resources.find((e) => e.type === type);

describe("adopt: a zone that already serves MTA-STS from a Worker", () => {
  it("imports the live custom domain on mta-sts.<domain>, creates the stack's Worker and names the old one to delete", async () => {
    const run = await adoptFromApi(zone([], { domains: [{ id: "dbe10b4bc17c295377eabd600e1787fd", hostname: "mta-sts.example.com", service: "mta-sts-policy" }], scripts: ["marketing-site", "mta-sts-policy"] }));
    assert.equal(entry(run.file, "cloudflare:index/workersCustomDomain:WorkersCustomDomain")?.id, `${ACCOUNT_ID}/dbe10b4bc17c295377eabd600e1787fd`);
    assert.equal(entry(run.file, "cloudflare:index/workersScript:WorkersScript"), undefined);
    assert.deepEqual(run.rows, [
      ["Workers script mta-sts-example-com", "none", "creates it: it serves the stack's MTA-STS policy"],
      ["Worker custom domain mta-sts.example.com", "routes to the Worker mta-sts-policy (id dbe10b4bc17c295377eabd600e1787fd)", "imported, then routed to mta-sts-example-com instead of mta-sts-policy"],
      ["Workers script mta-sts-policy", "serves mta-sts.example.com today", "left as it is: delete it (Workers & Pages > mta-sts-policy > Settings) once mta-sts.example.com serves the stack's policy, unless it serves other routes"],
    ]);
  });

  it("imports a live Worker of the stack's own name and its custom domain, by the ids the provider documents", async () => {
    const run = await adoptFromApi(zone([], { domains: [{ id: "0c5f2e1d4b3a49688a7b6c5d4e3f2a1b", hostname: "mta-sts.example.com", service: "mta-sts-example-com" }], scripts: ["mta-sts-example-com"] }));
    assert.equal(entry(run.file, "cloudflare:index/workersScript:WorkersScript")?.id, `${ACCOUNT_ID}/mta-sts-example-com`);
    assert.equal(entry(run.file, "cloudflare:index/workersCustomDomain:WorkersCustomDomain")?.id, `${ACCOUNT_ID}/0c5f2e1d4b3a49688a7b6c5d4e3f2a1b`);
    assert.deepEqual(run.rows.map((r) => r[2]), ["imported, then its code is replaced by the stack's policy Worker", "imported"]);
  });

  it("says the stack creates both pieces when the account has neither", async () => {
    const run = await adoptFromApi(zone([], { domains: [], scripts: ["marketing-site"] }));
    assert.deepEqual(run.rows.map((r) => [r[0], r[1]]), [["Workers script mta-sts-example-com", "none"], ["Worker custom domain mta-sts.example.com", "none"]]);
    assert.equal(entry(run.file, "cloudflare:index/workersCustomDomain:WorkersCustomDomain"), undefined);
  });

  it("leaves a DNS record on mta-sts.<domain> out of the draft and tells a person to delete it before the first up", async () => {
    const cname = rec("mta-sts.example.com", "CNAME", "mta-sts.hosted.example.net");
    const run = await adoptFromApi(zone([cname], { domains: [], scripts: [] }));
    assert.deepEqual(run.rows.at(-1), [`DNS record CNAME mta-sts.example.com (${cname.id})`, "mta-sts.hosted.example.net", "delete it before the first pulumi up (DNS > Records): Cloudflare adds no Worker custom domain where the hostname already has a DNS record"]);
    assert.match(run.stdout, new RegExp(`│ CNAME mta-sts\\.example\\.com +│ ${cname.id} +│ delete it before the first pulumi up \\(DNS > Records\\), or the create fails: the stack's Worker`));
    const plan = await buildPlan(readStackFile("mail", dirs.at(-1)!), "mail");
    assert.deepEqual(plan.resources.filter((r) => r.type === "cloudflare:index/dnsRecord:DnsRecord" && r.inputs.name === "mta-sts.example.com"), []);
  });

  it("says what it could not read, and what to check by hand, when the token lacks the Workers permission", async () => {
    const run = await adoptFromApi(zone([], { domains: [], scripts: [] }), ALL_PERMISSIONS.filter((p) => p !== "Workers Scripts Read"));
    assert.equal(run.rows.length, 1);
    assert.deepEqual(run.rows[0].slice(0, 2), ["Workers on mta-sts.example.com", 'not read: CLOUDFLARE_API_TOKEN lacks the account permission "Workers Scripts Read" (Account > Workers Scripts > Read)']);
    assert.match(run.rows[0][2], /a custom domain already on mta-sts\.example\.com, or a Worker named mta-sts-example-com, must be imported or deleted before the first pulumi up/);
  });

  it("says from a zone file that an export holds no Workers, and lists the hostname's record to delete", async () => {
    const dir = tempDir("adopt-mta-sts-file");
    dirs.push(dir);
    writeFileSync(join(dir, "zone.txt"), [
      "$ORIGIN example.com.", "@ 1 IN A 203.0.113.10 ; cf_tags=cf-proxied:true", "@ 1 IN MX 1 smtp.google.com.",
      `google._domainkey 1 IN TXT "v=DKIM1; k=rsa; p=${DKIM_2048}"`, '@ 1 IN TXT "v=spf1 include:_spf.google.com -all"',
      '_dmarc 1 IN TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com"', "mta-sts 1 IN A 198.51.100.25 ; cf_tags=cf-proxied:true",
    ].join("\n"));
    let stdout = "";
    const io: CliIO = { out: (t) => void (stdout += t), err: () => undefined, readConfig: readStackConfig, env: { COLUMNS: "220" } };
    assert.equal(await main(["--zone-file", join(dir, "zone.txt"), "--stack", "file", "--cwd", dir], io), 0, stdout);
    const rows = mtaStsSection(stdout);
    assert.deepEqual(rows.map((r) => r.slice(0, 2)), [["Workers on mta-sts.example.com", "not read: a zone file holds no Workers"], ["DNS record A mta-sts.example.com", "198.51.100.25 (proxied)"]]);
    assert.ok(tableRows(stdout).some((r) => r[0] === "mta-sts.example.com is answered by A 198.51.100.25, where the stack puts its MTA-STS policy Worker" && r[2] === "a person"), stdout);
    assert.doesNotMatch(readFileSync(join(dir, "Pulumi.file.yaml"), "utf8"), /mta-sts:/);
  });
});
