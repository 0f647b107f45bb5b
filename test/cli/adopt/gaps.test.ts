/**
 * adopt on the zones the coaching fixture does not cover: a dual-stack apex, DNS-only hosts and the one piece
 * of advice each gets, glue and round-robin addresses, LOC records, report tables that wrap at words and
 * fit the terminal, and `org/project/stack` names.
 */
import { strict as assert } from "node:assert";
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../../cli/adopt";
import { draftConfig, Draft } from "../../../cli/adopt/draft";
import { renderReport } from "../../../cli/adopt/report";
import { parseZoneFile } from "../../../cli/adopt/zone-file";
import type { PlanDocument } from "../../../cli/plan/document";
import { buildPlan } from "../../../cli/plan/stack";
import { readStackFile } from "../../../offline/stack-file";
import { REPO } from "../../support/harness";
import { runInProcess, tempDir } from "../plan-fixture";
import { tableRows } from "./table-rows";

const DMARC = "_dmarc 3600 IN TXT \"v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@example.com\"";

function draft(lines: string[]): Draft {
  return draftConfig(parseZoneFile(["$ORIGIN example.com.", ...lines].join("\n"), "zone.txt"), { environment: "staging", stack: "s" });
}

const hostsOf = (d: Draft) => ((d.config.zones as Record<string, any>[])[0].hosts) as Record<string, Record<string, unknown>>;
const extrasOf = (d: Draft) => (((d.config.zones as Record<string, any>[])[0].records ?? []) as Record<string, unknown>[]);

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function adopt(zone: string[], stack: string, dir = tempDir("adopt-gaps")) {
  dirs.push(dir);
  writeFileSync(join(dir, "zone.txt"), ["$ORIGIN example.com.", ...zone].join("\n"));
  return { ...(await runInProcess(main, ["--zone-file", join(dir, "zone.txt"), "--stack", stack, "--cwd", dir])), dir };
}

const dnsRecords = (plan: PlanDocument) => plan.resources.filter((r) => r.type === "cloudflare:index/dnsRecord:DnsRecord").map((r) => r.inputs as Record<string, any>);

