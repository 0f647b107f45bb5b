/**
 * The mail records each zone publishes, as plain data derived once from the validated config: MX, one
 * merged SPF record per name, DKIM keys or CNAMEs, DMARC, MTA-STS, TLS-RPT and DMARC report
 * authorizations. The EmailAuthentication component declares exactly these records, gate/email-checks.ts
 * runs the rules/ checks over them, and the handover and verifier read them. No Pulumi import.
 */
import type { EmailConfig } from "../config/email";
import type { ZoneConfig } from "../config/zones";
import { buildDmarc, externalReportDestinations, reportAuthorizationName } from "../rules/dmarc";
import type { RecordRole } from "../rules/dns-records";
import { zoneOf } from "../rules/hostnames";
import { buildMtaStsPolicy, buildMtaStsTxt, MtaStsMode, mtaStsId, mtaStsPolicyUrl } from "../rules/mta-sts";
import { nullMailRecords } from "../rules/parked-domain";
import { buildSpf, mechanisms, parseSpf, SPF_LOOKUP_LIMIT, SpfLookupCount, spfLookupCount } from "../rules/spf";
import { buildTlsRpt } from "../rules/tls-rpt";
import { quoteTxt } from "../rules/txt";
import { DkimPart, dkimPart, MailParts, mailboxParts, senderParts } from "./mail-providers";

export interface MailRecord {
  /** Stable resource-name suffix, e.g. `mx-smtp-google-com`, `spf`, `dkim-google`, `dmarc`. */
  key: string;
  /** FQDN, as the DNS API returns it. */
  name: string;
  type: "MX" | "TXT" | "CNAME";
  /** What receivers evaluate: the TXT value (strings joined), the MX host or the CNAME target. */
  value: string;
  /** What the DNS host receives: TXT values quoted and split by quoteTxt, else the value. */
  content: string;
  /** MX preference. */
  priority?: number;
  role: Extract<RecordRole, "mail" | "verification">;
  purpose: string;
  /** Where in the config it comes from. */
  configPath: string;
}

export interface SpfPlan {
  /** The name the record sits at. */
  name: string;
  value: string;
  /** Plan-time lookup count, with the include figures it assumed. */
  lookups: SpfLookupCount;
  /** Which providers' mail the record authorizes. */
  sources: string[];
  configPath: string;
  /** Terms written in `email.spf`, each with its key path (apex record only). */
  customTerms: { term: string; configPath: string }[];
}

export interface ReportDestination {
  /** The report mailbox's domain, outside this zone's organizational domain. */
  destination: string;
  /** Where the destination must publish `v=DMARC1` (RFC 9990, Verifying External Destinations). */
  authorizationName: string;
  /** True when a zone of this stack publishes it; otherwise the destination's owner must. */
  inStack: boolean;
}

export interface MtaStsPlan {
  mode: MtaStsMode;
  /** mx: patterns the policy lists. */
  mx: string[];
  /** The exact text/plain policy body. */
  policy: string;
  /** Changes exactly when the policy does. */
  id: string;
  hostname: string;
  url: string;
  configPath: string;
}

export interface EmailModel {
  domain: string;
  sendsMail: boolean;
  /** Every record declared in this zone, including report authorizations for other zones of the stack. */
  records: MailRecord[];
  /** MX hosts at the apex (the hosts MTA-STS must cover); empty for a domain that receives no mail. */
  mxHosts: string[];
  spf: SpfPlan[];
  dkim: DkimPart[];
  dmarc: { value: string; configPath: string; adkim: "r" | "s"; aspf: "r" | "s" };
  reportDestinations: ReportDestination[];
  mtaSts?: MtaStsPlan;
  tlsRpt?: { value: string; configPath: string };
  /** Each provider's contribution, for alignment and overlap checks. */
  senders: MailParts[];
}

const NO_EMAIL: EmailConfig = { sendsMail: false, senders: [], spf: [], dkim: [], spfAll: "-all", dmarc: { rua: [] } };

function dashed(name: string): string {
  return name.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
}

/** `mail.example.com` → `mail`, `example.com` → `` (for resource keys). */
function relative(name: string, domain: string): string {
  return name === domain ? "" : name.slice(0, -(domain.length + 1));
}

function key(prefix: string, name: string, domain: string, suffix = ""): string {
  return [prefix, dashed(relative(name, domain)), dashed(suffix)].filter((p) => p !== "").join("-");
}

