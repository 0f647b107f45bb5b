/**
 * DMARC (RFC 9989, which obsoletes RFC 7489 and RFC 9091): check the record at `_dmarc.<domain>`, build the
 * text the stack publishes, and find report destinations outside the domain's Organizational Domain, which
 * must authorize the reports (RFC 9990, Verifying External Destinations) or never get them.
 *
 * Records are read as RFC 9989 reads them (§4.7, §4.8): tags after `v` in any order, tag names in any case,
 * unknown tags ignored, a missing `p` read as `p=none`. Receivers will run both generations for years, so
 * wherever an RFC 7489 receiver would read the same record differently (p not second, pct, t, a missing p)
 * a warning says so; RFC 7489 is cited only to explain that difference. Launch policy (p=none is not
 * production-ready) is kept apart from RFC findings: its refs name the launch checklist.
 */
import { Finding } from "./finding";
import { DmarcRecord, DmarcUri, dmarcTag, isDmarcRecord, parseDmarc } from "./dmarc-record";
import { organizationalDomainWalk, runTreeWalk } from "./dmarc-tree-walk";
import { duplicateTagNames } from "./tag-list";

export { DmarcRecord, DmarcUri, isDmarcRecord, parseDmarc };

export type DmarcPolicy = "none" | "quarantine" | "reject";
export type DmarcEnvironment = "prod" | "staging";

export interface DmarcCheckOptions {
  /** prod: a policy of none (written, missing or lowered by t=y) is an error (the launch gate); staging: a warning. */
  environment: DmarcEnvironment;
}

const POLICIES: readonly string[] = ["none", "quarantine", "reject"];
/** The DMARC Tags registry as RFC 9989 §9.3 leaves it (§4.7 defines each). */
const KNOWN_TAGS: readonly string[] = ["v", "p", "sp", "np", "adkim", "aspf", "fo", "rua", "ruf", "t", "psd"];
/** Tags RFC 9989 removed (Appendix C.5.2) that RFC 7489 receivers still act on. */
const REMOVED_TAGS: Readonly<Record<string, string>> = {
  pct: "a percentage of failing mail to apply the policy to (replaced by t, Appendix A.6)",
  rf: "the failure report format",
  ri: "the aggregate report interval",
};
/** RFC 7489 §6.2: receivers had to support two URIs per tag; RFC 9990 leaves the number to the receiver. */
export const DMARC_MAX_REPORT_URIS = 2;

function error(message: string, ref: string, fix: string): Finding {
  return { message, ref, fix, severity: "error" };
}

function warning(message: string, ref: string, fix: string): Finding {
  return { message, ref, fix, severity: "warning" };
}

/** RFC 9989 §4.8 dmarc-fo: 0 or 1 (not both) and d and s, each at most once, colon-separated. */
function foProblem(fo: string): string | undefined {
  const options = fo.split(":").map((o) => o.trim().toLowerCase());
  const bad = options.filter((o) => !["0", "1", "d", "s"].includes(o));
  if (bad.length > 0) return `has ${bad.map((b) => `"${b}"`).join(", ")}, not one of 0, 1, d, s`;
  if (options.includes("0") && options.includes("1")) return "has both 0 and 1, which exclude each other";
  if (new Set(options).size !== options.length) return "repeats an option";
  return undefined;
}

/** The policy one level below (RFC 9989 §4.7 t=y). */
function lowered(policy: string): string {
  return policy === "reject" ? "quarantine" : "none";
}

