/**
 * Which transactional senders a live zone's records belong to: each known provider's fingerprint (the
 * records model/mail-providers.ts writes for it, read backwards) becomes that sender in the draft's email
 * section with the records it claims. A provider is recognised only when the records the config needs for
 * it are all there (a Postmark return path without its DKIM key is left to the custom sender), so the
 * drafted sender always passes the schema. Pure: no I/O.
 */
import type { LiveRecord, LiveZone } from "../../model/live-zone";
import { parseDkim } from "../../rules/dkim";
import { isSpfRecord } from "../../rules/spf";
import { txtValue } from "../../rules/txt";

/** What the draft has consumed: a claimed record is declared through the email section, not as an extra record. */
export interface Claims {
  take(...records: LiveRecord[]): void;
  has(record: LiveRecord): boolean;
}

export interface InferredSender {
  config: Record<string, unknown>;
  /** The provider's documented apex SPF includes: kept as `email.spf` terms when the live record has them, not as a custom sender's. */
  apexIncludes: string[];
}

const host = (v: string) => v.replace(/\.$/, "").toLowerCase();

/** Reads one zone's records for the provider fingerprints; each recogniser claims what it uses. */
class SenderReader {
  constructor(private readonly zone: LiveZone, private readonly claims: Claims) {}

  get domain(): string { return this.zone.domain; }
  private free(): LiveRecord[] { return this.zone.records.filter((r) => !this.claims.has(r)); }
  label(name: string): string { return name === this.domain ? "@" : name.slice(0, -(this.domain.length + 1)); }
  cnames(target: RegExp): LiveRecord[] { return this.free().filter((r) => r.type === "CNAME" && target.test(host(r.content))); }
  cnameAt(name: string): LiveRecord | undefined { return this.free().find((r) => r.type === "CNAME" && r.name === name); }
  txtAt(name: string, test: (value: string) => boolean = () => true): LiveRecord[] { return this.free().filter((r) => r.type === "TXT" && r.name === name && test(txtValue(r.content))); }
  mx(target: RegExp): LiveRecord[] { return this.free().filter((r) => r.type === "MX" && r.name !== this.domain && target.test(host(r.content.trim().split(/\s+/).pop() ?? ""))); }
  spfAt(name: string): LiveRecord[] { return this.txtAt(name, isSpfRecord); }
  /** DKIM records below `<base>` whose selector matches: TXT keys and CNAMEs, as config `dkim` entries. */
  dkim(selector: RegExp, base = this.domain): { entries: Record<string, unknown>[]; records: LiveRecord[] } {
    const suffix = `._domainkey.${base}`;
    const records = this.free().filter((r) => r.name.endsWith(suffix) && selector.test(r.name.slice(0, -suffix.length)) && (r.type === "CNAME" || r.type === "TXT"));
    return { records, entries: records.map((r) => dkimEntry(r.name.slice(0, -suffix.length), r)) };
  }
  take(...records: LiveRecord[]): void { this.claims.take(...records); }
}

function dkimEntry(selector: string, r: LiveRecord): Record<string, unknown> {
  if (r.type === "CNAME") return { selector, target: host(r.content) };
  const key = parseDkim(txtValue(r.content));
  return { selector, publicKey: key.publicKey ?? "", ...(key.keyType === "ed25519" ? { keyType: "ed25519" } : {}) };
}

type Recogniser = (z: SenderReader) => InferredSender[];

/** Amazon SES: three Easy DKIM CNAMEs into dkim.amazonses.com and a custom MAIL FROM with its feedback MX. */
const amazonSes: Recogniser = (z) => {
  const dkim = z.cnames(/\.dkim\.amazonses\.com$/).filter((r) => /^[a-z0-9]{32}\._domainkey\./.test(r.name));
  const mx = z.mx(/^feedback-smtp\.[a-z0-9-]+\.amazonses\.com$/)[0];
  if (dkim.length !== 3 || !mx) return [];
  z.take(...dkim, mx, ...z.spfAt(mx.name));
  const region = /feedback-smtp\.([a-z0-9-]+)\.amazonses\.com/.exec(host(mx.content))![1];
  return [{ config: { provider: "amazon-ses", region, mailFrom: z.label(mx.name), dkimTokens: dkim.map((r) => r.name.split(".")[0]) }, apexIncludes: ["amazonses.com"] }];
};

/** Resend: DKIM TXT at resend._domainkey, and MX feedback-smtp.<region>.amazonses.com plus SPF at the return path. */
const resend: Recogniser = (z) => {
  const key = z.txtAt(`resend._domainkey.${z.domain}`)[0];
  const mx = z.mx(/^feedback-smtp\.[a-z0-9-]+\.amazonses\.com$/);
  const returnPath = mx.find((r) => r.name === `send.${z.domain}`) ?? (mx.length === 1 ? mx[0] : undefined);
  if (!key || !returnPath) return [];
  z.take(key, returnPath, ...z.spfAt(returnPath.name));
  const region = /feedback-smtp\.([a-z0-9-]+)\.amazonses\.com/.exec(host(returnPath.content))![1];
  const label = z.label(returnPath.name);
  return [{ config: { provider: "resend", ...(region !== "us-east-1" ? { region } : {}), ...(label !== "send" ? { returnPath: label } : {}), publicKey: parseDkim(txtValue(key.content)).publicKey ?? "" }, apexIncludes: ["amazonses.com"] }];
};