describe("adopt: hosts, DNS-only advice, LOC, tables and stack names", () => {
  it("keeps both addresses of a dual-stack apex, and the plan declares its A and AAAA proxied", async () => {
    const run = await adopt(["@ 1 IN A 203.0.113.10 ; cf_tags=cf-proxied:true", "@ 1 IN AAAA 2001:db8::10 ; cf_tags=cf-proxied:true", DMARC], "dual");
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const plan = await buildPlan(readStackFile("dual", run.dir), "dual");
    const apex = dnsRecords(plan).filter((i) => i.name === "example.com" && (i.type === "A" || i.type === "AAAA"));
    assert.deepEqual(apex.map((i) => `${i.type} ${i.content} ${i.proxied}`).sort(), ["A 203.0.113.10 true", "AAAA 2001:db8::10 true"]);
    assert.match(readFileSync(join(run.dir, "Pulumi.dual.yaml"), "utf8"), /"@":\n(\s+#.*\n)?\s+origin: 203\.0\.113\.10\n\s+originIpv6: 2001:db8::10\n/);
  });

  it("declares an unproxied dual-stack host as one DNS-only host, not two extra records", () => {
    const d = draft(["@ 1 IN A 203.0.113.10 ; cf_tags=cf-proxied:true", "vpn 1 IN A 198.51.100.7", "vpn 1 IN AAAA 2001:db8::7"]);
    assert.deepEqual(hostsOf(d).vpn, { origin: "198.51.100.7", originIpv6: "2001:db8::7", proxied: false });
    assert.deepEqual(extrasOf(d), []);
  });

  it("gives a DNS-only apex that is the app's host one piece of advice: the draft proxies it", () => {
    const d = draft(["@ 1 IN A 203.0.113.10"]);
    const apex = d.problems.filter((p) => p.problem.startsWith("example.com") && p.problem.includes("DNS only"));
    assert.deepEqual(apex.map((p) => [p.applied, p.fix.slice(0, 22)]), [[true, "the draft proxies it ("]]);
    assert.equal(hostsOf(d)["@"].proxied, undefined);
  });

  it("gives a DNS-only apex beside a separate app host one piece of advice: a person proxies it", () => {
    const d = draft(["@ 1 IN A 203.0.113.10", "app 1 IN A 203.0.113.20 ; cf_tags=cf-proxied:true"]);
    const apex = d.problems.filter((p) => p.problem.startsWith("example.com") && p.problem.includes("DNS only"));
    assert.deepEqual(apex.map((p) => [p.applied, p.fix]), [[false, 'set zones[0].hosts["@"].proxied to true once the origin accepts Cloudflare\'s addresses']]);
    assert.equal(hostsOf(d)["@"].proxied, false);
  });

  it("keeps a nameserver's glue address and round-robin addresses as extra records", () => {
    const d = draft([
      "@ 1 IN A 203.0.113.10 ; cf_tags=cf-proxied:true", "lab 3600 IN NS ns1.example.com.", "ns1 3600 IN A 198.51.100.53",
      "pool 300 IN A 198.51.100.1", "pool 300 IN A 198.51.100.2",
    ]);
    assert.deepEqual(Object.keys(hostsOf(d)).sort(), ["@"]);
    assert.deepEqual(extrasOf(d).filter((r) => r.type === "A").map((r) => `${r.name} ${r.content}`), ["ns1 198.51.100.53", "pool 198.51.100.1", "pool 198.51.100.2"]);
  });

  it("declares a LOC record with its RFC 1876 fields, so the first up leaves it as it is", async () => {
    const run = await adopt(["@ 1 IN A 203.0.113.10 ; cf_tags=cf-proxied:true", DMARC, "office 3600 IN LOC 52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m"], "loc");
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const plan = await buildPlan(readStackFile("loc", run.dir), "loc");
    const loc = dnsRecords(plan).find((i) => i.type === "LOC")!;
    assert.deepEqual([loc.name, loc.data], ["office.example.com", {
      latDegrees: 52, latMinutes: 22, latSeconds: 23, latDirection: "N", longDegrees: 4, longMinutes: 53, longSeconds: 32, longDirection: "E",
      altitude: -2, size: 0, precisionHorz: 10000, precisionVert: 10,
    }]);
    assert.ok(!tableRows(run.stdout).some((row) => row[1] === "LOC office.example.com"), "LOC shows as a change");
  });

  it("lists a LOC record it cannot read in the report with its line and why, never dropping it", async () => {
    const run = await adopt(["@ 1 IN A 203.0.113.10 ; cf_tags=cf-proxied:true", DMARC, "office 3600 IN LOC somewhere nice"], "badloc");
    const row = tableRows(run.stdout).find((r) => r[1] === "LOC office.example.com");
    assert.ok(row, run.stdout);
    assert.deepEqual(row!.slice(0, 3), ["removed", "LOC office.example.com", "somewhere nice"]);
    assert.match(row![4], /not in RFC 1876 §3 form/);
  });

  it("wraps report tables at word boundaries within the terminal width", () => {
    const d = draft(["@ 1 IN A 203.0.113.10", "app 1 IN A 203.0.113.20 ; cf_tags=cf-proxied:true"]);
    for (const width of [80, 120]) {
      const text = renderReport([], d, 0, width);
      assert.ok(text.split("\n").filter((line) => /^[┌│├└]/.test(line)).every((line) => line.length <= width), `a table line is wider than ${width}:\n${text}`);
      const cells = tableRows(text).flat().join(" ");
      for (const word of d.problems.flatMap((p) => `${p.problem} ${p.fix}`.split(/\s+/))) assert.ok(cells.split(" ").includes(word), `"${word}" was split at ${width} columns:\n${text}`);
    }
  });

  it("puts a zone without mail's placeholder alert mailboxes on a domain that can receive, noting them", () => {
    const d = draft(["@ 1 IN A 203.0.113.10 ; cf_tags=cf-proxied:true"]);
    assert.deepEqual((d.config.monitoring as Record<string, any>).alerts.emails, ["ops@example.net"]);
    assert.match(d.notes["monitoring.alerts.emails"], /^decide:/);
  });

  it("takes an org/project/stack name, writing Pulumi.<stack>.yaml and naming the full stack in the next step", async () => {
    const dir = tempDir("adopt-org");
    copyFileSync(join(REPO, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
    const run = await adopt(["@ 1 IN A 203.0.113.10 ; cf_tags=cf-proxied:true", DMARC], "acme/launch-stack/coaching-staging", dir);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.ok(existsSync(join(dir, "Pulumi.coaching-staging.yaml")));
    assert.match(run.stdout, /npm run plan -- --stack acme\/launch-stack\/coaching-staging: passes/);
  });

  it("refuses an org/project/stack name whose project is not this one's, writing nothing", async () => {
    const dir = tempDir("adopt-org");
    copyFileSync(join(REPO, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
    const run = await adopt(["@ 1 IN A 203.0.113.10 ; cf_tags=cf-proxied:true", DMARC], "acme/other/coaching", dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--stack acme\/other\/coaching names project other, but .*Pulumi\.yaml is project launch-stack/);
    assert.ok(!existsSync(join(dir, "Pulumi.coaching.yaml")));
  });
});
