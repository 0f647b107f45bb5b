/**
 * From a live zone to a draft stack config: web hosts as hosts with their proxied state, the mail records of
 * a recognised provider as the email section (Microsoft 365, Google Workspace, Amazon SES), everything else
 * the config can express as extra records, and a minimal valid starter for the other sections. Each value a
 * person must decide gets a note; each record the draft cannot declare as it is gets a reason; each
 * launch-bar problem of the live zone gets the fix the draft applies or leaves to a person. Pure: no I/O.
 */
import type { LiveRecord, LiveZone } from "../../model/live-zone";
import { UNIVERSAL_SSL_CAS } from "../../rules/caa";
import { DKIM_RSA_LAUNCH_BITS, parseDkim, rsaKeyBits } from "../../rules/dkim";
import { parseDmarc } from "../../rules/dmarc";
import { isDmarcRecord } from "../../rules/dmarc-record";
import { isSpfRecord, mechanisms, parseSpf } from "../../rules/spf";
import { strayRecordHarm } from "../../rules/stray-records";
import { txtValue } from "../../rules/txt";
import { CLOUDFLARE_MANAGED, toExtraRecord } from "./records";
import { inferSenders } from "./senders";

export type Environment = "staging" | "prod";

export interface LaunchProblem {
  /** What breaks the launch bar in the live zone. */
  problem: string;
  /** The fix. */
  fix: string;
  /** true: the generated config applies it; false: a person must. */
  applied: boolean;
}

export interface NotDeclared {
  record: LiveRecord;
  reason: string;
}

export interface Draft {
  /** `launch-stack:*` values by key, without the namespace. */
  config: Record<string, unknown>;
  /** Notes for values a person must decide, by dotted path below `launch-stack:` (e.g. `zones.0.plan`). */
  notes: Record<string, string>;
  problems: LaunchProblem[];
  /** Live records the draft leaves out, each with why (Cloudflare-managed ones included). */
  notDeclared: NotDeclared[];
}

const ADDRESS = new Set(["A", "AAAA", "CNAME"]);
const host = (v: string) => v.replace(/\.$/, "").toLowerCase();
const labelOf = (name: string, domain: string) => (name === domain ? "@" : name.slice(0, -(domain.length + 1)));
const isTxt = (r: LiveRecord) => r.type === "TXT";

/** Which records the draft has consumed (declared by a section other than `records`, or deliberately left out). */
class Ledger {
  private readonly used = new Set<LiveRecord>();
  readonly notDeclared: NotDeclared[] = [];
  take(...records: LiveRecord[]) { records.forEach((r) => this.used.add(r)); }
  drop(record: LiveRecord, reason: string) { this.used.add(record); this.notDeclared.push({ record, reason }); }
  has(r: LiveRecord) { return this.used.has(r); }
}