/** Postmark: a return-path CNAME to pm.mtasv.net and its date-stamped DKIM key (`20260101000000pm`). */
const postmark: Recogniser = (z) => {
  const returnPath = z.cnames(/^pm\.mtasv\.net$/)[0];
  const dkim = z.dkim(/^\d{14}pm$/);
  if (!returnPath || dkim.records.length === 0) return [];
  z.take(returnPath, ...dkim.records);
  const label = z.label(returnPath.name);
  return [{ config: { provider: "postmark", dkim: dkim.entries, ...(label !== "pm-bounces" ? { returnPath: label } : {}) }, apexIncludes: ["spf.mtasv.net"] }];
};

/** SendGrid: return path em<n> → u<id>.wl<n>.sendgrid.net, DKIM CNAMEs <s>._domainkey → <s>.domainkey.<that host>. */
const sendgrid: Recogniser = (z) => {
  const returnPath = z.cnames(/^u\d+\.wl\d*\.sendgrid\.net$/).find((r) => !r.name.includes("._domainkey."));
  if (!returnPath) return [];
  const sendHost = host(returnPath.content);
  const dkim = z.cnames(new RegExp(`\\.domainkey\\.${sendHost.replace(/\./g, "\\.")}$`)).filter((r) => r.name.endsWith(`._domainkey.${z.domain}`));
  if (dkim.length === 0) return [];
  z.take(returnPath, ...dkim);
  const selectors = dkim.map((r) => r.name.split("._domainkey.")[0]);
  return [{ config: { provider: "sendgrid", host: sendHost, returnPath: z.label(returnPath.name), ...(selectors.join() !== "s1,s2" ? { dkimSelectors: selectors } : {}) }, apexIncludes: ["sendgrid.net"] }];
};

/** Mailgun: a sending subdomain with MX mxa/mxb.mailgun.org (EU: mxa/mxb.eu.mailgun.org), SPF include:mailgun.org, DKIM there. */
const mailgun: Recogniser = (z) => {
  const out: InferredSender[] = [];
  const names = [...new Set(z.mx(/^mx[ab]\.(eu\.)?mailgun\.org$/).map((r) => r.name))];
  for (const name of names) {
    const mx = z.mx(/^mx[ab]\.(eu\.)?mailgun\.org$/).filter((r) => r.name === name);
    const dkim = z.dkim(/.+/, name);
    if (dkim.records.length === 0) continue;
    z.take(...mx, ...dkim.records, ...z.spfAt(name));
    const eu = mx.some((r) => /\.eu\.mailgun\.org\.?$/i.test(r.content));
    out.push({ config: { provider: "mailgun", ...(eu ? { region: "eu" } : {}), subdomain: z.label(name), dkim: dkim.entries }, apexIncludes: ["mailgun.org"] });
  }
  return out;
};

/** Brevo: `brevo-code:` at the apex with its DKIM (TXT at mail._domainkey, or CNAMEs into brevo.com). */
const brevo: Recogniser = (z) => {
  const code = z.txtAt(z.domain, (v) => /^brevo-code:[0-9a-f]{32}$/.test(v))[0];
  if (!code) return [];
  const cnames = z.cnames(/(^|\.)brevo\.com$/).filter((r) => r.name.endsWith(`._domainkey.${z.domain}`));
  const keys = z.txtAt(`mail._domainkey.${z.domain}`);
  const records = [...cnames, ...keys];
  if (records.length === 0) return [];
  z.take(code, ...records);
  return [{ config: { provider: "brevo", code: txtValue(code.content), dkim: records.map((r) => dkimEntry(r.name.split("._domainkey.")[0], r)) }, apexIncludes: ["spf.brevo.com", "spf.sendinblue.com"] }];
};

/** SparkPost: its scphMMYY DKIM key, and a bounce CNAME to sparkpostmail.com (EU: eu.sparkpostmail.com) when set. */
const sparkpost: Recogniser = (z) => {
  const dkim = z.dkim(/^scph\d{4}$/);
  if (dkim.records.length === 0) return [];
  const bounce = z.cnames(/^(eu\.)?sparkpostmail\.com$/)[0];
  z.take(...dkim.records, ...(bounce ? [bounce] : []));
  const eu = bounce ? host(bounce.content).startsWith("eu.") : false;
  return [{ config: { provider: "sparkpost", ...(eu ? { region: "eu" } : {}), dkim: dkim.entries, ...(bounce ? { bounce: z.label(bounce.name) } : {}) }, apexIncludes: ["_spf.sparkpostmail.com", "sparkpostmail.com"] }];
};

/** Mailchimp Transactional: mte1/mte2 DKIM CNAMEs to dkim1/dkim2.mandrillapp.com, and a return path to mandrillapp.com. */
const mailchimpTransactional: Recogniser = (z) => {
  const dkim = [1, 2].map((n) => z.cnameAt(`mte${n}._domainkey.${z.domain}`)).filter((r, i) => r && host(r.content) === `dkim${i + 1}.mandrillapp.com`) as LiveRecord[];
  if (dkim.length !== 2) return [];
  const returnPath = z.cnames(/^mandrillapp\.com$/)[0];
  z.take(...dkim, ...(returnPath ? [returnPath] : []));
  return [{ config: { provider: "mailchimp-transactional", ...(returnPath ? { returnPath: z.label(returnPath.name) } : {}) }, apexIncludes: ["spf.mandrillapp.com"] }];
};

/** Most specific first: Resend before SES (both answer bounces at feedback-smtp.<region>.amazonses.com). */
const RECOGNISERS: Recogniser[] = [resend, amazonSes, postmark, sendgrid, mailgun, brevo, sparkpost, mailchimpTransactional];

/** Every known sender the zone's records show, claiming their records. */
export function inferSenders(zone: LiveZone, claims: Claims): InferredSender[] {
  const reader = new SenderReader(zone, claims);
  return RECOGNISERS.flatMap((recognise) => recognise(reader));
}
