/**
 * Email authentication: exactly one valid SPF record per name within ten lookups, DMARC on every domain
 * and enforcing in production, DKIM keys of at least 2048 bits, TXT strings of at most 255 octets, and
 * MTA-STS and TLS-RPT for every domain that receives mail. Records are read as the DNS host receives
 * them (quoted TXT content, unquoted with rules/txt.ts) and judged by rules/spf.ts, dmarc.ts, dkim.ts,
 * mta-sts.ts and tls-rpt.ts: the functions gate/email-checks.ts runs on the same records, with the
 * environment the record's Site declares (stack-facts.ts).
 */
import * as cloudflare from "@pulumi/cloudflare";
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { checklistItem, LaunchPolicy } from "./checklist";
import { checkDkim, checkDkimCnameTarget, DkimEnvironment } from "../rules/dkim";
import { checkDmarc, checkDmarcRecordSet, DmarcEnvironment, isDmarcRecord } from "../rules/dmarc";
import { Finding } from "../rules/finding";
import { checkMtaStsTxt } from "../rules/mta-sts";
import { checkMtaStsMode } from "../rules/mta-sts-mode";
import { checkMailDestination, isNullMxSet, ruaAddresses } from "../rules/mail-destinations";
import { checkSpf, checkSpfRecordSet, isSpfRecord } from "../rules/spf";
import { checkTlsRpt } from "../rules/tls-rpt";
import { checkTxtStrings, txtValue } from "../rules/txt";
import { errors, onlyUnder, reportFindings } from "./findings";
import { known } from "./known";
import { DnsRecord, TopicSubscription, WorkersCustomDomain, WorkersScript } from "./resource-classes";
import { environmentOf } from "./stack-facts";
import { RecordProps, recordProps, zoneViews } from "./zones";

/** The null MX target: the domain accepts no mail (RFC 7505). */
const NULL_MX = ".";

interface DnsEntry {
  r: PolicyResource;
  name: string;
  type: string;
  /** TXT: the value receivers evaluate (strings joined); otherwise the content. Undefined when unknown at preview. */
  value?: string;
}

function dnsEntries(resources: readonly PolicyResource[]): DnsEntry[] {
  return resources.filter((r) => r.isType(DnsRecord)).map((r) => {
    const p = recordProps(r);
    const content = known(() => p.content);
    const type = String(p.type).toUpperCase();
    return { r, name: String(p.name).toLowerCase(), type, value: content === undefined ? undefined : type === "TXT" ? txtValue(content) : content };
  });
}

function txtAt(entries: readonly DnsEntry[], name: string): DnsEntry[] {
  return entries.filter((e) => e.type === "TXT" && e.name === name && e.value !== undefined);
}

/** The domains the stack declares zones for. */
function domainsOf(resources: readonly PolicyResource[]): string[] {
  return zoneViews(resources).map((v) => v.domain).filter((d): d is string => d !== undefined);
}

/** TXT value of a record, read as receivers evaluate it; undefined for other types or an unknown value. */
function txtOf(record: RecordProps): string | undefined {
  if (String(record.type).toUpperCase() !== "TXT") return undefined;
  const content = known(() => record.content);
  return content === undefined ? undefined : txtValue(content);
}

export const spfRecordValid: LaunchPolicy<StackValidationPolicy> = {
  name: "spf-record-valid",
  description: "Every domain, and every name with an MX or an SPF record, must publish exactly one valid SPF record within 10 DNS lookups, ending in -all (~all only outside production): two records, a +all or an 11th lookup make SPF fail for every message.",
  severity: "high",
  framework: checklistItem("email"),
  remediationSteps: "Declare every sender in launch-stack:zones[].email.senders so launch-stack writes one SPF record; remove any second v=spf1 record and flatten includes past 10 lookups.",
  url: "https://www.rfc-editor.org/rfc/rfc7208",
  validateStack: (args, report) => {
    const entries = dnsEntries(args.resources);
    const names = new Set([
      ...domainsOf(args.resources),
      ...entries.filter((e) => e.type === "MX" || (e.type === "TXT" && e.value !== undefined && isSpfRecord(e.value))).map((e) => e.name),
    ]);
    for (const name of names) {
      const txt = txtAt(entries, name);
      reportFindings(report, checkSpfRecordSet(txt.map((e) => e.value!)), { prefix: name, urn: txt[0]?.r.urn });
      for (const e of txt.filter((e) => isSpfRecord(e.value!))) {
        reportFindings(report, errors(checkSpf(e.value!, { allowSoftFail: environmentOf(e.r) !== "prod" })), { prefix: name, urn: e.r.urn });
      }
    }
  },
};