export function draftConfig(zone: LiveZone, options: { environment: Environment; stack: string }): Draft {
  const { domain } = zone;
  const records = zone.records;
  const ledger = new Ledger();
  const problems: LaunchProblem[] = [];
  const notes: Record<string, string> = {};
  const at = (name: string) => records.filter((r) => r.name === name);

  for (const r of records) {
    if (CLOUDFLARE_MANAGED.has(r.type)) ledger.drop(r, "Cloudflare manages the SOA record");
    else if (r.type === "NS" && r.name === domain) ledger.drop(r, "Cloudflare answers the apex NS records itself");
  }

  // Hosts: a name answered by one address (a CNAME, an A, an AAAA, or an A plus an AAAA in the same proxied state)
  // that is proxied, is the apex or www, or is an unproxied A/AAAA host (DNS-only: a VPN, a mail host).
  const hosts: Record<string, Record<string, unknown>> = {};
  const glue = new Set(records.filter((r) => r.type === "NS").map((r) => host(r.content)));
  const hostPaths = (label: string) => `zones[0].hosts${/^[a-z0-9-]+$/.test(label) ? `.${label}` : `["${label}"]`}`;
  const dnsOnlyHosts: { label: string; r: LiveRecord; origin: string }[] = [];
  for (const name of [...new Set(records.filter((x) => ADDRESS.has(x.type) && !ledger.has(x)).map((x) => x.name))]) {
    const set = at(name).filter((x) => ADDRESS.has(x.type) && !ledger.has(x));
    const label = labelOf(name, domain);
    if (label.startsWith("_") || label.startsWith("*")) continue;
    const a = set.find((x) => x.type === "A");
    const aaaa = set.find((x) => x.type === "AAAA");
    const dualStack = set.length === 2 && a && aaaa && a.proxied === aaaa.proxied;
    if (set.length !== 1 && !dualStack) continue;
    const r = dualStack ? a! : set[0];
    const webName = label === "@" || label === "www";
    // An unproxied address a delegation names is a nameserver's glue, not a host.
    const dnsOnlyHost = !r.proxied && !webName && r.type !== "CNAME" && !glue.has(name);
    if (!(r.proxied || webName || dnsOnlyHost)) continue;
    const origin = r.type === "CNAME" ? host(r.content) : r.content;
    if (r.type === "CNAME" && (origin === domain || origin.endsWith(`.${domain}`))) continue;
    hosts[label] = { origin, ...(dualStack ? { originIpv6: aaaa!.content } : {}), ...(r.proxied ? {} : { proxied: false }) };
    ledger.take(...(dualStack ? [a!, aaaa!] : [r]));
    if (dnsOnlyHost) dnsOnlyHosts.push({ label, r, origin });
    else if (!r.proxied) problems.push({ problem: `${r.name} is a web host answered outside Cloudflare's edge (DNS only), exposing ${origin}`, fix: `set ${hostPaths(label)}.proxied to true once the origin accepts Cloudflare's addresses`, applied: false });
  }
  const canonical = "@" in hosts ? "apex" : "www";
  if (canonical === "apex") {
    delete hosts.www;
    for (const www of at(`www.${domain}`).filter((r) => ADDRESS.has(r.type))) ledger.drop(www, `www redirects to ${domain} (canonical apex): the stack answers it with its redirect record`);
  }
  if (!("@" in hosts) && !("www" in hosts)) {
    notes["zones.0.hosts"] = "decide: the live zone has no web host at the apex or www; add the canonical site's origin here";
    hosts["@"] = { origin: "192.0.2.1" };
  }
  const appLabel = "app" in hosts ? "app" : canonical === "apex" ? "@" : "www";
  const appHost = appLabel === "@" ? domain : `${appLabel}.${domain}`;
  hosts[appLabel] = { ...hosts[appLabel], authenticated: true };
  if (hosts[appLabel].proxied === false) {
    // One piece of advice per host: the app's host is proxied by the draft, so the "a person proxies it" line goes.
    delete hosts[appLabel].proxied;
    const dropped = problems.findIndex((p) => p.problem.startsWith(`${appHost} is a web host answered outside`));
    if (dropped >= 0) problems.splice(dropped, 1);
    const i = dnsOnlyHosts.findIndex((h) => h.label === appLabel);
    if (i >= 0) dnsOnlyHosts.splice(i, 1);
    problems.push({ problem: `${appHost}, the app's host, is answered outside Cloudflare's edge (DNS only), exposing ${hosts[appLabel].origin}`, fix: "the draft proxies it (the app's host must be: WAF, rate limits and cache bypass run only on proxied traffic); make sure the origin accepts Cloudflare's addresses before the first pulumi up", applied: true });
  }
  for (const { label, r, origin } of dnsOnlyHosts) {
    const live = [r.ttl !== 1 ? `TTL ${r.ttl} becomes automatic` : "", r.comment ? `comment "${r.comment}"` : ""].filter((x) => x).join("; ");
    notes[`zones.0.hosts.${label}`] = `decide: a DNS-only host (outside the edge, not watched unless a check names it)${live ? `; live ${live}` : ""}; set proxied: true if it serves web pages`;
    problems.push({ problem: `${r.name} answers ${origin} directly (DNS only), exposing that address`, fix: `the draft keeps it a DNS-only host; if it serves web pages, set ${hostPaths(label)}.proxied to true once the origin accepts Cloudflare's addresses`, applied: false });
  }
  notes[`zones.0.hosts.${appLabel}`] = "decide: the portal's host (app.host); authenticated keeps its pages out of the edge cache";
  if ("api" in hosts) {
    hosts.api = { ...hosts.api, authenticated: true };
    notes["zones.0.hosts.api"] = "decide: serves the API, so kept out of the edge cache";
  }

  const email = draftEmail(zone, ledger, problems, options.environment, notes);

  // The stack serves MTA-STS from a Worker custom domain on mta-sts.<domain> (components/email-authentication.ts),
  // and Cloudflare adds no custom domain where the hostname already has a record: the live ones go, not into the draft.
  const mtaStsHost = `mta-sts.${domain}`;
  if (email?.mtaSts && at(mtaStsHost).length > 0) {
    delete hosts["mta-sts"];
    delete notes["zones.0.hosts.mta-sts"];
    for (let i = problems.length - 1; i >= 0; i--) if (problems[i].problem.startsWith(`${mtaStsHost} `)) problems.splice(i, 1);
    for (const r of at(mtaStsHost)) ledger.drop(r, `the stack serves the MTA-STS policy from its own Worker on ${mtaStsHost}, and Cloudflare adds no Worker custom domain where the hostname has a DNS record`);
    problems.push({ problem: `${mtaStsHost} is answered by ${at(mtaStsHost).map((r) => `${r.type} ${r.content.replace(/\.$/, "")}`).join(", ")}, where the stack puts its MTA-STS policy Worker`, fix: "delete the record before the first pulumi up; from then on the stack's Worker serves the policy (its mx lines come from the email section)", applied: false });
  }

  // Apex CAA: the stack declares its own set (every Universal SSL CA, plus caaIodef).
  const caa = at(domain).filter((r) => r.type === "CAA");
  if (caa.length === 0) problems.push({ problem: `${domain} has no CAA records, so any CA may issue for it`, fix: "the stack declares CAA for the CAs Universal SSL uses", applied: true });
  else {
    const allowed = caa.map((r) => r.content.split(/\s+/).slice(1).join(" ")).join(" ");
    const missing = UNIVERSAL_SSL_CAS.filter((ca) => !allowed.includes(ca));
    if (missing.length > 0) problems.push({ problem: `${domain}'s CAA does not allow ${missing.join(", ")}, which Universal SSL uses`, fix: "the stack replaces the apex CAA set with one that allows them", applied: true });
    for (const r of caa) ledger.drop(r, "the stack declares the apex CAA set itself (Universal SSL CAs plus caaIodef)");
  }

  const extras: Record<string, unknown>[] = [];
  const declaredNames = new Set(records.filter((r) => !ledger.has(r) || Object.values(hosts).length > 0).map((r) => r.name));
  for (const r of records.filter((x) => !ledger.has(x))) {
    if (r.type === "TXT" && isSpfRecord(txtValue(r.content))) { ledger.drop(r, "an SPF record of a sender the draft does not recognise; declare the sender under email and its SPF follows"); continue; }
    if (r.type === "TXT" && isDmarcRecord(txtValue(r.content)) && !r.name.includes("._report._dmarc.")) { ledger.drop(r, "a subdomain DMARC policy; set email.dmarc.subdomainPolicy instead"); continue; }
    if (r.type === "CNAME") {
      const target = host(r.content);
      if ((target === domain || target.endsWith(`.${domain}`)) && !declaredNames.has(target) && !target.startsWith("*")) {
        ledger.drop(r, `dangling: ${target} has no record in the zone`);
        problems.push({ problem: `CNAME ${r.name} points at ${target}, which does not exist (a dangling record anyone who registers it could claim)`, fix: "the draft leaves it out; delete it in the dashboard, or declare the target", applied: false });
        continue;
      }
    }
    if (ADDRESS.has(r.type) && !r.proxied && !labelOf(r.name, domain).startsWith("_") && r.type !== "CNAME") {
      problems.push({ problem: `${r.name} answers ${r.content} directly (DNS only), exposing that address`, fix: `if it serves web traffic, move it under zones[0].hosts and proxy it; if not (a VPN, a mail host), keep it DNS only`, applied: false });
    }
    if (r.type === "CAA") {
      const entries = at(r.name).filter((x) => x.type === "CAA").map((x) => x.content.split(/\s+/).slice(1).join(" "));
      const missing = UNIVERSAL_SSL_CAS.filter((ca) => !entries.some((e) => e.startsWith("issue ") && e.includes(ca)));
      if (missing.length > 0) {
        ledger.drop(r, `blocks Universal SSL at ${r.name} (does not allow ${missing.join(", ")}); without it the apex CAA set applies`);
        if (!problems.some((p) => p.problem.startsWith(`CAA at ${r.name}`))) problems.push({ problem: `CAA at ${r.name} does not allow ${missing.join(", ")}, so Universal SSL cannot renew its certificate there`, fix: "the draft leaves it out, so the apex CAA set (every Universal SSL CA) applies", applied: true });
        continue;
      }
    }
    const converted = toExtraRecord(r, domain);
    if ("reason" in converted) ledger.drop(r, converted.reason);
    else { extras.push(converted.record); ledger.take(r); }
  }

  // Per-record CNAME flattening exists on paid plans only: a zone that uses it is at least on Pro.
  const flattened = extras.some((r) => r.flattenCname === true);
  const zoneConfig: Record<string, unknown> = {
    domain,
    plan: flattened ? "pro" : "free",
    canonical,
    hosts,
    edge: {
      rateLimits: [{ name: "auth-and-api", routes: ["login", "passwordReset", "invitation", "api", "webhooks"], requestsPerPeriod: 10, period: 10, mitigationTimeout: 10, action: "block" }],
    },
    ...(email ? { email } : {}),
    ...(extras.length > 0 ? { records: extras } : {}),
  };
  notes["zones.0.plan"] = `decide: the zone's Cloudflare plan (free, pro, business, enterprise); it sets which edge features the gate allows${flattened ? " (at least pro: a record is a flattened CNAME, which Free does not offer)" : ""}`;
  notes["zones.0.edge.rateLimits"] = "decide: limits for the app's login, reset, invitation, API and webhook routes (Free allows one rule, period 10 s)";

  // Alerts need a mailbox that receives mail: a zone without an email section publishes a null MX, so its
  // placeholder mailboxes sit on a reserved domain until a person names real ones.
  const mailDomain = email ? domain : domain === "example.net" ? "example.org" : "example.net";
  const config: Record<string, unknown> = {
    environment: options.environment,
    cloudflareAccountId: "00000000000000000000000000000000",
    zones: [zoneConfig],
    app: { host: appHost, privatePaths: ["/dashboard", "/account", "/settings"] },
    monitoring: {
      alerts: { emails: [`ops@${mailDomain}`, ...(options.environment === "prod" ? [`oncall@${mailDomain}`] : [])] },
      ...(options.environment === "prod" ? { canaries: { login: { testAccount: { username: `canary@${domain}`, passwordSecretName: "launch-stack/canary-login" } } } } : {}),
    },
  };
  if (options.environment === "prod") notes["monitoring.canaries.login.testAccount"] = "decide: a dedicated account with no real data, its password stored in this Secrets Manager secret";
  notes.environment = "staging or prod: prod holds the stack to the strict launch bars";
  notes.cloudflareAccountId = "decide: the 32-character account id from the Cloudflare dashboard URL";
  notes["app.privatePaths"] = "decide: the portal's pages behind login";
  notes["monitoring.alerts.emails"] = "decide: the people alerted (prod needs two distinct people within five minutes)";
  return { config, notes, problems, notDeclared: ledger.notDeclared };
}

