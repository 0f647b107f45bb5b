/**
 * Dangling-record rows: every name that is, or is declared as, a CNAME (mail and verification CNAMEs, DNS-
 * only hosts, and any hostname that serves one) must point at a target that resolves; a DNS-only host
 * pointing at a SaaS whose "unclaimed" page is known (rules/dangling.ts) must not answer with that page.
 */
import { checkCnameTarget, checkSaasClaim, saasOf } from "../../rules/dangling";
import { Finding } from "../../rules/finding";
import { OverBudget } from "../budget";
import { Check, fromFindings } from "../check";
import type { Expectations } from "../expectations";
import { faultReason } from "../faults";

function dangling(name: string, dnsOnly: boolean): Check {
  return {
    area: "DNS",
    name: `dangling ${name}`,
    criteria: dnsOnly ? "CNAME target resolves; the SaaS it points at still claims the name" : "any CNAME served here points at a name that resolves",
    demands: dnsOnly ? [{ url: `http://${name}/`, count: 1, kind: "proof" }] : [],
    async run(probes) {
      // What is served decides: a declared CNAME that is missing is the declared-records row's to report.
      const target = (await probes.dns.cname(name))?.replace(/\.$/, "");
      if (target === undefined) return { status: "pass", detail: "no CNAME served" };
      const findings: Finding[] = checkCnameTarget(name, target, await probes.dns.exists(target));
      const service = findings.length === 0 && dnsOnly ? saasOf(target) : undefined;
      let note = "";
      if (service) {
        // The service's own answer for this name: plain HTTP, as its unclaimed page needs no certificate for us.
        try {
          const res = await probes.fetch(`http://${name}/`, { maxBodyBytes: 64 * 1024 });
          findings.push(...checkSaasClaim(name, target, service, res.body));
          note = `; ${service.service} answers ${res.status}`;
        } catch (error) {
          if (error instanceof OverBudget) throw error;
          note = `; ${service.service} not reachable over HTTP (${faultReason(error)})`;
        }
      }
      return fromFindings(findings, `CNAME ${target} resolves${note}`);
    },
  };
}

export function danglingChecks(e: Expectations): Check[] {
  const rows = new Map<string, Check>();
  for (const set of e.mailRecords.filter((s) => s.type === "CNAME")) rows.set(set.name, dangling(set.name, false));
  for (const h of e.hostnames) {
    if (rows.has(h.name)) continue;
    rows.set(h.name, dangling(h.name, h.dnsOnly !== undefined));
  }
  return [...rows.values()];
}