export const dmarcRecordValid: LaunchPolicy<StackValidationPolicy> = {
  name: "dmarc-record-valid",
  description: "Every domain must publish exactly one valid DMARC record at _dmarc.<domain>: without it receivers apply no policy and anyone can spoof the domain in invitations and password resets.",
  severity: "high",
  framework: checklistItem("email"),
  remediationSteps: "Set launch-stack:zones[].email.dmarc (policy and rua) so launch-stack publishes one record at _dmarc.<domain>; remove any other DMARC record.",
  url: "https://www.rfc-editor.org/rfc/rfc9989",
  validateStack: (args, report) => {
    const entries = dnsEntries(args.resources);
    const names = new Set([...domainsOf(args.resources).map((d) => `_dmarc.${d}`), ...entries.filter((e) => e.type === "TXT" && e.name.startsWith("_dmarc.")).map((e) => e.name)]);
    for (const name of names) {
      const txt = txtAt(entries, name);
      reportFindings(report, checkDmarcRecordSet(txt.map((e) => e.value!)), { prefix: name, urn: txt[0]?.r.urn });
      for (const e of txt.filter((e) => isDmarcRecord(e.value!))) {
        reportFindings(report, errors(checkDmarc(e.value!, { environment: "staging" })), { prefix: name, urn: e.r.urn });
      }
    }
  },
};

const dmarcAt = (text: string) => (environment: DmarcEnvironment) => errors(checkDmarc(text, { environment }));

/** DNS records with their props, for the stack policies that judge a record by its Site's environment. */
function records(resources: readonly PolicyResource[]): { r: PolicyResource; record: RecordProps }[] {
  return resources.filter((r) => r.isType(DnsRecord)).map((r) => ({ r, record: recordProps(r) }));
}

export const dmarcEnforcing: LaunchPolicy<StackValidationPolicy> = {
  name: "dmarc-enforcing",
  description: "Production DMARC must enforce (p, sp and np quarantine or reject): p=none only monitors, so spoofed mail still reaches inboxes.",
  severity: "high",
  framework: checklistItem("email"),
  remediationSteps: "In the prod stack set launch-stack:zones[].email.dmarc.policy to quarantine or reject once the aggregate reports show only declared senders.",
  url: "https://www.rfc-editor.org/rfc/rfc9989#section-4.7",
  validateStack: (args, report) => {
    for (const { r, record } of records(args.resources)) {
      const text = txtOf(record);
      if (text !== undefined && String(record.name).toLowerCase().startsWith("_dmarc.") && isDmarcRecord(text)) reportFindings(report, onlyUnder(dmarcAt(text), environmentOf(r), "staging"), { urn: r.urn });
    }
  },
};

/** A DKIM key record: a TXT or CNAME at `<selector>._domainkey.<domain>`. */
function isDkim(record: RecordProps): boolean {
  return String(record.name).toLowerCase().includes("._domainkey.");
}

const dkimAt = (text: string) => (environment: DkimEnvironment) => errors(checkDkim(text, { environment }));

export const dkimKeyStrength: LaunchPolicy<ResourceValidationPolicy> = {
  name: "dkim-key-strength",
  description: "DKIM key records must be valid with RSA keys of at least 2048 bits (or ed25519), and CNAME-delegated keys must point at a hostname: receivers reject weaker keys and mail then fails DMARC.",
  severity: "high",
  framework: checklistItem("email"),
  remediationSteps: "Generate a 2048-bit (or ed25519) DKIM key at the mail provider and put its public key or CNAME target in launch-stack:zones[].email (mailbox.dkim or senders[].dkimTokens).",
  url: "https://www.rfc-editor.org/rfc/rfc8301",
  validateResource: validateResourceOfType(cloudflare.DnsRecord, (record, _args, report) => {
    if (!isDkim(record)) return;
    const text = txtOf(record);
    if (text !== undefined) reportFindings(report, dkimAt(text)("staging"));
    else if (String(record.type).toUpperCase() === "CNAME") {
      const target = known(() => record.content);
      if (target !== undefined) reportFindings(report, checkDkimCnameTarget(target));
    }
  }),
};

