/**
 * adopt and what a record holds besides its answer: comments, tags and Cloudflare's record settings, read
 * from the API and from an export's `cf_tags`. A flattened DNS-only CNAME stays flattened in the draft (the
 * provider receives settings.flattenCname); what the config cannot carry (tags, ipv4Only, a comment on a
 * host) is listed as what the first up clears, so the first preview's diffs surprise nobody.
 */
import { strict as assert } from "node:assert";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../../cli/adopt";
import { draftConfig } from "../../../cli/adopt/draft";
import { parseZoneFile } from "../../../cli/adopt/zone-file";
import type { CliIO } from "../../../cli/plan/io";
import { readStackConfig } from "../../../cli/plan/io";
import { buildPlan } from "../../../cli/plan/stack";
import { readStackFile } from "../../../offline/stack-file";
import { Captured, tempDir } from "../plan-fixture";
import { ALL_PERMISSIONS, FakeZone, startFakeCloudflare } from "./cloudflare-api-server";
import { tableRows } from "./table-rows";

const ZONE_ID = "1b2c3d4e5f60718293a4b5c6d7e8f901";
const SETTINGS = { ssl: "strict", min_tls_version: "1.2", tls_1_3: "on", always_use_https: "on", automatic_https_rewrites: "on", security_header: { strict_transport_security: { enabled: true, max_age: 31536000, include_subdomains: true, preload: false, nosniff: true } } };
const base = { ttl: 1, proxied: false, comment: null, tags: [], settings: {} };
const RECORDS = [
  { ...base, id: "e1e1e1e1e1e1e1e1e1e1e1e1e1e1e101", name: "example.com", type: "A", content: "203.0.113.10", proxied: true, settings: { ipv4_only: true } },
  { ...base, id: "e1e1e1e1e1e1e1e1e1e1e1e1e1e1e102", name: "help.example.com", type: "CNAME", content: "example.zendesk.example.net", comment: "Zendesk helpdesk", settings: { flatten_cname: true } },
  { ...base, id: "e1e1e1e1e1e1e1e1e1e1e1e1e1e1e103", name: "vpn.example.com", type: "A", content: "198.51.100.7", comment: "Office VPN gateway", tags: ["owner:it", "cost-centre:ops"] },
  { ...base, id: "e1e1e1e1e1e1e1e1e1e1e1e1e1e1e104", name: "example.com", type: "TXT", content: '"stripe-verification=5f1e9c3b7a"' },
];
const ZONE: FakeZone = { id: ZONE_ID, name: "example.com", accountId: "01a7362d577a6c3019a474fd6f485823", plan: "Pro Website", records: RECORDS, settings: SETTINGS, rulesets: {} };

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The rows of the comments, tags and settings table (header row left out). */
function metadataSection(stdout: string): string[][] {
  const at = stdout.indexOf("Record comments, tags and settings");
  assert.ok(at >= 0, stdout);
  const rest = stdout.slice(at);
  return tableRows(rest.slice(0, rest.indexOf("\n\n") > 0 ? rest.indexOf("\n\n") : undefined)).slice(1);
}