function policyFindings(record: DmarcRecord, options: DmarcCheckOptions): Finding[] {
  const findings: Finding[] = [];
  const { tags } = record;
  const pIndex = tags.findIndex((t) => t.name === "p");
  if (pIndex < 0) {
    findings.push(
      warning(
        "DMARC record has no p= tag: RFC 9989 receivers read it as p=none; RFC 7489 receivers require p and apply the record only when rua holds a valid address",
        "RFC 9989 §4.7, §4.10.1; RFC 7489 §6.3",
        "add p= right after v=DMARC1",
      ),
    );
  } else if (pIndex !== 1) {
    findings.push(
      warning(
        `DMARC p= is tag ${pIndex + 1}: RFC 9989 accepts any order after v, but RFC 7489 receivers require p right after v=DMARC1`,
        "RFC 9989 §4.8; RFC 7489 §6.3",
        "move p= to directly follow v=DMARC1",
      ),
    );
  }

  const testing = record.t?.toLowerCase() === "y";
  const policyTags = [
    { name: "p", what: "domain", value: record.p ?? (pIndex < 0 ? "none" : undefined) },
    { name: "sp", what: "subdomain", value: record.sp },
    { name: "np", what: "non-existent subdomain", value: record.np },
  ];
  for (const { name, what, value } of policyTags) {
    if (value === undefined) continue;
    const policy = value.toLowerCase();
    if (!POLICIES.includes(policy)) {
      findings.push(error(`DMARC ${name}=${value} is not none, quarantine or reject`, "RFC 9989 §4.8", `set ${name}=quarantine or ${name}=reject`));
      continue;
    }
    const shown = name === "p" && record.p === undefined ? "p (missing, so none)" : `${name}=${value}`;
    const effective = testing ? lowered(policy) : policy;
    if (effective !== "none") continue;
    const why = policy === "none" ? "only monitors" : `with t=y asks RFC 9989 receivers to apply none, so it only monitors`;
    findings.push(
      options.environment === "prod"
        ? error(`DMARC ${shown} ${why} ${what} mail; the launch gate is quarantine or reject`, "RFC 9989 §4.7; launch checklist", `set ${name}=quarantine or ${name}=reject${testing ? " without t=y" : ""} once aggregate reports show every sender aligned`)
        : warning(`DMARC ${shown} ${why} ${what} mail; production needs quarantine or reject`, "RFC 9989 §4.7; launch checklist", `move to ${name}=quarantine once aggregate reports show every sender aligned`),
    );
  }
  return findings;
}

