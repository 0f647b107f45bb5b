/**
 * Email checks on the parsed config. They build the records the stack would publish (model/email.ts) and
 * run the rules/ checks over that exact text, so a config that would publish a broken SPF, DKIM, DMARC,
 * MTA-STS or TLS-RPT record is refused, naming the key path and the RFC rule. Warnings (DMARC p=none in
 * staging, a report mailbox outside the stack) are returned separately and never block a deploy.
 */
import { emailModels, EmailModel, MailRecord } from "../model/email";
import { siteModel } from "../model/site";
import { checkDkim, checkDkimCnameTarget, checkDkimSelector } from "../rules/dkim";
import { checkDmarc, checkDmarcRecordSet, checkReportAuthorization, organizationalDomain } from "../rules/dmarc";
import { Finding, formatFinding } from "../rules/finding";
import { checkRelativeLabel } from "../rules/hostnames";
import { checkMtaStsPolicy, checkMtaStsTxt } from "../rules/mta-sts";
import { checkMtaStsMode } from "../rules/mta-sts-mode";
import { checkParkedDomain } from "../rules/parked-domain";
import { checkSpf, checkSpfRecordSet, parseSpf } from "../rules/spf";
import { checkSpfNetworkWidths } from "../rules/spf-networks";
import { checkTlsRpt } from "../rules/tls-rpt";
import { checkTxtStrings } from "../rules/txt";
import { dkimRecordText } from "../model/mail-providers";
import type { ConfigProblem } from "../config/problem";
import type { StackConfig } from "../config/schema";

interface Located {
  path: string;
  finding: Finding;
}

type Environment = StackConfig["environment"];

function error(message: string, ref?: string, fix?: string): Finding {
  return { message, ref, fix, severity: "error" };
}

function warning(message: string, ref?: string, fix?: string): Finding {
  return { message, ref, fix, severity: "warning" };
}

function values(records: readonly MailRecord[], name: string, type: MailRecord["type"]): string[] {
  return records.filter((r) => r.name === name && r.type === type).map((r) => r.value);
}

/** Findings of `strict` that `lenient` does not produce: the part a flag alone is responsible for. */
function onlyIn(strict: Finding[], lenient: Finding[]): Finding[] {
  const seen = new Set(lenient.map(formatFinding));
  return strict.filter((f) => !seen.has(formatFinding(f)));
}

/** DMARC findings name their tag first (`DMARC p=none ...`, `DMARC rua destination ...`): point them at its key. */
const DMARC_TAG_KEYS: Record<string, string> = { p: "policy", sp: "subdomainPolicy", rua: "rua", adkim: "adkim", aspf: "aspf" };

function dmarcKey(f: Finding): string {
  const tag = /^DMARC (\w+)/.exec(f.message)?.[1];
  return tag && tag in DMARC_TAG_KEYS ? `.${DMARC_TAG_KEYS[tag]}` : "";
}

/** DMARC alignment (RFC 9989 §4.4): strict needs the same name, relaxed the same Organizational Domain (found by the tree walk, §4.10.2). */
function aligned(from: string, other: string, mode: "r" | "s"): boolean {
  return mode === "s" ? from === other : organizationalDomain(from) === organizationalDomain(other);
}

const NOT_SENDING_KEYS = ["mailbox", "mtaSts", "tlsRpt"] as const;
const NOT_SENDING_LISTS = ["senders", "spf", "dkim"] as const;

function checkParkedConfig(config: StackConfig, i: number): Located[] {
  const email = config.zones[i].email;
  const at = (s: string) => `zones[${i}].email.${s}`;
  if (!email || email.sendsMail) return [];
  const fix = (key: string) => `remove ${key}, or set sendsMail: true and declare the domain's senders`;
  const out: Located[] = [];
  const say = (key: string) => out.push({ path: at(key), finding: error(`${config.zones[i].domain} sends no mail (sendsMail: false), so it publishes only the null-mail set`, "RFC 7505 §3; RFC 9989 §4.7", fix(key)) });
  for (const key of NOT_SENDING_KEYS) if (email[key] !== undefined) say(key);
  for (const key of NOT_SENDING_LISTS) if (email[key].length > 0) say(key);
  if (email.spfAll !== "-all") say("spfAll");
  if (email.dmarc.policy !== undefined && email.dmarc.policy !== "reject") say("dmarc.policy");
  for (const key of ["subdomainPolicy", "adkim", "aspf"] as const) if (email.dmarc[key] !== undefined) say(`dmarc.${key}`);
  return out;
}