function txt(fields: Omit<MailRecord, "type" | "content">): MailRecord {
  return { ...fields, type: "TXT", content: quoteTxt(fields.value) };
}

/** The apex SPF record's custom terms split into what buildSpf orders (unqualified ip4, ip6, include) and the rest, kept as written. */
function customSpfSpec(terms: readonly string[]) {
  const parsed = parseSpf(`v=spf1 ${terms.join(" ")}`);
  const spec = { ip4: [] as string[], ip6: [] as string[], includes: [] as string[], extra: [] as string[] };
  for (const m of mechanisms(parsed)) {
    const network = `${m.value}${m.cidr ?? ""}`;
    if (!m.qualifierWritten && m.mechanism === "ip4") spec.ip4.push(network);
    else if (!m.qualifierWritten && m.mechanism === "ip6") spec.ip6.push(network);
    else if (!m.qualifierWritten && m.mechanism === "include") spec.includes.push(m.value!);
    else spec.extra.push(m.text);
  }
  spec.extra.push(...parsed.terms.filter((t) => t.kind === "modifier").map((t) => t.text));
  return spec;
}

/** One SPF record per name, merged from every provider that uses the name as its MAIL FROM, ending in `all`. */
function spfPlans(domain: string, email: EmailConfig, senders: readonly MailParts[], at: (s: string) => string): SpfPlan[] {
  const byName = new Map<string, { includes: string[]; sources: string[]; paths: string[] }>();
  const entry = (name: string) => byName.get(name) ?? byName.set(name, { includes: [], sources: [], paths: [] }).get(name)!;
  entry(domain);
  for (const s of senders) {
    for (const { name, includes } of s.spf) {
      const e = entry(name);
      e.includes.push(...includes);
      e.sources.push(s.provider);
      e.paths.push(s.configPath);
    }
  }
  // Terms written by hand: `email.spf`, then each custom sender's, all joining the apex record.
  const written = [
    ...email.spf.map((term, j) => ({ term, configPath: at(`spf[${j}]`) })),
    ...senders.flatMap((s) => s.spfTerms),
  ];
  const writtenSources = [...(email.spf.length > 0 ? ["custom terms"] : []), ...senders.filter((s) => s.spfTerms.length > 0).map((s) => s.provider)];
  const writtenPath = email.spf.length > 0 ? at("spf") : senders.find((s) => s.spfTerms.length > 0)?.configPath;
  return [...byName].map(([name, e]) => {
    const apex = name === domain;
    const custom = apex ? customSpfSpec(written.map((t) => t.term)) : { ip4: [], ip6: [], includes: [], extra: [] };
    const built = buildSpf({ ip4: custom.ip4, ip6: custom.ip6, includes: [...e.includes, ...custom.includes], all: email.spfAll });
    const value = custom.extra.length > 0 ? built.replace(/ \S+$/, (all) => ` ${custom.extra.join(" ")}${all}`) : built;
    const sources = [...new Set(e.sources)];
    if (apex) sources.push(...writtenSources.filter((s) => !sources.includes(s)));
    return {
      name,
      value,
      lookups: spfLookupCount(value),
      sources,
      configPath: (apex ? writtenPath : undefined) ?? e.paths[0] ?? at(""),
      customTerms: apex ? written : [],
    };
  });
}