export const dkimNotTesting: LaunchPolicy<StackValidationPolicy> = {
  name: "dkim-not-testing",
  description: "Production DKIM keys must not carry t=y (testing): verifiers then treat signed mail like unsigned mail.",
  severity: "medium",
  framework: checklistItem("email"),
  remediationSteps: "Remove t=y from the DKIM key record in the prod stack once test mail verifies.",
  url: "https://www.rfc-editor.org/rfc/rfc6376#section-3.6.1",
  validateStack: (args, report) => {
    for (const { r, record } of records(args.resources)) {
      const text = txtOf(record);
      if (text !== undefined && isDkim(record)) reportFindings(report, onlyUnder(dkimAt(text), environmentOf(r), "staging"), { urn: r.urn });
    }
  },
};

export const txtStringLength: LaunchPolicy<ResourceValidationPolicy> = {
  name: "txt-string-length",
  description: "TXT content must be quoted character-strings of at most 255 octets each: a longer string is rejected or re-chunked by the DNS host, and SPF, DKIM and DMARC records then break or drift on every preview.",
  severity: "medium",
  framework: checklistItem("email"),
  remediationSteps: "Split long TXT values into quoted strings of at most 255 characters each (launch-stack's components do; check hand-written records).",
  url: "https://www.rfc-editor.org/rfc/rfc7208#section-3.3",
  validateResource: validateResourceOfType(cloudflare.DnsRecord, (record, _args, report) => {
    if (String(record.type).toUpperCase() !== "TXT") return;
    const content = known(() => record.content);
    if (content !== undefined) reportFindings(report, errors(checkTxtStrings(content)));
  }),
};

/** Domains that receive mail: a non-null MX at the apex. */
function receivingDomains(resources: readonly PolicyResource[], entries: readonly DnsEntry[]): string[] {
  return domainsOf(resources).filter((d) => entries.some((e) => e.type === "MX" && e.name === d && e.value !== NULL_MX));
}

export const mtaStsAndTlsRpt: LaunchPolicy<StackValidationPolicy> = {
  name: "mta-sts-and-tls-rpt",
  description: "A domain that receives mail (a non-null MX) must publish MTA-STS (the _mta-sts TXT record and the policy host mta-sts.<domain>) and TLS-RPT: otherwise mail to it can be downgraded to plain text, and nobody hears about failed TLS.",
  severity: "medium",
  framework: checklistItem("email"),
  remediationSteps: "Set launch-stack:zones[].email.mtaSts (mode testing first) and tlsRpt.rua for every domain that receives mail.",
  url: "https://www.rfc-editor.org/rfc/rfc8461",
  validateStack: (args, report) => {
    const entries = dnsEntries(args.resources);
    const hostnames = new Set([
      ...entries.map((e) => e.name),
      ...args.resources.filter((r) => r.isType(WorkersCustomDomain)).map((r) => String(r.props.hostname).toLowerCase()),
    ]);
    for (const domain of receivingDomains(args.resources, entries)) {
      const findings: Finding[] = [
        ...checkMtaStsTxt(txtAt(entries, `_mta-sts.${domain}`).map((e) => e.value!)),
        ...(hostnames.has(`mta-sts.${domain}`) ? [] : [{ message: `nothing serves the MTA-STS policy host mta-sts.${domain}`, ref: "RFC 8461 §3.3", fix: `serve the policy at https://mta-sts.${domain}/.well-known/mta-sts.txt (a WorkersCustomDomain or a record for the host)` }]),
        ...checkTlsRpt(txtAt(entries, `_smtp._tls.${domain}`).map((e) => e.value!)),
      ];
      reportFindings(report, findings, { prefix: domain });
    }
  },
};