/** `spfAll` is the one key a softfail finding can point at; every other finding belongs to the record's source. */
function checkSpfPlans(model: EmailModel, environment: Environment, at: string): Located[] {
  const out: Located[] = [];
  for (const plan of model.spf) {
    const termProblems = plan.customTerms.flatMap((t) => {
      const parsed = parseSpf(`v=spf1 ${t.term}`);
      return [...parsed.problems, ...checkSpfNetworkWidths(parsed)].map((finding) => ({ path: t.configPath, finding }));
    });
    out.push(...termProblems);
    // A malformed term is dropped from the record; its own line says why, so the merged record is judged once it parses.
    if (termProblems.length === 0) {
      for (const finding of checkSpf(plan.value, { allowSoftFail: environment !== "prod" })) out.push({ path: finding.message.includes("~all (softfail)") ? `${at}.spfAll` : plan.configPath, finding });
    }
    out.push(...checkSpfRecordSet(values(model.records, plan.name, "TXT")).map((finding) => ({ path: plan.configPath, finding })));
  }
  return out;
}

function checkDkimParts(model: EmailModel, environment: Environment): Located[] {
  const out: Located[] = [];
  for (const d of model.dkim) {
    const key = (k: string) => (d.config ? `${d.configPath}.${k}` : d.configPath);
    out.push(...checkDkimSelector(d.selector).map((finding) => ({ path: key("selector"), finding })));
    if (d.config && (d.config.publicKey === undefined) === (d.config.target === undefined)) {
      out.push({ path: d.configPath, finding: error(`DKIM selector ${d.selector} needs exactly one of publicKey (a TXT key record) or target (a CNAME to the provider's key)`, "RFC 6376 §3.6.2.1", "copy one of them from the provider's DNS settings") });
      continue;
    }
    if (d.target !== undefined) {
      out.push(...checkDkimCnameTarget(d.target).map((finding) => ({ path: key("target"), finding })));
      continue;
    }
    const options = { environment };
    const withoutTesting = d.config ? checkDkim(dkimRecordText({ publicKey: d.config.publicKey ?? "", keyType: d.config.keyType, testing: false }), options) : [];
    out.push(...withoutTesting.map((finding) => ({ path: key("publicKey"), finding })));
    out.push(...onlyIn(checkDkim(d.value!, options), withoutTesting).map((finding) => ({ path: key("testing"), finding })));
  }
  return out;
}

function checkDmarcPlan(config: StackConfig, i: number, model: EmailModel): Located[] {
  const out: Located[] = [];
  const { dmarc } = model;
  out.push(...checkDmarc(dmarc.value, { environment: config.environment }).map((finding) => ({ path: `${dmarc.configPath}${dmarcKey(finding)}`, finding })));
  out.push(...checkDmarcRecordSet(values(model.records, `_dmarc.${model.domain}`, "TXT")).map((finding) => ({ path: dmarc.configPath, finding })));
  if (model.sendsMail && config.zones[i].email!.dmarc.rua.length === 0) {
    out.push({
      path: `${dmarc.configPath}.rua`,
      finding: error("DMARC has no aggregate report address, so nobody sees which mail fails authentication", "RFC 9989 §5.1.3; launch checklist", `add a mailbox such as dmarc-reports@${model.domain}`),
    });
  }
  for (const d of model.reportDestinations.filter((r) => !r.inStack)) {
    for (const f of checkReportAuthorization([], d.authorizationName)) {
      out.push({ path: `${dmarc.configPath}.rua`, finding: { ...f, message: `${d.destination} is not a zone of this stack: ${f.message}`, severity: "warning" } });
    }
  }
  if (model.sendsMail) {
    for (const s of model.senders.filter((s) => !aligned(model.domain, s.dkimDomain, dmarc.adkim) && !aligned(model.domain, s.mailFromDomain, dmarc.aspf))) {
      out.push({
        path: s.configPath,
        finding: error(
          `${s.provider} mail From: ${model.domain} aligns with neither its DKIM domain ${s.dkimDomain} (adkim=${dmarc.adkim}) nor its MAIL FROM ${s.mailFromDomain} (aspf=${dmarc.aspf}), so it fails DMARC`,
          "RFC 9989 §4.4",
          "set dmarc.adkim: r (relaxed alignment)",
        ),
      });
    }
  }
  return out;
}