/** Every rule for one DMARC record's text; the record set is checked separately with checkDmarcRecordSet. */
export function checkDmarc(text: string, options: DmarcCheckOptions): Finding[] {
  const record = parseDmarc(text);
  const findings = record.syntax.map((p) => error(`DMARC record is malformed: ${p}`, "RFC 9989 §4.8", "write tags as tag=value separated by ;"));
  const { tags } = record;
  const value = (name: string) => dmarcTag(record, name);

  if (tags[0]?.name !== "v") {
    findings.push(error("DMARC record must start with v=DMARC1", "RFC 9989 §4.7", "put v=DMARC1 first"));
  } else if (tags[0].value !== "DMARC1") {
    findings.push(error(`DMARC version is "${tags[0].value}"; it must be exactly DMARC1 (case-sensitive)`, "RFC 9989 §4.8", "write v=DMARC1"));
  }
  for (const name of duplicateTagNames(tags)) {
    findings.push(error(`DMARC tag ${name}= appears more than once`, "RFC 9989 §4.7; RFC 6376 §3.2", `keep a single ${name}=`));
  }
  for (const t of tags) {
    if (t.name in REMOVED_TAGS) {
      findings.push(removedTagFinding(t.name, t.value, record));
    } else if (!KNOWN_TAGS.includes(t.name)) {
      findings.push(warning(`DMARC tag ${t.name}= is not defined and receivers ignore it`, "RFC 9989 §4.7", "remove it or correct the spelling"));
    }
  }

  findings.push(...policyFindings(record, options));

  const t = value("t");
  if (t !== undefined && !["y", "n"].includes(t.toLowerCase())) {
    findings.push(error(`DMARC t=${t} is not y or n`, "RFC 9989 §4.8", "remove t= (the default is n)"));
  } else if (t?.toLowerCase() === "y" && (record.p ?? "none").toLowerCase() !== "none") {
    findings.push(
      warning(
        `DMARC t=y: RFC 9989 receivers apply one level below p=${record.p}, while RFC 7489 receivers ignore t and apply p=${record.p} in full`,
        "RFC 9989 §4.7, Appendix A.6",
        `publish the stage both generations read the same way: p=${lowered(record.p!.toLowerCase())} without t`,
      ),
    );
  }
  const psd = value("psd");
  if (psd !== undefined && !["y", "n", "u"].includes(psd.toLowerCase())) {
    findings.push(error(`DMARC psd=${psd} is not y, n or u`, "RFC 9989 §4.8", "remove psd= (the default is u)"));
  } else if (psd?.toLowerCase() === "y") {
    findings.push(warning("DMARC psd=y declares a public suffix: RFC 9989 receivers then treat each subdomain as its own Organizational Domain", "RFC 9989 §4.7, §4.10.2", "remove psd=y unless a Public Suffix Operator publishes this record"));
  }
  for (const name of ["adkim", "aspf"]) {
    const v = value(name);
    if (v !== undefined && !["r", "s"].includes(v.toLowerCase())) {
      findings.push(error(`DMARC ${name}=${v} is not r (relaxed) or s (strict)`, "RFC 9989 §4.8", `set ${name}=r or ${name}=s`));
    }
  }
  const fo = value("fo");
  if (fo !== undefined) {
    const problem = foProblem(fo);
    if (problem) findings.push(error(`DMARC fo=${fo} ${problem}`, "RFC 9989 §4.8", "use 0 or 1, optionally with d and s, e.g. fo=1"));
    else if (value("ruf") === undefined) findings.push(warning(`DMARC fo=${fo} is ignored because there is no ruf=`, "RFC 9989 §4.7", "remove fo= or add a ruf= address"));
  }
  findings.push(...reportUriFindings(record));
  return findings;
}

function removedTagFinding(name: string, value: string, record: DmarcRecord): Finding {
  const ref = name === "pct" ? "RFC 9989 Appendix A.6, C.5.2; RFC 7489 §6.3" : "RFC 9989 Appendix C.5.2; RFC 7489 §6.3";
  const fix = `remove ${name}=`;
  if (name === "pct" && /^\d{1,3}$/.test(value) && Number(value) < 100) {
    const p = record.p ?? "none";
    return warning(
      `DMARC pct=${value} was removed in RFC 9989: RFC 9989 receivers apply p=${p} to all failing mail, while RFC 7489 receivers apply it to ${value}%`,
      ref,
      `remove pct and publish the policy you want applied to all failing mail (${Number(value) === 0 ? `p=${lowered(p.toLowerCase())}` : `p=${p}`} for both generations)`,
    );
  }
  return warning(`DMARC ${name}= (${REMOVED_TAGS[name]}) was removed in RFC 9989: RFC 9989 receivers ignore it, RFC 7489 receivers still read it`, ref, fix);
}

