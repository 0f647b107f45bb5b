/**
 * Checks across the records one zone declares: what the stack derives (web hosts, CAA, mail) and what the
 * config adds (extra records). A conflict is reported at the extra record's key and names the other
 * record's key, so a person sees both places. Pure: gate/record-checks.ts and the adopt command call it.
 */
import { isDmarcRecord } from "./dmarc-record";
import { Finding } from "./finding";
import { isInZone } from "./hostnames";
import { checkTxtStrings } from "./txt";

export interface DeclaredRecord {
  /** FQDN. */
  name: string;
  type: string;
  /** What a resolver returns (TXT strings joined, the target, data as text). */
  value: string;
  /** TXT content as the provider receives it (quoted), for the string checks. */
  content?: string;
  /** Config key path it comes from. */
  configPath: string;
  /** Derived by the stack (hosts, CAA, email section) rather than listed under `records`. */
  generated: boolean;
}

export interface RecordFinding {
  /** The record the finding is reported at (an extra record's key path). */
  configPath: string;
  finding: Finding;
}

/** Cloudflare's limit on a TXT record's content (presentation form, quotes included). */
export const TXT_CONTENT_MAX = 2048;
/** Cloudflare's limit on a record comment: 100 characters on Free, 500 on paid plans. */
export function commentLimit(plan: string): number {
  return plan === "free" ? 100 : 500;
}

const SPF = /^v=spf1(\s|$)/i;
/** Names under which the stack's email section owns every record. */
const MAIL_OWNED = [/^_dmarc\./, /^_mta-sts\./, /^_smtp\._tls\./, /\._domainkey\./];

const ADDRESS = new Set(["A", "AAAA", "CNAME"]);

/**
 * The type of a declared hostname that is no DNS record the stack writes: a Worker custom domain (the
 * MTA-STS policy host), whose record Cloudflare creates itself and which no other record may share.
 */
export const WORKER_CUSTOM_DOMAIN = "Worker custom domain";

function describe(r: DeclaredRecord): string {
  return `${r.type} ${r.name}`;
}

/** One finding per extra record whose content breaks a per-type rule the schema cannot express. */
export function checkRecordContent(r: DeclaredRecord, domain: string): Finding[] {
  const out: Finding[] = [];
  if (r.type === "TXT" && r.content !== undefined) {
    out.push(...checkTxtStrings(r.content).filter((f) => f.severity === "error"));
    if (r.content.length > TXT_CONTENT_MAX) out.push({ message: `TXT content is ${r.content.length} characters quoted; Cloudflare accepts at most ${TXT_CONTENT_MAX}`, ref: "Cloudflare DNS record limits", fix: "shorten the value or split it over several records" });
    if (SPF.test(r.value)) out.push({ message: "an SPF record is declared outside the email section, so the zone would publish two (a permerror at every receiver)", ref: "RFC 7208 §3.2", fix: "declare the sender under email (mailbox, senders, or email.spf terms) and remove this record" });
    if (isDmarcRecord(r.value) && !r.name.includes("._report._dmarc.")) out.push({ message: "a DMARC record is declared outside the email section", ref: "RFC 9989 §4.5", fix: "set the policy under email.dmarc and remove this record (only <domain>._report._dmarc authorizations belong here)" });
  }
  if (r.type === "NS" && r.name === domain) out.push({ message: "NS at the apex: Cloudflare answers for the zone's own nameservers", ref: "Cloudflare DNS: delegation", fix: "delegate a subdomain (name: team) or remove the record" });
  return out;
}

/**
 * Per-record CNAME flattening (`flattenCname`): Cloudflare offers it on paid plans only (Free flattens the
 * apex CNAME alone), and never on a proxied record, which answers with Cloudflare's addresses anyway.
 */
