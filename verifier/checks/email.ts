/**
 * Email rows per zone, all through the shared rules: SPF on every name that carries it (one record,
 * counted live, recursively), DMARC (parsed per RFC 9989, policy as declared, external report destinations
 * found by a live DNS Tree Walk and authorized; a missing record names the one receivers walk up to), each DKIM key, MTA-STS (the policy fetched over HTTPS, as declared, covering every live MX)
 * and TLS-RPT. A zone that sends no mail is checked for the null-mail set instead of SPF and DKIM.
 */
import { checkDkim } from "../../rules/dkim";
import { checkDmarc, checkDmarcRecordSet, checkReportAuthorization, DmarcRecord, externalReportDestinations, isDmarcRecord, parseDmarc, reportAuthorizationName } from "../../rules/dmarc";
import { organizationalDomainWalk, policyDiscoveryWalk, runTreeWalkLive } from "../../rules/dmarc-tree-walk";
import { Finding } from "../../rules/finding";
import { checkMtaStsPolicy, checkMtaStsTxt } from "../../rules/mta-sts";
import { checkMtaStsMode } from "../../rules/mta-sts-mode";
import { checkMailDestination, isNullMxSet, mailDomain, ruaAddresses } from "../../rules/mail-destinations";
import { checkParkedDomain } from "../../rules/parked-domain";
import { checkSpf, checkSpfRecordSet, countSpfLookups, isSpfRecord, SpfDnsResolver } from "../../rules/spf";
import { checkTlsRpt } from "../../rules/tls-rpt";
import { Check, fromFindings } from "../check";
import type { EmailExpectation, Expectations } from "../expectations";
import { headerValue } from "../http";
import type { Probes } from "../probes";

type Environment = Expectations["environment"];

function spfResolver(probes: Probes): SpfDnsResolver {
  return {
    resolveTxt: (name) => probes.dns.txt(name),
    resolveMx: async (name) => (await probes.dns.mx(name)).map((m) => m.exchange),
    resolveAddresses: (name) => probes.dns.addresses(name),
  };
}

function spf(name: string): Check {
  return {
    area: "Email",
    name: `SPF ${name}`,
    criteria: "one SPF record, ≤ 10 lookups counted live, ends in -all or ~all",
    async run(probes) {
      const txt = await probes.dns.txt(name);
      const set = checkSpfRecordSet(txt);
      if (set.length > 0) return fromFindings(set, "");
      const record = txt.find(isSpfRecord)!;
      const live = await countSpfLookups(name, spfResolver(probes));
      // ~all passes: a zone still validating its senders may softfail (email-auth rules, SPF 3). The
      // plan-time lookup count (RFC 7208 §4.6.4, from assumed include costs) is superseded by the live one.
      const rules = checkSpf(record, { allowSoftFail: true }).filter((f) => !f.ref?.startsWith("RFC 7208 §4.6.4"));
      return fromFindings([...rules, ...live.findings], `"${record}"; ${live.lookups} lookup${live.lookups === 1 ? "" : "s"}`);
    },
  };
}

/** Which record receivers apply instead when the zone's own is missing or discarded (RFC 9989 §4.10.1, walked live). */
async function governingRecord(probes: Probes, domain: string): Promise<string> {
  const found = await runTreeWalkLive(policyDiscoveryWalk(domain), (q) => probes.dns.txt(q));
  const by = `${found.queries.length} tree-walk quer${found.queries.length === 1 ? "y" : "ies"}`;
  if (found.source === "none") return `no DMARC record governs ${domain} (${by}), so receivers apply no DMARC policy`;
  return `receivers apply the record at _dmarc.${found.policyDomain} instead ("${found.record}", ${by})`;
}

/** Report destinations outside the domain's Organizational Domain, each side found by a live tree walk (RFC 9989 §4.10.2). */
async function liveExternalDestinations(probes: Probes, domain: string, record: DmarcRecord): Promise<string[]> {
  const names = [domain, ...[...record.rua, ...record.ruf].map((u) => u.domain).filter((d): d is string => d !== undefined)];
  const orgs = new Map<string, string>();
  for (const name of new Set(names)) {
    orgs.set(name, (await runTreeWalkLive(organizationalDomainWalk(name), (q) => probes.dns.txt(q))).organizationalDomain);
  }
  return externalReportDestinations(domain, record, (n) => orgs.get(n) ?? n);
}

/** Report mailboxes on a domain whose live MX is the null MX, which never receive anything (RFC 7505). */
async function nullMxDestinations(probes: Probes, addresses: readonly string[], what: string): Promise<Finding[]> {
  const domains = [...new Set(addresses.map(mailDomain).filter((d): d is string => d !== undefined))];
  const nullMx = new Set((await Promise.all(domains.map(async (d) => (isNullMxSet((await probes.dns.mx(d)).map((r) => r.exchange)) ? [d] : [])))).flat());
  return addresses.flatMap((a) => checkMailDestination(a, what, nullMx));
}