function reportUriFindings(record: DmarcRecord): Finding[] {
  const findings: Finding[] = [];
  for (const name of ["rua", "ruf"] as const) {
    const uris = record[name];
    if (dmarcTag(record, name) !== undefined && uris.length === 0) {
      findings.push(error(`DMARC ${name}= is empty`, "RFC 9989 §4.8", `add a mailto: address or remove ${name}=`));
    }
    if (uris.length > DMARC_MAX_REPORT_URIS) {
      findings.push(warning(`DMARC ${name}= lists ${uris.length} addresses; RFC 7489 receivers only have to send to the first ${DMARC_MAX_REPORT_URIS}`, "RFC 9990, Report Delivery; RFC 7489 §6.2", `keep at most ${DMARC_MAX_REPORT_URIS} ${name} addresses`));
    }
    for (const u of uris) {
      if (u.sizeLimit !== undefined) {
        findings.push(warning(`DMARC ${name} destination ${u.uri}!${u.sizeLimit} has a size limit, which is obsolete: RFC 9989 reporters ignore it, RFC 7489 receivers may drop larger reports`, "RFC 9989 §4.8, Appendix C.4", `remove !${u.sizeLimit}`));
      }
      if (u.scheme !== "mailto") {
        findings.push(error(`DMARC ${name} destination ${u.uri} is not a mailto: URI, the only scheme receivers must support`, "RFC 9989 §4.7; launch checklist", `write ${name}=mailto:<address>`));
      } else if (!u.domain || !/^[^@\s]+@[a-z0-9.-]+\.[a-z0-9-]+$/i.test(u.uri.slice("mailto:".length).split("?")[0])) {
        findings.push(error(`DMARC ${name} destination ${u.uri} is not a valid mailto: address`, "RFC 9989 §4.8; RFC 6068 §2", `write ${name}=mailto:<local>@<domain>`));
      }
    }
  }
  return findings;
}

/**
 * Every TXT value at `_dmarc.<domain>`: exactly one must be a DMARC record. With none, receivers walk up to the
 * Organizational Domain's record (RFC 9989 §4.10.1); with several, all are discarded (§4.10 step 2).
 */
export function checkDmarcRecordSet(records: readonly string[]): Finding[] {
  const dmarc = records.filter(isDmarcRecord);
  if (dmarc.length === 1) return [];
  if (dmarc.length === 0) {
    return [error("no TXT record at _dmarc starts with v=DMARC1", "RFC 9989 §4.10.1", "publish one DMARC record, e.g. v=DMARC1; p=quarantine; rua=mailto:<address>")];
  }
  return [error(`${dmarc.length} TXT records at _dmarc start with v=DMARC1; receivers discard them all and apply no DMARC policy`, "RFC 9989 §4.10", "merge them into a single DMARC record")];
}

// ---- Builder --------------------------------------------------------------------------------------

export interface DmarcSpec {
  p: DmarcPolicy;
  sp?: DmarcPolicy;
  np?: DmarcPolicy;
  adkim?: "r" | "s";
  aspf?: "r" | "s";
  fo?: string;
  /** Addresses or mailto: URIs; a bare address gets `mailto:`. */
  rua?: readonly string[];
  ruf?: readonly string[];
}

function mailto(address: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(address) ? address : `mailto:${address}`;
}

/**
 * Canonical DMARC text, written so both receiver generations read the same policy:
 * - v, then p second: RFC 9989 §4.7 allows any order after v, RFC 7489 §6.3 requires p right after v.
 * - sp, adkim, aspf, fo, rua, ruf: read alike by both (RFC 9989 §4.7; RFC 7489 §6.3).
 * - np (RFC 9989 §4.7, from RFC 9091): RFC 7489 receivers ignore it and apply sp, else p, to non-existent
 *   subdomains, so np never makes a 7489 receiver enforce more than sp/p says.
 * - never pct, rf or ri (removed, RFC 9989 Appendix C.5.2: 9989 receivers ignore them, 7489 receivers act on
 *   them), never a `!size` on a URI (obsolete, §4.8), and never t=y: RFC 7489 receivers ignore t and would
 *   enforce p in full while RFC 9989 receivers apply one level below. A testing stage is therefore written
 *   as the lower policy itself (p=none while monitoring, p=quarantine before reject), which both read alike.
 * - psd is left out: only a Public Suffix Operator publishes psd=y, and the default u is right for a zone.
 */
export function buildDmarc(spec: DmarcSpec): string {
  const parts: [string, string | undefined][] = [
    ["v", "DMARC1"],
    ["p", spec.p],
    ["sp", spec.sp],
    ["np", spec.np],
    ["adkim", spec.adkim],
    ["aspf", spec.aspf],
    ["fo", spec.fo],
    ["rua", spec.rua?.length ? spec.rua.map(mailto).join(",") : undefined],
    ["ruf", spec.ruf?.length ? spec.ruf.map(mailto).join(",") : undefined],
  ];
  return parts
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");
}