export function checkCnameFlattening(r: { proxied: boolean }, plan: string): Finding[] {
  const ref = "Cloudflare DNS: CNAME flattening";
  if (r.proxied) return [{ message: "a proxied CNAME cannot take flattenCname: Cloudflare answers it with its own addresses already", ref, fix: "remove flattenCname, or set proxied: false" }];
  if (plan === "free") return [{ message: "per-record CNAME flattening needs a paid plan (on free only the apex CNAME is flattened)", ref, fix: "remove flattenCname, or move the zone to pro or above" }];
  return [];
}

/**
 * Conflicts between records of one zone: a CNAME beside any other record at its name (RFC 1034 §3.6.2);
 * an extra record at a name or of a type the stack derives (the email section's `_dmarc`, `_mta-sts`,
 * `_smtp._tls` and DKIM names, CAA at the apex, a host's address records); a duplicate; a record below
 * a delegation (NS), which the zone no longer answers for.
 */
export function checkRecordConflicts(records: readonly DeclaredRecord[], domain: string): RecordFinding[] {
  const out: RecordFinding[] = [];
  const add = (r: DeclaredRecord, other: DeclaredRecord, message: string, fix: string) =>
    out.push({ configPath: r.configPath, finding: { message: `${describe(r)} ${message} ${describe(other)} from ${other.configPath}`, fix } });
  records.forEach((r, i) => {
    if (r.generated) return;
    const apexCaa = records.find((o) => o.generated && o.type === "CAA" && o.name === domain);
    if (r.type === "CAA" && r.name === domain && apexCaa) {
      add(r, apexCaa, "is at the apex, where the stack declares", "remove it: the apex CAA set is the stack's (Universal SSL CAs plus caaIodef)");
      return;
    }
    // One finding per extra record: the first record it conflicts with, generated ones first.
    for (const o of records.filter((x, j) => x.generated || j < i)) {
      if (o.name !== r.name) continue;
      if (o.type === WORKER_CUSTOM_DOMAIN) { add(r, o, "is on the hostname of the", "remove the extra record: Cloudflare answers a Worker custom domain's hostname with a record of its own, and adds no custom domain beside another"); return; }
      if (o.type === r.type && o.value === r.value) { add(r, o, "repeats", "remove one of the two"); return; }
      if (r.type === "CNAME" || o.type === "CNAME") { add(r, o, "cannot share its name with", "a CNAME must be the only record at its name (RFC 1034 §3.6.2): move one of them to another name"); return; }
      if (!o.generated) continue;
      const reason = MAIL_OWNED.some((p) => p.test(r.name.slice(0, -domain.length)))
        ? "is at a name the email section owns, beside"
        : o.type === r.type && o.type !== "TXT" ? "duplicates the type the stack declares with"
        : ADDRESS.has(o.type) && ADDRESS.has(r.type) ? "would answer beside the host's address record" : undefined;
      if (reason) { add(r, o, reason, "remove the extra record: the stack declares this name from its own config"); return; }
    }
    const delegation = records.find((o) => o.type === "NS" && o.name !== domain && r.name !== o.name && isInZone(r.name, o.name));
    if (delegation) add(r, delegation, "is below the delegation", "declare it in the delegated zone, or remove the NS records");
  });
  return out;
}

/**
 * A CNAME whose target is a name inside one of the stack's zones must point at a name the stack declares
 * (any record, or a wildcard covering it): otherwise it resolves to nothing, a dangling record.
 */
export function checkDanglingTargets(cnames: readonly DeclaredRecord[], declared: ReadonlySet<string>, domains: readonly string[]): RecordFinding[] {
  const out: RecordFinding[] = [];
  for (const r of cnames) {
    const inStack = domains.find((d) => isInZone(r.value, d));
    if (!inStack) continue;
    const wildcard = `*.${r.value.split(".").slice(1).join(".")}`;
    if (declared.has(r.value) || (r.value !== inStack && declared.has(wildcard))) continue;
    out.push({ configPath: r.configPath, finding: { message: `CNAME ${r.name} points at ${r.value}, which no record of the ${inStack} zone declares (a dangling record)`, fix: `declare ${r.value} in ${inStack} or point the CNAME elsewhere` } });
  }
  return out;
}