/** `mxConfigured`: the policy's mx patterns come from `mtaSts.mx` rather than the declared MX hosts. */
function checkMtaStsAndTlsRpt(model: EmailModel, mxConfigured: boolean): Located[] {
  const out: Located[] = [];
  const { mtaSts, tlsRpt } = model;
  if (mtaSts) {
    const mxPath = mxConfigured ? `${mtaSts.configPath}.mx` : mtaSts.configPath;
    for (const finding of checkMtaStsPolicy(mtaSts.policy, model.mxHosts)) out.push({ path: /\bmx\b/i.test(finding.message) ? mxPath : mtaSts.configPath, finding });
    out.push(...checkMtaStsTxt(values(model.records, `_mta-sts.${model.domain}`, "TXT")).map((finding) => ({ path: mtaSts.configPath, finding })));
    if (mtaSts.mode === "testing" && !tlsRpt) {
      out.push({ path: `${mtaSts.configPath}.mode`, finding: warning("MTA-STS testing mode without TLS-RPT: nobody receives the failure reports testing exists for", "RFC 8461 §5; RFC 8460 §3", "add tlsRpt.rua") });
    }
  }
  if (tlsRpt) out.push(...checkTlsRpt(values(model.records, `_smtp._tls.${model.domain}`, "TXT")).map((finding) => ({ path: tlsRpt.configPath, finding })));
  return out;
}

/** Names the mail records share with each other or with web hostnames in ways DNS or the providers cannot serve. */
function checkNames(model: EmailModel, webNames: ReadonlySet<string>): Located[] {
  const out: Located[] = [];
  const seen = new Map<string, MailRecord>();
  const unique: MailRecord[] = [];
  for (const r of model.records) {
    const first = seen.get(r.key);
    if (first) out.push({ path: r.configPath, finding: error(`${r.name} is declared twice (also by ${first.configPath})`, undefined, "keep one: selectors and labels must be unique in the zone") });
    else {
      seen.set(r.key, r);
      unique.push(r);
    }
  }
  for (const r of unique.filter((r) => r.type === "CNAME")) {
    const others = unique.filter((o) => o !== r && o.name === r.name);
    if (others.length > 0 || webNames.has(r.name)) {
      out.push({
        path: r.configPath,
        finding: error(`${r.name} is a CNAME and also has ${webNames.has(r.name) ? "a web hostname" : `${others[0].type} records`} there; a CNAME cannot coexist with other data`, "RFC 1034 §3.6.2", "choose another label"),
      });
    }
  }
  const mxByName = new Map<string, MailRecord[]>();
  for (const r of model.records.filter((r) => r.type === "MX")) mxByName.set(r.name, [...(mxByName.get(r.name) ?? []), r]);
  for (const [name, mx] of mxByName) {
    const senders = [...new Set(mx.map((m) => m.configPath))];
    if (senders.length > 1) {
      out.push({ path: senders[1], finding: error(`${name} gets MX records from both ${senders[0]} and ${senders[1]}, so bounces reach only one of them`, "RFC 5321 §5.1", "give each sender its own MAIL FROM label") });
    }
  }
  if (model.mtaSts && webNames.has(model.mtaSts.hostname)) {
    out.push({ path: model.mtaSts.configPath, finding: error(`${model.mtaSts.hostname} is a web hostname, but the MTA-STS policy must be served there`, "RFC 8461 §3.3", `remove ${model.mtaSts.hostname} from hosts or legacyHosts`) });
  }
  return out;
}