// ---- Organizational Domain and report authorization ------------------------------------------------

/**
 * Plan time cannot query DNS, so the tree walk (RFC 9989 §4.10) is answered from a table: a registered
 * name (one label below a public suffix: two labels, or three under these suffixes) is assumed to publish a
 * DMARC record and nothing above or below it is, unless `declared` answers for the name (the stack's own
 * `_dmarc` records). The live verifier walks real DNS with the same algorithm (dmarc-tree-walk.ts).
 */
export const MULTI_LABEL_PUBLIC_SUFFIXES: readonly string[] = [
  "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk",
  "com.au", "net.au", "org.au", "edu.au", "gov.au",
  "co.nz", "org.nz", "net.nz",
  "co.jp", "ne.jp", "or.jp",
  "com.br", "net.br", "co.za", "com.cn", "com.mx", "co.in", "com.sg", "com.hk", "co.kr", "com.tr", "co.il", "com.tw",
];

/** TXT values at `_dmarc.<name>` the stack declares, or undefined where it declares nothing there. */
export type DeclaredDmarc = (name: string) => readonly string[] | undefined;

function assumedRegistered(name: string): boolean {
  const labels = name.split(".");
  return labels.length === (MULTI_LABEL_PUBLIC_SUFFIXES.includes(labels.slice(-2).join(".")) ? 3 : 2);
}

/** The plan-time answer to a tree-walk query for `_dmarc.<name>`. */
export function assumedDmarcTxt(declared?: DeclaredDmarc): (query: string) => readonly string[] {
  return (query) => {
    const name = query.replace(/^_dmarc\./, "");
    return declared?.(name) ?? (assumedRegistered(name) ? ["v=DMARC1"] : []);
  };
}

/** The Organizational Domain (RFC 9989 §4.10.2) by the tree walk over the plan-time table and declared records. */
export function organizationalDomain(name: string, declared?: DeclaredDmarc): string {
  return runTreeWalk(organizationalDomainWalk(name), assumedDmarcTxt(declared)).organizationalDomain;
}

/**
 * Domains receiving this record's reports whose Organizational Domain differs from `domain`'s, each once:
 * receivers verify those before sending (RFC 9990, Verifying External Destinations). `orgOf` defaults to
 * the plan-time walk; the verifier passes the live one's answers.
 */
export function externalReportDestinations(domain: string, record: string | DmarcRecord, orgOf: (name: string) => string = (n) => organizationalDomain(n)): string[] {
  const parsed = typeof record === "string" ? parseDmarc(record) : record;
  const own = orgOf(domain);
  const destinations = [...parsed.rua, ...parsed.ruf].map((u) => u.domain).filter((d): d is string => d !== undefined);
  return [...new Set(destinations)].filter((d) => orgOf(d) !== own);
}

/** Where a report destination authorizes reports about `domain`: the policy's domain, `_report._dmarc`, the destination host. */
export function reportAuthorizationName(domain: string, destinationDomain: string): string {
  return `${domain.toLowerCase().replace(/\.$/, "")}._report._dmarc.${destinationDomain.toLowerCase().replace(/\.$/, "")}`;
}

/** TXT values at a report authorization name: one must start with v=DMARC1, or the reports are never sent (RFC 9990, Verifying External Destinations). */
export function checkReportAuthorization(records: readonly string[], authorizationName?: string): Finding[] {
  if (records.some(isDmarcRecord)) return [];
  const at = authorizationName ?? "the report authorization name";
  return [
    error(
      `no TXT record at ${at} starts with v=DMARC1, so receivers never send reports to that destination`,
      "RFC 9990, Verifying External Destinations",
      `have the destination's owner publish TXT "v=DMARC1" at ${at}`,
    ),
  ];
}
