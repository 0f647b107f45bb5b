import { strict as assert } from "node:assert";
import { buildPlan } from "../../cli/plan/stack";
import { renderHandover } from "../../cli/plan/handover";
import type { PlanDocument } from "../../cli/plan/document";
import { parseStackConfig } from "../../gate/load";
import { buildChecks } from "../../verifier/checks";
import { expectationsFor } from "../../verifier/expectations";
import { configProblems, editedConfig, TYPES } from "../support/harness";

/** Staging with a VPN host and a status page on a SaaS CNAME, both DNS-only. */
const withDnsOnly = (edit: (c: Record<string, any>) => void = () => undefined) => editedConfig("staging", (c) => {
  c.zones[0].hosts.vpn = { origin: "198.51.100.99", proxied: false };
  c.zones[0].hosts.status = { origin: "example.statuspage.io", proxied: false };
  edit(c);
});

describe("DNS-only hosts: outside the edge, and only where nothing needs the edge", () => {
  let plan: PlanDocument;
  before(async () => {
    plan = await buildPlan(withDnsOnly(), "staging");
  });

  it("declares the host unproxied, on automatic TTL, with the dns-only role", () => {
    const i = plan.resources.find((r) => r.type === TYPES.dnsRecord && r.name === "example-org-dns-status")!.inputs;
    assert.deepEqual([i.name, i.type, i.content, i.proxied, i.ttl, i.comment], ["status.example.org", "CNAME", "example.statuspage.io", false, 1, "dns-only: origin example.statuspage.io"]);
  });

  it("passes the policy pack with no violation the stack without it lacks", async () => {
    const base = await buildPlan(editedConfig("staging", () => undefined), "staging");
    assert.deepEqual(plan.violations.map((v) => `${v.policy} ${v.message}`), base.violations.map((v) => `${v.policy} ${v.message}`));
  });

  it("gets no uptime check unless a check names it", () => {
    const checks = (plan.outputs.uptimeChecks as { url: string }[]).map((c) => c.url);
    assert.ok(!checks.some((u) => /vpn|status/.test(u)), checks.join());
  });

  it("accepts an uptime check that names a DNS-only host", async () => {
    const raw = withDnsOnly((c) => { c.monitoring.checks = { "status-page": { url: "https://status.example.org/" } }; });
    const checks = (await buildPlan(raw, "staging")).outputs.uptimeChecks as { url: string }[];
    assert.ok(checks.some((c) => c.url === "https://status.example.org/"), JSON.stringify(checks));
  });

  it("turns includeSubDomains off by default, since the host may serve no HTTPS", async () => {
    const plan2 = await buildPlan(withDnsOnly(), "staging");
    const hsts = plan2.resources.find((r) => r.type === TYPES.zoneSetting && r.inputs.settingId === "security_header")!.inputs.value as { strict_transport_security: { include_subdomains: boolean } };
    assert.equal(hsts.strict_transport_security.include_subdomains, false);
  });

  it("is listed in the handover as outside the edge", () => {
    const doc = renderHandover(plan, { secretConfigKeys: [], config: parseStackConfig(withDnsOnly()) });
    const section = doc.slice(doc.indexOf("## Outside the edge (DNS only)"));
    assert.match(section, /\| vpn\.example\.org \| A \| 198\.51\.100\.99 \| origin 198\.51\.100\.99 \|/);
  });

  it("is verified against its declared answer, with no edge TLS row", () => {
    const checks = buildChecks(expectationsFor(parseStackConfig(withDnsOnly())));
    const rows = checks.filter((c) => c.name.includes("vpn.example.org"));
    assert.deepEqual(rows.map((c) => [c.area, c.criteria]), [
      ["DNS", "answers the declared A 198.51.100.99 (DNS only, outside the edge)"],
      ["DNS", "CNAME target resolves; the SaaS it points at still claims the name"],
    ]);
  });

  it("refuses the app's host as DNS-only", async () => {
    assert.deepEqual(await configProblems(withDnsOnly((c) => { c.zones[0].hosts.app.proxied = false; })), [
      "launch-stack:zones[0].hosts.app.proxied: app.example.org is app.host and serves the portal's login, API and private pages, which only the edge protects (launch checklist: edge protection); remove proxied: false",
    ]);
  });

  it("refuses an authenticated host as DNS-only", async () => {
    assert.deepEqual(await configProblems(withDnsOnly((c) => { c.zones[0].hosts.api.proxied = false; })), [
      "launch-stack:zones[0].hosts.api.proxied: api.example.org serves logged-in pages or APIs (authenticated: true), which only the edge rate-limits and keeps out of caches (launch checklist: edge protection); remove proxied: false",
    ]);
  });

  it("refuses a DNS-only host with legacy-path redirects", async () => {
    const problems = await configProblems(withDnsOnly((c) => { c.zones[0].legacyPaths = [{ from: "https://vpn.example.org/old", to: "https://example.org/new" }]; }));
    assert.ok(problems.includes("launch-stack:zones[0].hosts.vpn.proxied: vpn.example.org has 1 legacy-path redirect, which only the edge performs (launch checklist: edge protection); remove proxied: false, or move the redirects to the origin"), problems.join("\n"));
  });

  it("accepts a DNS-only host deeper than Universal SSL covers", async () => {
    await assert.rejects(configProblems(withDnsOnly((c) => { c.zones[0].hosts["vpn.office"] = { origin: "198.51.100.98", proxied: false }; })), /expected the config to be rejected/);
  });

  it("refuses a DNS-only CNAME into the zone that points at no declared name", async () => {
    assert.deepEqual(await configProblems(withDnsOnly((c) => { c.zones[0].hosts.old = { origin: "gone.example.org", proxied: false }; })), [
      "launch-stack:zones[0].hosts.old.origin: CNAME old.example.org points at gone.example.org, which no record of the example.org zone declares (a dangling record); declare gone.example.org in example.org or point the CNAME elsewhere",
    ]);
  });

  it("keeps a proxied host's record proxied", () => {
    assert.equal(plan.resources.find((r) => r.type === TYPES.dnsRecord && r.name === "example-org-dns-app")!.inputs.proxied, true);
  });
});