describe("adopt: record comments, tags and settings", () => {
  let run: Captured;
  let dir: string;
  before(async () => {
    const api = await startFakeCloudflare([ZONE], { token: ALL_PERMISSIONS });
    dir = tempDir("adopt-metadata");
    dirs.push(dir);
    let stdout = "";
    let stderr = "";
    const io: CliIO = { out: (t) => void (stdout += t), err: (t) => void (stderr += t), readConfig: readStackConfig, env: { CLOUDFLARE_API_TOKEN: "token", CLOUDFLARE_BASE_URL: api.baseURL, COLUMNS: "220" } };
    try {
      run = { code: await main(["--zone", "example.com", "--stack", "meta", "--cwd", dir], io), stdout, stderr };
    } finally {
      await api.close();
    }
    run = { ...run, stdout, stderr };
  });

  it("drafts a stack whose plan passes on the zone's Pro plan", () => {
    assert.equal(run.code, 0, run.stdout + run.stderr);
  });

  it("keeps a flattened DNS-only CNAME flattened: the provider receives settings.flattenCname", async () => {
    const plan = await buildPlan(readStackFile("meta", dir), "meta");
    const help = plan.resources.find((r) => r.type === "cloudflare:index/dnsRecord:DnsRecord" && r.inputs.name === "help.example.com")!;
    assert.deepEqual([help.inputs.settings, help.inputs.comment], [{ flattenCname: true }, "dns-only: Zendesk helpdesk"]);
    assert.match(readFileSync(join(dir, "Pulumi.meta.yaml"), "utf8"), /content: example\.zendesk\.example\.net\n\s+flattenCname: true\n/);
  });

  it("lists what the first up changes in comments, tags and settings, and not the flattening it keeps", () => {
    assert.deepEqual(metadataSection(run.stdout), [
      ["A example.com", "ipv4Only", "on", "turned off: Cloudflare answers AAAA for the proxied name again (the config cannot declare ipv4Only)"],
      ["A vpn.example.com", "comment", "Office VPN gateway", 'becomes "dns-only: origin 198.51.100.7"'],
      ["A vpn.example.com", "tags", "cost-centre:ops, owner:it", "cleared (the config declares no record tags; keep ownership notes in the comment)"],
      ["CNAME help.example.com", "comment", "Zendesk helpdesk", 'becomes "dns-only: Zendesk helpdesk"'],
    ]);
  });

  it("counts in one line the adopted records without a comment that get the stack's", () => {
    assert.match(run.stdout, /\n2 more adopted records without a comment get the stack's \("web: \.\.\.", "mail: \.\.\.", "dns-only: \.\.\."\): the policies read a record's role there\.\n/);
  });
});

describe("adopt: record attributes in a Cloudflare export", () => {
  const zone = (line: string) => parseZoneFile(["$ORIGIN example.com.", "@ 1 IN A 203.0.113.10 ; cf_tags=cf-proxied:true", line].join("\n"), "zone.txt");

  it("reads the comment, the tags and a flattened CNAME from one line's cf_tags", () => {
    const help = zone('help 1 IN CNAME example.zendesk.example.net. ; Zendesk helpdesk cf_tags=cf-proxied:false,cf-flatten-cname,owner:"support team",tier:1').records[1];
    assert.deepEqual([help.proxied, help.comment, help.tags, help.settings], [false, "Zendesk helpdesk", ["owner:support team", "tier:1"], { flattenCname: true }]);
  });

  it("drafts a zone with a flattened CNAME on Pro, noting why, since Free does not offer it", () => {
    const d = draftConfig(zone("help 1 IN CNAME example.zendesk.example.net. ; cf_tags=cf-flatten-cname:true"), { environment: "staging", stack: "s" });
    const z = (d.config.zones as Record<string, any>[])[0];
    assert.equal(z.plan, "pro");
    assert.deepEqual(z.records, [{ type: "CNAME", name: "help", content: "example.zendesk.example.net", flattenCname: true }]);
    assert.match(d.notes["zones.0.plan"], /at least pro: a record is a flattened CNAME, which Free does not offer/);
  });

  it("reports from a zone file what the first up clears, by the records the plan pairs with", async () => {
    const dir = tempDir("adopt-metadata-file");
    dirs.push(dir);
    writeFileSync(join(dir, "zone.txt"), ["$ORIGIN example.com.", "@ 1 IN A 203.0.113.10 ; cf_tags=cf-proxied:true", '@ 1 IN TXT "v=DMARC1; p=quarantine; rua=mailto:d@example.com"', "vpn 300 IN A 198.51.100.7 ; cf_tags=cf-proxied:false,owner:it"].join("\n"));
    let stdout = "";
    const io: CliIO = { out: (t) => void (stdout += t), err: () => undefined, readConfig: readStackConfig, env: { COLUMNS: "220" } };
    await main(["--zone-file", join(dir, "zone.txt"), "--stack", "f", "--cwd", dir], io);
    assert.deepEqual(metadataSection(stdout).map((r) => r.slice(0, 3)), [["A vpn.example.com", "tags", "owner:it"]]);
  });
});