function sendingZone(domain: string, email: EmailConfig, at: (s: string) => string): EmailModel {
  const senders: MailParts[] = [
    ...(email.mailbox ? [mailboxParts(email.mailbox, domain, at("mailbox"))] : []),
    ...email.senders.map((s, j) => senderParts(s, domain, at(`senders[${j}]`))),
  ];
  const customDkim = email.dkim.map((d, j) => dkimPart(d, domain, at(`dkim[${j}]`)));
  if (email.spf.length > 0 || customDkim.length > 0) {
    senders.push({ provider: "custom", configPath: at(email.spf.length > 0 ? "spf" : "dkim"), mx: [], spf: [], spfTerms: [], dkim: customDkim, cnames: [], verification: [], mailFromDomain: domain, dkimDomain: domain });
  }
  const records: MailRecord[] = [];
  const mx = senders.flatMap((s) => s.mx.map((m) => ({ ...m, provider: s.provider, configPath: s.configPath })));
  for (const m of mx) {
    const bounces = m.name !== domain;
    records.push({
      key: key("mx", m.name, domain, m.host), name: m.name, type: "MX", value: m.host, content: m.host, priority: m.priority, role: "mail",
      purpose: bounces ? `${m.provider} MAIL FROM (bounces)` : `${m.provider} mailboxes`, configPath: m.configPath,
    });
  }
  const spf = spfPlans(domain, email, senders, at);
  for (const s of spf) {
    records.push(txt({ key: key("spf", s.name, domain), name: s.name, value: s.value, role: "mail", purpose: s.sources.length ? `SPF for ${s.sources.join(", ")}` : "SPF: no sender uses this name", configPath: s.configPath }));
  }
  const dkim = senders.flatMap((s) => s.dkim.map((d) => ({ ...d, provider: s.provider })));
  for (const d of dkim) {
    const fields = { key: key("dkim", d.name.replace("._domainkey", ""), domain), name: d.name, role: "mail" as const, purpose: `DKIM for ${d.provider} (selector ${d.selector})`, configPath: d.configPath };
    records.push(d.target !== undefined ? { ...fields, type: "CNAME", value: d.target, content: d.target } : txt({ ...fields, value: d.value! }));
  }
  for (const s of senders) {
    for (const c of s.cnames) records.push({ key: key(c.kind, c.name, domain), name: c.name, type: "CNAME", value: c.target, content: c.target, role: "mail", purpose: c.purpose, configPath: c.configPath });
    // The mailbox's token keeps the bare key; a sender's carries its provider, so two tokens never share a resource name.
    const owner = s.configPath.endsWith(".mailbox") ? "" : s.provider;
    s.verification.forEach((v, j) => records.push(txt({ key: key("verification", domain, domain, [owner, j === 0 ? "" : String(j + 1)].filter((p) => p).join("-")), name: domain, value: v, role: "verification", purpose: `${s.provider} domain ownership`, configPath: s.verificationPath ?? `${s.configPath}.verification` })));
  }

  const adkim = email.dmarc.adkim ?? "r";
  const aspf = email.dmarc.aspf ?? "r";
  const p = email.dmarc.policy ?? "quarantine";
  // np=reject: a name that does not exist sends no legitimate mail, whatever stage p is at (rules/dmarc.ts buildDmarc).
  const dmarc = { value: buildDmarc({ p, sp: email.dmarc.subdomainPolicy, np: "reject", adkim, aspf, rua: email.dmarc.rua }), configPath: at("dmarc"), adkim, aspf };
  records.push(txt({ key: "dmarc", name: `_dmarc.${domain}`, value: dmarc.value, role: "mail", purpose: `DMARC p=${p}`, configPath: dmarc.configPath }));

  const mxHosts = mx.filter((m) => m.name === domain).map((m) => m.host);
  let mtaSts: MtaStsPlan | undefined;
  if (email.mtaSts) {
    const patterns = email.mtaSts.mx ?? mxHosts;
    const policy = buildMtaStsPolicy({ mode: email.mtaSts.mode, mx: patterns, maxAge: email.mtaSts.maxAge });
    mtaSts = { mode: email.mtaSts.mode, mx: patterns, policy, id: mtaStsId(policy), hostname: `mta-sts.${domain}`, url: mtaStsPolicyUrl(domain), configPath: at("mtaSts") };
    records.push(txt({ key: "mta-sts", name: `_mta-sts.${domain}`, value: buildMtaStsTxt(mtaSts.id), role: "mail", purpose: `MTA-STS policy id (mode ${mtaSts.mode})`, configPath: mtaSts.configPath }));
  }
  let tlsRpt: EmailModel["tlsRpt"];
  if (email.tlsRpt) {
    tlsRpt = { value: buildTlsRpt(email.tlsRpt.rua), configPath: at("tlsRpt") };
    records.push(txt({ key: "tls-rpt", name: `_smtp._tls.${domain}`, value: tlsRpt.value, role: "mail", purpose: "TLS-RPT: where senders report TLS failures", configPath: tlsRpt.configPath }));
  }
  return { domain, sendsMail: true, records, mxHosts, spf, dkim, dmarc, reportDestinations: [], mtaSts, tlsRpt, senders };
}

