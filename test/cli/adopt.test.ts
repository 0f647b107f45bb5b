/**
 * `npm run adopt`: a realistic small-business zone export goes export -> adopt -> plan with exit 0, and the
 * plan declares every exported record with its type, name, content and proxied state, except those the
 * adoption report lists as changed or removed, each with why.
 */
import { strict as assert } from "node:assert";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../cli/adopt";
import { draftConfig } from "../../cli/adopt/draft";
import { comparable, liveComparable, recordChanges } from "../../cli/adopt/report";
import { readZoneFile } from "../../cli/adopt/zone-file";
import { buildPlan } from "../../cli/plan/stack";
import type { PlanDocument } from "../../cli/plan/document";
import { readStackFile } from "../../offline/stack-file";
import { tableRows } from "./adopt/table-rows";
import { Captured, runInProcess, tempDir } from "./plan-fixture";

const FIXTURE = join(__dirname, "adopt", "coaching.example.com.txt");

async function adopt(args: string[], dir = tempDir("adopt")): Promise<Captured & { dir: string }> {
  return { ...(await runInProcess(main, [...args, "--cwd", dir])), dir };
}

describe("npm run adopt", () => {
  let run: Captured & { dir: string };
  let plan: PlanDocument;
  const columns = process.env.COLUMNS;
  // A wide terminal, so record names and SPF terms fit their columns whole.
  before(() => { process.env.COLUMNS = "220"; });
  after(() => { if (columns === undefined) delete process.env.COLUMNS; else process.env.COLUMNS = columns; });
  before(async () => {
    run = await adopt(["--zone-file", FIXTURE, "--stack", "coaching"]);
    plan = await buildPlan(readStackFile("coaching", run.dir), "coaching");
  });

  it("writes Pulumi.coaching.yaml and exits 0 because its plan passes", () => {
    assert.equal(run.code, 0, run.stderr + run.stdout);
    assert.ok(existsSync(join(run.dir, "Pulumi.coaching.yaml")));
    assert.match(run.stdout, /npm run plan -- --stack coaching: passes\./);
  });

  it("plans with no mandatory violation, as npm run plan does", () => {
    assert.deepEqual(plan.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.message), []);
  });

  it("declares every exported record as served, or reports its change with the reason", () => {
    const live = readZoneFile(FIXTURE);
    const draft = draftConfig(live, { environment: "staging", stack: "coaching" });
    const changes = recordChanges(live.records, plan, draft);
    // Declared means the same type, name, value and proxied state, compared as resolvers see them.
    const declared = new Set(plan.resources.filter((r) => r.type === "cloudflare:index/dnsRecord:DnsRecord").map((r) => `${r.inputs.type} ${r.inputs.name} ${comparable(String(r.inputs.type), r.inputs)}`));
    const unaccounted = live.records
      .filter((r) => r.type !== "SOA" && !(r.type === "NS" && r.name === live.domain))
      .filter((r) => !declared.has(`${r.type} ${r.name} ${liveComparable(r)}`) && !changes.some((c) => c.name === r.name && c.type === r.type && c.before?.split("\n").includes(liveComparable(r))));
    assert.deepEqual(unaccounted.map((r) => `${r.type} ${r.name}`), []);
    for (const c of changes.filter((x) => x.kind === "removed")) assert.ok(c.why, `${c.type} ${c.name} is removed without a reason`);
  });

  it("keeps a DNS-only record's content, TTL and comment, and a proxied host proxied", () => {
    const find = (type: string, name: string) => plan.resources.find((r) => r.type === "cloudflare:index/dnsRecord:DnsRecord" && r.inputs.type === type && r.inputs.name === name)!.inputs;
    const help = find("CNAME", "help.example.com");
    assert.deepEqual([help.content, help.proxied, help.ttl, help.comment], ["example.zendesk.example.net", false, 1, "dns-only: Zendesk helpdesk"]);
    const book = find("CNAME", "book.example.com");
    assert.deepEqual([book.content, book.proxied, book.ttl], ["bookings.example.org", false, 3600]);
    const courses = find("CNAME", "courses.example.com");
    assert.deepEqual([courses.content, courses.proxied, courses.ttl], ["example-courses.example.net", true, 1]);
    assert.deepEqual(find("SRV", "_sip._tls.example.com").data, { priority: 100, weight: 1, port: 443, target: "sipdir.online.lync.com" });
    assert.equal(comparable("TXT", find("TXT", "_github-challenge-coachingco-org.example.com")), "82d5c1e7a4");
  });

  it("declares an unproxied A host as a DNS-only host, noting the live TTL and comment it does not keep", () => {
    const find = (type: string, name: string) => plan.resources.find((r) => r.type === "cloudflare:index/dnsRecord:DnsRecord" && r.inputs.type === type && r.inputs.name === name)!.inputs;
    const vpn = find("A", "vpn.example.com");
    assert.deepEqual([vpn.content, vpn.proxied, vpn.comment], ["198.51.100.7", false, "dns-only: origin 198.51.100.7"]);
    const doc = readFileSync(join(run.dir, "Pulumi.coaching.yaml"), "utf8");
    assert.match(doc, /vpn:\n\s+# decide: a DNS-only host .*; live TTL 300 becomes automatic; comment "Office VPN gateway".*\n\s+origin: 198\.51\.100\.7\n\s+proxied: false\n/);
  });

  it("infers Microsoft 365 with its tenant and Amazon SES with its tokens from the records", () => {
    const doc = readFileSync(join(run.dir, "Pulumi.coaching.yaml"), "utf8");
    assert.match(doc, /provider: microsoft-365\n\s+tenant: coachingco\n\s+verification: MS=ms48151623/);
    assert.match(doc, /provider: amazon-ses\n\s+region: us-east-2\n\s+mailFrom: mail/);
  });

  it("notes each value a person must decide", () => {
    const doc = readFileSync(join(run.dir, "Pulumi.coaching.yaml"), "utf8");
    assert.match(doc, /plan: free # decide: the zone's Cloudflare plan/);
    assert.match(doc, /cloudflareAccountId: "0{32}" # decide:/);
  });

  it("reports the launch-bar problems of the live zone with who fixes each", () => {
    const rows = tableRows(run.stdout);
    assert.ok(rows.some(([problem, fix, by]) => problem.startsWith("example.com publishes 2 SPF records, so receivers return permerror") && fix.startsWith("the draft merges their terms into the one record") && by === "the generated config"), JSON.stringify(rows));
    const text = rows.map((r) => r.join(" | ")).join("\n");
    for (const line of [/DKIM selector legacy2019 publishes a 1024-bit key/, /DMARC p=none at _dmarc\.example\.com/, /example\.com has no CAA records/, /legacy\.example\.com answers 203\.0\.113\.99 directly/, /CNAME old-shop\.example\.com points at retired-shop\.example\.com/]) {
      assert.match(text, line);
    }
  });

  it("reports what the first pulumi up changes: the merged SPF record before and after", () => {
    const rows = tableRows(run.stdout);
    assert.ok(rows.some(([kind, record, before]) => kind === "changed" && record === "TXT example.com" && before.startsWith("v=spf1 include:spf.protection.outlook.com")), JSON.stringify(rows));
    assert.ok(rows.some(([kind, record]) => kind === "removed" && record === "CNAME old-shop.example.com"));
  });

  it("never overwrites a stack file", async () => {
    const again = await adopt(["--zone-file", FIXTURE, "--stack", "coaching"], run.dir);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /Pulumi\.coaching\.yaml exists; adopt never overwrites a stack file/);
  });

  it("raises DMARC p=none to quarantine for a prod stack, and says the config applied it", async () => {
    const prod = await adopt(["--zone-file", FIXTURE, "--stack", "coaching-prod", "--environment", "prod"]);
    assert.equal(prod.code, 0, prod.stderr);
    assert.match(readFileSync(join(prod.dir, "Pulumi.coaching-prod.yaml"), "utf8"), /policy: quarantine/);
    assert.match(prod.stdout, /the draft sets p=quarantine/);
  });

  it("reports a syntax error with the file and line", async () => {
    const dir = tempDir("adopt-bad");
    writeFileSync(join(dir, "bad.zone"), "$ORIGIN example.com.\nwww 300 IN CNAME example.com.\nfoo 300 IN BOGUS 1 2\n");
    const bad = await adopt(["--zone-file", join(dir, "bad.zone"), "--stack", "x"], dir);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, `error: ${join(dir, "bad.zone")}:3: "BOGUS" is not a DNS record type; write <name> [ttl] [class] <type> <data>\n`);
    assert.ok(!existsSync(join(dir, "Pulumi.x.yaml")));
  });

  it("reads a relative --zone-file from the directory npm was run in (INIT_CWD), not the package root", async () => {
    const dir = tempDir("adopt-relative");
    copyFileSync(FIXTURE, join(dir, "export.txt"));
    const before = process.env.INIT_CWD;
    process.env.INIT_CWD = dir;
    try {
      const out = await adopt(["--zone-file", "export.txt", "--stack", "rel"], dir);
      assert.equal(out.code, 0, out.stderr);
      assert.ok(existsSync(join(dir, "Pulumi.rel.yaml")));
    } finally {
      if (before === undefined) delete process.env.INIT_CWD;
      else process.env.INIT_CWD = before;
    }
  });

  it("drafts TLS-RPT to the DMARC report mailbox for a zone that receives mail but publishes none, and still plans", async () => {
    const dir = tempDir("adopt-no-tlsrpt");
    const zone = readFileSync(FIXTURE, "utf8").split("\n").filter((line) => !line.startsWith("_smtp._tls.")).join("\n");
    writeFileSync(join(dir, "z.txt"), zone);
    const out = await adopt(["--zone-file", join(dir, "z.txt"), "--stack", "norpt"], dir);
    assert.equal(out.code, 0, out.stderr + out.stdout);
    const draft = readFileSync(join(dir, "Pulumi.norpt.yaml"), "utf8");
    assert.match(draft, /tlsRpt:[\s\S]*?rua:[\s\S]*?- dmarc-reports@example\.com/);
    assert.ok(tableRows(out.stdout).some(([problem]) => problem.startsWith("example.com receives mail but publishes no TLS-RPT record")));
  });

  it("reports an unterminated quote with its line", async () => {
    const dir = tempDir("adopt-quote");
    writeFileSync(join(dir, "q.zone"), "$ORIGIN example.com.\n@ 300 IN TXT \"v=spf1 -all\n");
    const bad = await adopt(["--zone-file", join(dir, "q.zone"), "--stack", "x"], dir);
    assert.match(bad.stderr, /q\.zone:2: a quoted string is never closed/);
  });

  it("lists a record type it cannot manage with its line, never dropping it silently", async () => {
    const dir = tempDir("adopt-hinfo");
    copyFileSync(FIXTURE, join(dir, "z.txt"));
    writeFileSync(join(dir, "z.txt"), `${readFileSync(FIXTURE, "utf8")}box.example.com.\t3600\tIN\tHINFO\t"PC" "Linux"\n`);
    const out = await adopt(["--zone-file", join(dir, "z.txt"), "--stack", "h"], dir);
    const row = tableRows(out.stdout).find(([kind, record]) => kind === "removed" && record === "HINFO box.example.com");
    assert.deepEqual(row, ["removed", "HINFO box.example.com", '"PC" "Linux"', "", "type HINFO is not one Cloudflare's DNS serves"]);
  });
});