/** The recognised mailbox and senders, custom SPF terms and DKIM keys, DMARC and TLS-RPT; undefined for a zone without mail. */
function draftEmail(zone: LiveZone, ledger: Ledger, problems: LaunchProblem[], environment: Environment, notes: Record<string, string>): Record<string, unknown> | undefined {
  const { domain } = zone;
  const records = zone.records;
  const apexMx = records.filter((r) => r.name === domain && r.type === "MX");
  const spfAt = (name: string) => records.filter((r) => r.name === name && isTxt(r) && isSpfRecord(txtValue(r.content)));
  if (apexMx.length === 0 && records.every((r) => !(isTxt(r) && isSpfRecord(txtValue(r.content))) && !r.name.includes("._domainkey."))) return undefined;
  const email: Record<string, unknown> = {};
  const providerIncludes = new Set<string>();
  const cnameAt = (name: string) => records.find((r) => r.name === name && r.type === "CNAME");

  // Microsoft 365: MX <domain-with-dashes>.mail.protection.outlook.com, DKIM CNAMEs into <tenant>.onmicrosoft.com.
  const m365 = apexMx.find((r) => /\.mail\.protection\.outlook\.com\.?$/i.test(r.content));
  const google = apexMx.find((r) => /(^|\s)(smtp\.google\.com|aspmx\.l\.google\.com)\.?$/i.test(r.content));
  if (m365) {
    const selector = cnameAt(`selector1._domainkey.${domain}`);
    const tenant = selector && /\._domainkey\.([a-z0-9-]+)\.onmicrosoft\.com\.?$/i.exec(selector.content)?.[1];
    const mxHost = host(m365.content.split(/\s+/).pop()!);
    const verification = records.find((r) => r.name === domain && isTxt(r) && /^MS=ms\d+$/i.test(txtValue(r.content)));
    const targets = [selector, cnameAt(`selector2._domainkey.${domain}`)].map((r) => (r ? host(r.content) : undefined));
    const derived = tenant && targets.every((t, i) => t === `selector${i + 1}-${domain.replace(/\./g, "-")}._domainkey.${tenant}.onmicrosoft.com`);
    email.mailbox = {
      provider: "microsoft-365", tenant: tenant ?? "contoso",
      ...(mxHost !== `${domain.replace(/\./g, "-")}.mail.protection.outlook.com` ? { mxHost } : {}),
      ...(!derived && targets.every((t) => t) ? { dkimTargets: targets } : {}),
      ...(verification ? { verification: txtValue(verification.content) } : {}),
    };
    ledger.take(m365, ...[selector, cnameAt(`selector2._domainkey.${domain}`), verification].filter((r): r is LiveRecord => r !== undefined));
    const auto = cnameAt(`autodiscover.${domain}`);
    if (auto && host(auto.content) === "autodiscover.outlook.com") ledger.take(auto);
    providerIncludes.add("spf.protection.outlook.com");
  } else if (google) {
    const key = records.find((r) => r.name === `google._domainkey.${domain}` && isTxt(r));
    if (key) {
      email.mailbox = { provider: "google-workspace", dkim: { publicKey: parseDkim(txtValue(key.content)).publicKey ?? "" } };
      ledger.take(google, key);
      for (const mx of apexMx.filter((r) => /google\.com\.?$/i.test(r.content) && r !== google)) ledger.drop(mx, "Google Workspace now needs only MX 1 smtp.google.com; the stack declares that one");
      providerIncludes.add("_spf.google.com");
    }
  }

  // Any other MX at the apex beside a recognised mailbox is stray: it receives a share of the domain's mail.
  const provider = m365 && email.mailbox ? "Microsoft 365" : google && email.mailbox ? "Google Workspace" : undefined;
  for (const mx of provider ? apexMx.filter((r) => !ledger.has(r)) : []) {
    ledger.drop(mx, `a stray MX beside ${provider}'s: ${strayRecordHarm("MX", mx.content)}`);
    problems.push({ problem: `${domain} also lists MX ${mx.content.replace(/\.$/, "")} beside ${provider}'s, so that server receives a share of the domain's mail`, fix: "the draft declares only the provider's MX; delete this one before the first pulumi up, once nothing relies on it", applied: false });
  }

  // Transactional senders the records show (cli/adopt/senders.ts); their documented apex includes stay email.spf terms.
  const inferred = inferSenders(zone, ledger);
  if (inferred.length > 0) email.senders = inferred.map((s) => s.config);
  const senderIncludes = new Set(inferred.flatMap((s) => s.apexIncludes));

  // Apex SPF: the providers' includes come back on their own; every other term is kept; two records become one.
  const apexSpf = spfAt(domain);
  if (apexSpf.length > 1) problems.push({ problem: `${domain} publishes ${apexSpf.length} SPF records, so receivers return permerror and SPF fails for all mail`, fix: "the draft merges their terms into the one record the email section writes", applied: true });
  const terms: string[] = [];
  const otherTerms: string[] = [];
  let all = "-all";
  for (const r of apexSpf) {
    const parsed = parseSpf(txtValue(r.content));
    for (const m of mechanisms(parsed)) {
      if (m.mechanism === "all") { if (m.text !== "-all") all = apexSpf.some((x) => /\s-all\b/.test(txtValue(x.content))) ? "-all" : "~all"; continue; }
      if (m.mechanism === "include" && providerIncludes.has(m.value!.toLowerCase())) continue;
      const list = m.mechanism === "include" && senderIncludes.has(m.value!.toLowerCase()) ? terms : otherTerms;
      if (!list.includes(m.text)) list.push(m.text);
    }
    ledger.take(r);
  }
  if (terms.length > 0) email.spf = terms;
  if (all !== "-all") email.spfAll = all;

  // DKIM keys nobody above claimed: published TXT keys (strong enough) and provider CNAMEs, as custom DKIM.
  const dkim: Record<string, unknown>[] = [];
  for (const r of records.filter((x) => !ledger.has(x) && x.name.endsWith(`._domainkey.${domain}`))) {
    const selector = r.name.slice(0, -`._domainkey.${domain}`.length);
    if (r.type === "CNAME") { dkim.push({ selector, target: host(r.content) }); ledger.take(r); continue; }
    if (!isTxt(r)) continue;
    const key = parseDkim(txtValue(r.content));
    const bits = key.keyType === "ed25519" ? 256 : rsaKeyBits(key.publicKey ?? "");
    if (key.keyType !== "ed25519" && (bits === undefined || bits < DKIM_RSA_LAUNCH_BITS)) {
      ledger.drop(r, `DKIM key of ${bits ?? "unknown"} bits; the launch bar is ${DKIM_RSA_LAUNCH_BITS}`);
      problems.push({ problem: `DKIM selector ${selector} publishes a ${bits ?? "unreadable"}-bit key (weak: the launch bar is ${DKIM_RSA_LAUNCH_BITS})`, fix: `rotate to a ${DKIM_RSA_LAUNCH_BITS}-bit key at the sender, then add it under email.dkim (the draft leaves the weak key out)`, applied: false });
      continue;
    }
    dkim.push({ selector, publicKey: key.publicKey, ...(key.keyType === "ed25519" ? { keyType: "ed25519" } : {}) });
    ledger.take(r);
  }
  if (otherTerms.length > 0 || dkim.length > 0) {
    // Mail no known provider accounts for: one custom sender holding the remaining SPF terms and DKIM keys.
    const senders = (email.senders as Record<string, unknown>[] | undefined) ?? [];
    email.senders = [...senders, { provider: "custom", name: "other senders", ...(otherTerms.length > 0 ? { spf: otherTerms } : {}), ...(dkim.length > 0 ? { dkim } : {}) }];
    notes[`zones.0.email.senders.${senders.length}.name`] = "decide: who sends with these SPF terms and DKIM keys (the live zone matched no known provider); split or remove them";
  }

  const dmarcRecord = records.find((r) => r.name === `_dmarc.${domain}` && isTxt(r));
  const dmarc: Record<string, unknown> = {};
  if (!dmarcRecord) problems.push({ problem: `${domain} publishes no DMARC policy, so spoofed mail is delivered`, fix: "the email section publishes DMARC p=quarantine", applied: true });
  else {
    const parsed = parseDmarc(txtValue(dmarcRecord.content));
    const tags = Object.fromEntries(txtValue(dmarcRecord.content).split(";").map((t) => t.trim().split("=").map((x) => x.trim())).filter((t) => t.length === 2));
    const policy = parsed.p ?? "none";
    if (policy === "none") {
      const prod = environment === "prod";
      problems.push({ problem: `DMARC p=none at _dmarc.${domain}: receivers deliver mail that fails authentication`, fix: prod ? "the draft sets p=quarantine (prod's bar); watch the aggregate reports after the switch" : "allowed in staging with a warning; set email.dmarc.policy to quarantine once reports are clean", applied: prod });
      dmarc.policy = prod ? "quarantine" : "none";
    } else dmarc.policy = policy;
    const rua = String(tags.rua ?? "").split(",").map((u) => u.trim().replace(/^mailto:/i, "").replace(/!.*$/, "")).filter((u) => u.includes("@"));
    if (rua.length > 0) dmarc.rua = rua.slice(0, 2);
    for (const tag of ["adkim", "aspf"]) if (tags[tag] === "s" || tags[tag] === "r") dmarc[tag] = tags[tag];
    if (tags.sp && ["none", "quarantine", "reject"].includes(tags.sp)) dmarc.subdomainPolicy = tags.sp;
    ledger.take(dmarcRecord);
  }
  if (Object.keys(dmarc).length > 0) email.dmarc = dmarc;

  const tlsRpt = records.find((r) => r.name === `_smtp._tls.${domain}` && isTxt(r));
  if (tlsRpt) {
    const rua = (/rua=([^;]+)/i.exec(txtValue(tlsRpt.content))?.[1] ?? "").split(",").map((u) => u.trim().replace(/^mailto:/i, "")).filter((u) => u.includes("@"));
    if (rua.length > 0) { email.tlsRpt = { rua }; ledger.take(tlsRpt); }
  }
  if (email.mailbox && !email.tlsRpt) {
    // The gate requires TLS-RPT wherever mail is received (MTA-STS without reports is blind): report to the
    // DMARC report mailbox when the zone has one, else a mailbox at the domain a person confirms.
    const dmarcRua = (email.dmarc as { rua?: string[] } | undefined)?.rua?.[0];
    email.tlsRpt = { rua: [dmarcRua ?? `tls-reports@${domain}`] };
    notes["zones.0.email.tlsRpt.rua"] = "decide: a mailbox that reads SMTP TLS reports (RFC 8460)";
    problems.push({ problem: `${domain} receives mail but publishes no TLS-RPT record, so nobody hears of failed TLS deliveries`, fix: "the draft publishes TLS-RPT to the address noted; confirm the mailbox reads the reports", applied: true });
  }
  const mtaSts = records.find((r) => r.name === `_mta-sts.${domain}` && isTxt(r));
  if (email.mailbox) {
    // A domain that receives mail publishes MTA-STS: testing first, enforce once the TLS reports are clean.
    email.mtaSts = { mode: "testing" };
    if (mtaSts) ledger.drop(mtaSts, "the stack serves its own MTA-STS policy and writes this record with its id");
    else problems.push({ problem: `${domain} receives mail but publishes no MTA-STS policy, so senders may deliver over plaintext or to a forged MX`, fix: "the draft publishes MTA-STS in testing mode; switch email.mtaSts.mode to enforce once TLS reports are clean", applied: true });
  } else if (mtaSts) ledger.drop(mtaSts, "MTA-STS without a mailbox provider: set email.mailbox and email.mtaSts");
  return email;
}