function zoneFindings(config: StackConfig, i: number, model: EmailModel, webNames: ReadonlySet<string>): Located[] {
  const zone = config.zones[i];
  const at = `zones[${i}].email`;
  const out: Located[] = [...checkParkedConfig(config, i)];
  if (!zone.email && !zone.redirectTo) {
    out.push({ path: at, finding: warning(`not set, so ${zone.domain} publishes the null-mail set (v=spf1 -all, null MX, DMARC p=reject) and receivers reject mail from it`, "RFC 7505; RFC 9989", "declare email.mailbox and email.senders if anyone sends mail from this domain") });
  }
  if (model.sendsMail && model.senders.length === 0) {
    out.push({ path: at, finding: error(`${zone.domain} sends mail but no mailbox, sender, spf term or dkim key is declared, so nothing passes SPF or DKIM`, "RFC 9989 §5.1.1, §5.1.2", "declare who sends (mailbox, senders) or set sendsMail: false") });
  }
  zone.email?.senders.forEach((s, j) => {
    if (s.provider === "custom" && s.spf.length === 0 && s.dkim.length === 0) {
      out.push({ path: `${at}.senders[${j}]`, finding: error(`custom sender ${s.name} declares neither spf terms nor dkim keys, so none of its mail passes SPF or DKIM`, "RFC 9989 §4.4", "add the SPF terms and DKIM records the sender documents") });
    }
  });
  // The pack's mta-sts-and-tls-rpt policy requires both wherever mail is received; say so here, by key.
  if (zone.email?.mailbox && !zone.email.mtaSts) {
    out.push({ path: `${at}.mtaSts`, finding: error(`${zone.domain} receives mail (mailbox is set) but declares no MTA-STS policy, so senders may deliver to it over plaintext or a forged MX`, "RFC 8461 §3", "add mtaSts: { mode: testing } and switch to enforce after clean TLS reports") });
  }
  if (zone.email?.mailbox && !zone.email.tlsRpt) {
    out.push({ path: `${at}.tlsRpt`, finding: error(`${zone.domain} receives mail (mailbox is set) but declares no TLS-RPT address, so nobody hears when senders fail TLS`, "RFC 8460 §3", "add tlsRpt: { rua: [tls-reports@<domain>] }") });
  }
  if (model.mtaSts) out.push(...checkMtaStsMode(model.mtaSts.policy, config.environment).map((finding) => ({ path: `${model.mtaSts!.configPath}.mode`, finding })));
  out.push(...checkSpfPlans(model, config.environment, at), ...checkDkimParts(model, config.environment), ...checkDmarcPlan(config, i, model), ...checkMtaStsAndTlsRpt(model, zone.email?.mtaSts?.mx !== undefined));
  for (const r of model.records.filter((r) => r.type === "TXT")) out.push(...checkTxtStrings(r.content).map((finding) => ({ path: r.configPath, finding })));
  if (!model.sendsMail) {
    const published = { txt: values(model.records, model.domain, "TXT"), mx: model.records.filter((r) => r.name === model.domain && r.type === "MX").map((r) => ({ priority: r.priority!, exchange: r.value })), dmarc: values(model.records, `_dmarc.${model.domain}`, "TXT") };
    out.push(...checkParkedDomain(published).map((finding) => ({ path: at, finding })));
  }
  out.push(...checkNames(model, webNames));
  return out;
}

function emailFindings(config: StackConfig): Located[] {
  const models = emailModels(config.zones);
  return config.zones.flatMap((zone, i) => [...senderLabelFindings(config, i), ...zoneFindings(config, i, models[i], new Set(siteModel(zone, i, config.app).records.map((r) => r.name)))]);
}

/** The keys of a sender that take a label below the zone (MAIL FROM, return path, sending subdomain, bounce). */
const SENDER_LABEL_KEYS = ["mailFrom", "returnPath", "subdomain", "bounce"] as const;

/** A sender's label pasted as the full hostname the provider shows (`em1234.example.com`), at its key. */
function senderLabelFindings(config: StackConfig, i: number): Located[] {
  const zone = config.zones[i];
  return (zone.email?.senders ?? []).flatMap((sender, j) => SENDER_LABEL_KEYS.flatMap((key) => {
    const value: unknown = (sender as Record<string, unknown>)[key];
    const [label, path] = typeof value === "string" ? [value, key] : typeof (value as { label?: unknown })?.label === "string" ? [(value as { label: string }).label, `${key}.label`] : [undefined, key];
    return label === undefined ? [] : checkRelativeLabel(label, zone.domain).map((f) => ({ path: `zones[${i}].email.senders[${j}].${path}`, finding: { ...f, severity: "error" as const } }));
  }));
}

/** One line per distinct problem: the same rule broken by two records of one key (e.g. spfAll) is said once. */
function asProblems(located: readonly Located[]): ConfigProblem[] {
  const lines = new Map(located.map((l) => [`${l.path}\n${formatFinding(l.finding)}`, { path: [l.path], message: formatFinding(l.finding) }]));
  return [...lines.values()];
}

/** Errors: a record the stack would publish breaks an RFC rule or the launch gate. */
export function checkEmail(config: StackConfig): ConfigProblem[] {
  return asProblems(emailFindings(config).filter((l) => l.finding.severity !== "warning"));
}

/** Warnings: allowed, but a reviewer must know (DMARC p=none in staging, reports a destination must authorize). */
export function emailWarnings(config: StackConfig): ConfigProblem[] {
  return asProblems(emailFindings(config).filter((l) => l.finding.severity === "warning"));
}