function dmarc(m: EmailExpectation, environment: Environment): Check {
  const name = `_dmarc.${m.domain}`;
  return {
    area: "Email",
    name: `DMARC ${m.domain}`,
    criteria: `one valid record, p=${m.dmarcPolicy} as declared, external rua authorized`,
    async run(probes) {
      const txt = await probes.dns.txt(name);
      const set = checkDmarcRecordSet(txt);
      if (set.length > 0) {
        const governing = await governingRecord(probes, m.domain);
        return fromFindings(set.map((f) => ({ ...f, message: `${f.message}; ${governing}` })), "");
      }
      const text = txt.find(isDmarcRecord)!;
      const record = parseDmarc(text);
      const findings: Finding[] = checkDmarc(text, { environment });
      const policy = record.p?.toLowerCase();
      if (policy !== m.dmarcPolicy) {
        findings.push({ message: `DMARC p=${policy ?? "(missing)"} at ${name}; the stack declares p=${m.dmarcPolicy}`, ref: "launch checklist: email authentication", fix: "run pulumi up, or change dmarc.policy in the config if the live record is the intended one" });
      }
      const destinations = await liveExternalDestinations(probes, m.domain, record);
      const authorizations = await Promise.all(
        destinations.map(async (d) => {
          const at = reportAuthorizationName(m.domain, d);
          return checkReportAuthorization(await probes.dns.txt(at), at);
        }),
      );
      findings.push(...authorizations.flat());
      findings.push(...(await nullMxDestinations(probes, record.rua.map((u) => u.uri), "DMARC report address")));
      return fromFindings(findings, `"${text}"${destinations.length ? `; reports authorized by ${destinations.join(", ")}` : ""}`);
    },
  };
}

function dkim(key: { name: string; selector: string }, environment: Environment): Check {
  return {
    area: "Email",
    name: `DKIM ${key.name}`,
    criteria: "key published, RSA ≥ 2048 bits, not in testing",
    async run(probes) {
      // A provider-hosted key sits behind a CNAME; the resolver follows it and returns the key record.
      const keys = (await probes.dns.txt(key.name)).filter((t) => /(^|;)\s*p\s*=/.test(t));
      if (keys.length === 0) return fromFindings([{ message: `no DKIM key at ${key.name}`, ref: "RFC 6376 §3.6.2.2", fix: "publish the selector's key record (TXT, or the provider's CNAME)" }], "");
      if (keys.length > 1) return fromFindings([{ message: `${keys.length} DKIM key records at ${key.name}; verifiers may pick either`, ref: "RFC 6376 §3.6.2.2", fix: "keep one key record per selector" }], "");
      return fromFindings(checkDkim(keys[0], { environment }), "key published and strong enough");
    },
  };
}

function mtaSts(m: EmailExpectation, declared: { url: string; policy: string }, environment: Environment): Check {
  return {
    area: "Email",
    name: `MTA-STS ${m.domain}`,
    criteria: "one v=STSv1 record; policy served over HTTPS as declared; mx lines cover every MX",
    demands: [{ url: declared.url, count: 1, kind: "proof" }],
    async run(probes) {
      const [txt, mx, policy] = await Promise.all([probes.dns.txt(`_mta-sts.${m.domain}`), probes.dns.mx(m.domain), probes.fetch(declared.url)]);
      const findings = checkMtaStsTxt(txt);
      if (policy.status !== 200) {
        findings.push({ message: `${declared.url} answered ${policy.status}`, ref: "RFC 8461 §3.3", fix: "serve the policy file at that URL with status 200" });
        return fromFindings(findings, "");
      }
      const type = headerValue(policy.headers, "content-type") ?? "";
      if (!/^text\/plain\b/i.test(type)) findings.push({ message: `${declared.url} is served as ${type || "no content type"}, not text/plain`, ref: "RFC 8461 §3.2", fix: "serve it with Content-Type: text/plain" });
      if (policy.body !== declared.policy) {
        findings.push({ message: `${declared.url} serves a policy that differs from the declared one, while _mta-sts.${m.domain} keeps the declared id`, ref: "RFC 8461 §3.1", fix: "redeploy the MTA-STS Worker with pulumi up; senders only refetch when the id changes" });
      }
      const hosts = mx.map((r) => r.exchange);
      findings.push(...checkMtaStsPolicy(policy.body, hosts), ...checkMtaStsMode(policy.body, environment));
      return fromFindings(findings, `policy covers ${hosts.join(", ") || "no MX"}`);
    },
  };
}

function tlsRpt(m: EmailExpectation): Check {
  return {
    area: "Email",
    name: `TLS-RPT ${m.domain}`,
    criteria: "one v=TLSRPTv1 record with a valid rua on a domain that receives mail",
    async run(probes) {
      const txt = await probes.dns.txt(`_smtp._tls.${m.domain}`);
      const findings = checkTlsRpt(txt);
      const record = txt.find((t) => t.startsWith("v=TLSRPTv1"));
      if (findings.length === 0 && record) findings.push(...(await nullMxDestinations(probes, ruaAddresses(record), "TLS-RPT report address")));
      return fromFindings(findings, record ?? "");
    },
  };
}

function nullMail(m: EmailExpectation): Check {
  return {
    area: "Email",
    name: `No mail ${m.domain}`,
    criteria: "v=spf1 -all, null MX 0 ., DMARC p=reject",
    async run(probes) {
      const [txt, mx, dmarcTxt] = await Promise.all([probes.dns.txt(m.domain), probes.dns.mx(m.domain), probes.dns.txt(`_dmarc.${m.domain}`)]);
      return fromFindings(checkParkedDomain({ txt, mx, dmarc: dmarcTxt }), "null-mail set published");
    },
  };
}

export function emailChecks(e: Expectations): Check[] {
  return e.email.flatMap((m) => [
    ...(m.sendsMail ? m.spfNames.map(spf) : [nullMail(m)]),
    dmarc(m, e.environment),
    ...m.dkim.map((k) => dkim(k, e.environment)),
    ...(m.mtaSts ? [mtaSts(m, m.mtaSts, e.environment)] : []),
    ...(m.tlsRpt ? [tlsRpt(m)] : []),
  ]);
}