/** `v=spf1 -all`, the null MX and DMARC `p=reject` (rules/parked-domain.ts), reporting to `dmarc.rua` if set. */
function parkedZone(domain: string, email: EmailConfig, at: (s: string) => string): EmailModel {
  const set = nullMailRecords({ rua: email.dmarc.rua });
  const records: MailRecord[] = [
    { key: "mx-null", name: domain, type: "MX", value: set.mx.exchange, content: set.mx.exchange, priority: set.mx.priority, role: "mail", purpose: "null MX: receives no mail (RFC 7505)", configPath: at("sendsMail") },
    txt({ key: "spf", name: domain, value: set.spf, role: "mail", purpose: "SPF: sends no mail", configPath: at("sendsMail") }),
    txt({ key: "dmarc", name: `_dmarc.${domain}`, value: set.dmarc, role: "mail", purpose: "DMARC p=reject: sends no mail", configPath: at("dmarc") }),
  ];
  const spf: SpfPlan = { name: domain, value: set.spf, lookups: spfLookupCount(set.spf), sources: [], configPath: at("sendsMail"), customTerms: [] };
  return { domain, sendsMail: false, records, mxHosts: [], spf: [spf], dkim: [], dmarc: { value: set.dmarc, configPath: at("dmarc"), adkim: "s", aspf: "s" }, reportDestinations: [], senders: [] };
}

/**
 * Every zone's mail records, index-aligned with `zones`. A zone without `email`, or with `sendsMail: false`,
 * gets the null-mail set. A DMARC report mailbox in another organizational domain gets its authorization
 * record (`<domain>._report._dmarc.<destination>`) in the destination's zone when this stack manages it.
 */
export function emailModels(zones: readonly ZoneConfig[]): EmailModel[] {
  const models = zones.map((zone, i) => {
    const at = (s: string) => (s === "" ? `zones[${i}].email` : `zones[${i}].email.${s}`);
    const email = zone.email ?? NO_EMAIL;
    return email.sendsMail ? sendingZone(zone.domain, email, at) : parkedZone(zone.domain, email, at);
  });
  // A name that receives mail through an extra MX record (zones[].records) and has no SPF of its own says
  // it sends none, so every name with an MX publishes exactly one SPF record (RFC 7208 §4.5).
  models.forEach((model, i) => {
    const mxNames = [...new Set(zones[i].records.filter((r) => r.type === "MX").map((r) => (r.name === "@" ? zones[i].domain : `${r.name}.${zones[i].domain}`)))];
    for (const name of mxNames.filter((n) => !model.spf.some((p) => p.name === n))) {
      const value = buildSpf({ ip4: [], ip6: [], includes: [], all: "-all" });
      const configPath = `zones[${i}].records`;
      model.spf.push({ name, value, lookups: spfLookupCount(value), sources: [], configPath, customTerms: [] });
      model.records.push(txt({ key: key("spf", name, model.domain), name, value, role: "mail", purpose: "SPF: receives mail here (extra MX) but sends none", configPath }));
    }
  });
  const domains = zones.map((z) => z.domain);
  models.forEach((model, i) => {
    for (const destination of externalReportDestinations(model.domain, model.dmarc.value)) {
      const authorizationName = reportAuthorizationName(model.domain, destination);
      const owner = zoneOf(destination, domains);
      model.reportDestinations.push({ destination, authorizationName, inStack: owner !== undefined });
      if (owner === undefined) continue;
      const target = models[domains.indexOf(owner)];
      target.records.push(txt({
        key: `dmarc-report-auth-${dashed(model.domain)}`, name: authorizationName, value: "v=DMARC1", role: "mail",
        purpose: `accepts DMARC reports about ${model.domain} (RFC 9990)`, configPath: `zones[${i}].email.dmarc.rua`,
      }));
    }
  });
  return models;
}

/** What the stack outputs per zone: every record, and the SPF lookup counts with the include figures they assumed. */
export function emailSummary(model: EmailModel) {
  return {
    sendsMail: model.sendsMail,
    spf: model.spf.map((s) => ({
      name: s.name,
      record: s.value,
      lookups: s.lookups.count,
      limit: SPF_LOOKUP_LIMIT,
      assumed: s.lookups.assumed,
      ...(s.lookups.unknown.length > 0 ? { unknownIncludes: s.lookups.unknown } : {}),
    })),
    dmarc: model.dmarc.value,
    ...(model.mtaSts ? { mtaSts: { mode: model.mtaSts.mode, id: model.mtaSts.id, policyUrl: model.mtaSts.url } } : {}),
    records: model.records.map((r) => `${r.name} ${r.type} ${r.priority !== undefined ? `${r.priority} ` : ""}${r.content}`),
  };
}

export type EmailSummary = ReturnType<typeof emailSummary>;