/** The policy text an MTA-STS Worker serves: its script embeds it as `const POLICY = "<JSON string>";` (components/mta-sts-worker.ts). */
function servedMtaStsPolicy(script: string): string | undefined {
  const literal = /^const POLICY = (".*");$/m.exec(script)?.[1];
  try {
    return literal === undefined ? undefined : String(JSON.parse(literal));
  } catch {
    return undefined;
  }
}

export const mtaStsNotNoneInProduction: LaunchPolicy<StackValidationPolicy> = {
  name: "mta-sts-not-none-in-production",
  description: "A production MTA-STS policy must be testing or enforce: mode none tells senders to forget the policy, so mail can be downgraded to plaintext. It is accepted only as RFC 8461 §8.3's retirement step (max_age of a day at most).",
  severity: "high",
  framework: checklistItem("email"),
  remediationSteps: "Set launch-stack:zones[].email.mtaSts.mode to testing or enforce; to retire MTA-STS, serve mode none with maxAge 86400, wait out the previous max_age, then remove mtaSts (RFC 8461 §8.3).",
  url: "https://www.rfc-editor.org/rfc/rfc8461#section-8.3",
  validateStack: (args, report) => {
    for (const r of args.resources.filter((r) => r.isType(WorkersScript))) {
      const content = known(() => r.props.content);
      const policy = typeof content === "string" ? servedMtaStsPolicy(content) : undefined;
      if (policy !== undefined) reportFindings(report, errors(checkMtaStsMode(policy, environmentOf(r))), { prefix: String(r.props.scriptName ?? r.name), urn: r.urn });
    }
  },
};

export const reportDestinationsReceiveMail: LaunchPolicy<StackValidationPolicy> = {
  name: "report-destinations-receive-mail",
  description: "DMARC and TLS-RPT report addresses, alert mailboxes and CAA iodef addresses must not be on a domain the stack publishes a null MX for (RFC 7505): mail to it bounces, so the reports and alerts are never read.",
  severity: "high",
  framework: checklistItem("email"),
  remediationSteps: "Point launch-stack:zones[].email.dmarc.rua, email.tlsRpt.rua, monitoring.alerts.emails and zones[].caaIodef at mailboxes on a domain that receives mail.",
  url: "https://www.rfc-editor.org/rfc/rfc7505",
  validateStack: (args, report) => {
    const entries = dnsEntries(args.resources);
    const mxByName = new Map<string, string[]>();
    for (const e of entries.filter((e) => e.type === "MX" && e.value !== undefined)) mxByName.set(e.name, [...(mxByName.get(e.name) ?? []), e.value!]);
    const nullMx = new Set([...mxByName].filter(([, exchanges]) => isNullMxSet(exchanges)).map(([name]) => name));
    if (nullMx.size === 0) return;
    for (const e of entries.filter((e) => e.type === "TXT" && e.value !== undefined && (e.name.startsWith("_dmarc.") || e.name.startsWith("_smtp._tls.")))) {
      const what = e.name.startsWith("_dmarc.") ? "DMARC report address" : "TLS-RPT report address";
      reportFindings(report, ruaAddresses(e.value!).flatMap((a) => checkMailDestination(a, what, nullMx)), { prefix: e.name, urn: e.r.urn });
    }
    for (const r of args.resources.filter((r) => r.isType(TopicSubscription) && r.props.protocol === "email")) {
      const endpoint = known(() => r.props.endpoint);
      if (typeof endpoint === "string") reportFindings(report, checkMailDestination(endpoint, "alert mailbox", nullMx), { urn: r.urn });
    }
    // Where CAs report refused certificate requests (RFC 8659 §4.4): a mailto: iodef there is read by nobody.
    for (const e of entries.filter((e) => e.type === "CAA")) {
      const data = known(() => (e.r.props as { data?: { tag?: unknown; value?: unknown } }).data);
      if (data?.tag === "iodef" && typeof data.value === "string" && /^mailto:/i.test(data.value)) {
        reportFindings(report, checkMailDestination(data.value, "CAA iodef address", nullMx), { prefix: e.name, urn: e.r.urn });
      }
    }
  },
};

export const emailPolicies = [spfRecordValid, dmarcRecordValid, dmarcEnforcing, dkimKeyStrength, dkimNotTesting, txtStringLength, mtaStsAndTlsRpt, mtaStsNotNoneInProduction, reportDestinationsReceiveMail];
