/**
 * DMARC (RFC 7489): parse and check the record at `_dmarc.<domain>`, build canonical text, and find report
 * destinations in other organizational domains, which must authorize the reports (§7.1) or never get them.
 */
import { Finding } from "./finding";
import { Tag, duplicateTagNames, parseTagList } from "./tag-list";

export type DmarcPolicy = "none" | "quarantine" | "reject";
export type DmarcEnvironment = "prod" | "staging";

export interface DmarcUri {
  /** The URI as written, without a size limit. */
  uri: string;
  /** `!<size>` suffix, e.g. "10m" (RFC 7489 §6.2). */
  sizeLimit?: string;
  scheme: string;
  /** Lower-case domain of a mailto: address. */
  domain?: string;
}

export interface DmarcRecord {
  text: string;
  /** Tags in written order, names lower-cased. */
  tags: Tag[];
  p?: string;
  sp?: string;
  np?: string;
  rua: DmarcUri[];
  ruf: DmarcUri[];
  problems: Finding[];
}

export interface DmarcCheckOptions {
  /** prod: p=none is an error (the launch gate); staging: a warning. */
  environment: DmarcEnvironment;
}

const POLICIES: readonly string[] = ["none", "quarantine", "reject"];
/** RFC 7489 §6.3, np from RFC 9091 §4.1, t and psd from DMARCbis. */
const KNOWN_TAGS: readonly string[] = ["v", "p", "sp", "np", "adkim", "aspf", "fo", "pct", "rf", "ri", "rua", "ruf", "t", "psd"];
/** Receivers must support two report URIs per tag and may ignore the rest (RFC 7489 §6.2). */
export const DMARC_MAX_REPORT_URIS = 2;

function error(message: string, ref: string, fix: string): Finding {
  return { message, ref, fix, severity: "error" };
}

function warning(message: string, ref: string, fix: string): Finding {
  return { message, ref, fix, severity: "warning" };
}

/** True when a TXT value is a DMARC record: `v=DMARC1` as the first tag (RFC 7489 §6.6.3). */
export function isDmarcRecord(text: string): boolean {
  return /^v\s*=\s*DMARC1\s*(;|$)/.test(text);
}

function parseUris(value: string): DmarcUri[] {
  return value
    .split(",")
    .map((u) => u.trim())
    .filter((u) => u !== "")
    .map((raw) => {
      const m = /^(.*?)(?:!(\d+[kmgt]?))?$/i.exec(raw)!;
      const uri = m[1];
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1].toLowerCase() ?? "";
      const address = scheme === "mailto" ? /^mailto:([^?]*)/i.exec(uri)![1] : undefined;
      const at = address?.lastIndexOf("@") ?? -1;
      const domain = address && at > 0 ? address.slice(at + 1).toLowerCase() : undefined;
      return { uri, sizeLimit: m[2], scheme, domain };
    });
}

export function parseDmarc(text: string): DmarcRecord {
  const list = parseTagList(text);
  const tags = list.tags.map((t) => ({ name: t.name.toLowerCase(), value: t.value }));
  const first = (name: string) => tags.find((t) => t.name === name)?.value;
  const problems = list.problems.map((p) => error(`DMARC record is malformed: ${p}`, "RFC 7489 §6.4", "write tags as tag=value separated by ;"));
  return {
    text,
    tags,
    p: first("p"),
    sp: first("sp"),
    np: first("np"),
    rua: parseUris(first("rua") ?? ""),
    ruf: parseUris(first("ruf") ?? ""),
    problems,
  };
}

/** Every rule for one DMARC record's text; the record set is checked separately with checkDmarcRecordSet. */
export function checkDmarc(text: string, options: DmarcCheckOptions): Finding[] {
  const record = parseDmarc(text);
  const findings = [...record.problems];
  const { tags } = record;
  const value = (name: string) => tags.find((t) => t.name === name)?.value;

  if (tags[0]?.name !== "v") {
    findings.push(error("DMARC record must start with v=DMARC1", "RFC 7489 §6.4", "put v=DMARC1 first"));
  } else if (tags[0].value !== "DMARC1") {
    findings.push(error(`DMARC version is "${tags[0].value}"; it must be exactly DMARC1`, "RFC 7489 §6.4", "write v=DMARC1"));
  }
  for (const name of duplicateTagNames(tags)) {
    findings.push(error(`DMARC tag ${name}= appears more than once`, "RFC 7489 §6.4", `keep a single ${name}=`));
  }
  for (const t of tags) {
    if (!KNOWN_TAGS.includes(t.name)) {
      findings.push(warning(`DMARC tag ${t.name}= is not defined and receivers ignore it`, "RFC 7489 §6.3", "remove it or correct the spelling"));
    }
  }

  const pIndex = tags.findIndex((t) => t.name === "p");
  if (pIndex < 0) {
    findings.push(error("DMARC record has no p= tag", "RFC 7489 §6.3", "add p=quarantine or p=reject right after v=DMARC1"));
  } else if (pIndex !== 1) {
    findings.push(error(`DMARC p= must come right after v=DMARC1; it is tag ${pIndex + 1}`, "RFC 7489 §6.4", "move p= to directly follow v=DMARC1"));
  }

  const policyTags = [
    { name: "p", ref: "RFC 7489 §6.3", what: "domain" },
    { name: "sp", ref: "RFC 7489 §6.3", what: "subdomain" },
    { name: "np", ref: "RFC 9091 §4.1", what: "non-existent subdomain" },
  ];
  for (const { name, ref, what } of policyTags) {
    const v = value(name);
    if (v === undefined) continue;
    const policy = v.toLowerCase();
    if (!POLICIES.includes(policy)) {
      findings.push(error(`DMARC ${name}=${v} is not none, quarantine or reject`, ref, `set ${name}=quarantine or ${name}=reject`));
    } else if (policy === "none") {
      findings.push(
        options.environment === "prod"
          ? error(`DMARC ${name}=none only monitors ${what} mail; the launch gate is quarantine or reject`, `${ref}; launch checklist`, `set ${name}=quarantine or ${name}=reject once aggregate reports show every sender aligned`)
          : warning(`DMARC ${name}=none only monitors ${what} mail; production needs quarantine or reject`, `${ref}; launch checklist`, `move to ${name}=quarantine once aggregate reports show every sender aligned`),
      );
    }
  }

  for (const name of ["adkim", "aspf"]) {
    const v = value(name);
    if (v !== undefined && !["r", "s"].includes(v.toLowerCase())) {
      findings.push(error(`DMARC ${name}=${v} is not r (relaxed) or s (strict)`, "RFC 7489 §6.3", `set ${name}=r or ${name}=s`));
    }
  }
  const fo = value("fo");
  if (fo !== undefined) {
    const bad = fo.split(":").map((o) => o.trim()).filter((o) => !["0", "1", "d", "s"].includes(o.toLowerCase()));
    if (bad.length > 0) {
      findings.push(error(`DMARC fo=${fo} has ${bad.map((b) => `"${b}"`).join(", ")}, not one of 0, 1, d, s`, "RFC 7489 §6.3", "use a colon-separated subset of 0, 1, d, s, e.g. fo=1"));
    }
  }
  const pct = value("pct");
  if (pct !== undefined) {
    if (!/^\d{1,3}$/.test(pct) || Number(pct) > 100) {
      findings.push(error(`DMARC pct=${pct} is not an integer from 0 to 100`, "RFC 7489 §6.3", "set pct=100 or remove it"));
    } else if (Number(pct) < 100 && options.environment === "prod") {
      findings.push(warning(`DMARC pct=${pct} applies the policy to only ${pct}% of failing mail`, "RFC 7489 §6.3", "remove pct (the default is 100) for production"));
    }
  }
  const ri = value("ri");
  if (ri !== undefined && (!/^\d{1,10}$/.test(ri) || Number(ri) > 0xffffffff)) {
    findings.push(error(`DMARC ri=${ri} is not an integer number of seconds`, "RFC 7489 §6.3", "set ri=86400 or remove it"));
  }

  for (const name of ["rua", "ruf"] as const) {
    const uris = record[name];
    if (value(name) !== undefined && uris.length === 0) {
      findings.push(error(`DMARC ${name}= is empty`, "RFC 7489 §6.2", `add a mailto: address or remove ${name}=`));
    }
    if (uris.length > DMARC_MAX_REPORT_URIS) {
      findings.push(error(`DMARC ${name}= lists ${uris.length} addresses; receivers only have to send to ${DMARC_MAX_REPORT_URIS}`, "RFC 7489 §6.2", `keep at most ${DMARC_MAX_REPORT_URIS} ${name} addresses`));
    }
    for (const u of uris) {
      if (u.scheme !== "mailto") {
        findings.push(error(`DMARC ${name} destination ${u.uri} is not a mailto: URI`, "RFC 7489 §6.2", `write ${name}=mailto:<address>`));
      } else if (!u.domain || !/^[^@\s]+@[a-z0-9.-]+\.[a-z0-9-]+$/i.test(u.uri.slice("mailto:".length).split("?")[0])) {
        findings.push(error(`DMARC ${name} destination ${u.uri} is not a valid mailto: address`, "RFC 7489 §6.2", `write ${name}=mailto:<local>@<domain>`));
      }
    }
  }
  return findings;
}

/** Every TXT value at `_dmarc.<domain>`: exactly one must be a DMARC record, or receivers apply no policy (RFC 7489 §6.6.3). */
export function checkDmarcRecordSet(records: readonly string[]): Finding[] {
  const dmarc = records.filter(isDmarcRecord);
  if (dmarc.length === 1) return [];
  if (dmarc.length === 0) {
    return [error("no TXT record at _dmarc starts with v=DMARC1", "RFC 7489 §6.6.3", "publish one DMARC record, e.g. v=DMARC1; p=quarantine; rua=mailto:<address>")];
  }
  return [error(`${dmarc.length} TXT records at _dmarc start with v=DMARC1; receivers then apply no DMARC policy`, "RFC 7489 §6.6.3", "merge them into a single DMARC record")];
}

// ---- Builder --------------------------------------------------------------------------------------

export interface DmarcSpec {
  p: DmarcPolicy;
  sp?: DmarcPolicy;
  np?: DmarcPolicy;
  adkim?: "r" | "s";
  aspf?: "r" | "s";
  pct?: number;
  fo?: string;
  /** Addresses or mailto: URIs; a bare address gets `mailto:`. */
  rua?: readonly string[];
  ruf?: readonly string[];
}

function mailto(address: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(address) ? address : `mailto:${address}`;
}

/** Canonical DMARC text: v, p, sp, np, adkim, aspf, pct, fo, rua, ruf, omitting what is not set. */
export function buildDmarc(spec: DmarcSpec): string {
  const parts: [string, string | number | undefined][] = [
    ["v", "DMARC1"],
    ["p", spec.p],
    ["sp", spec.sp],
    ["np", spec.np],
    ["adkim", spec.adkim],
    ["aspf", spec.aspf],
    ["pct", spec.pct],
    ["fo", spec.fo],
    ["rua", spec.rua?.length ? spec.rua.map(mailto).join(",") : undefined],
    ["ruf", spec.ruf?.length ? spec.ruf.map(mailto).join(",") : undefined],
  ];
  return parts
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");
}

// ---- Report authorization -------------------------------------------------------------------------

/**
 * Suffixes under which registrations sit at the third label. Not the Public Suffix List: names under other
 * multi-label suffixes get a too-short organizational domain, which the live verifier's lookup exposes.
 */
export const MULTI_LABEL_PUBLIC_SUFFIXES: readonly string[] = [
  "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk",
  "com.au", "net.au", "org.au", "edu.au", "gov.au",
  "co.nz", "org.nz", "net.nz",
  "co.jp", "ne.jp", "or.jp",
  "com.br", "net.br", "co.za", "com.cn", "com.mx", "co.in", "com.sg", "com.hk", "co.kr", "com.tr", "co.il", "com.tw",
];

/** The organizational domain (RFC 7489 §3.2): the registered name, i.e. one label below its public suffix. */
export function organizationalDomain(name: string): string {
  const labels = name.toLowerCase().replace(/\.$/, "").split(".");
  const keep = labels.length >= 3 && MULTI_LABEL_PUBLIC_SUFFIXES.includes(labels.slice(-2).join(".")) ? 3 : 2;
  return labels.slice(-keep).join(".");
}

/** Domains receiving this record's reports that lie outside `domain`'s organizational domain, each once. */
export function externalReportDestinations(domain: string, record: string | DmarcRecord): string[] {
  const parsed = typeof record === "string" ? parseDmarc(record) : record;
  const own = organizationalDomain(domain);
  const destinations = [...parsed.rua, ...parsed.ruf].map((u) => u.domain).filter((d): d is string => d !== undefined);
  return [...new Set(destinations)].filter((d) => organizationalDomain(d) !== own);
}

/** Where a report destination authorizes reports about `domain` (RFC 7489 §7.1). */
export function reportAuthorizationName(domain: string, destinationDomain: string): string {
  return `${domain.toLowerCase().replace(/\.$/, "")}._report._dmarc.${destinationDomain.toLowerCase().replace(/\.$/, "")}`;
}

/** TXT values at a report authorization name: one must start with v=DMARC1, or the reports are never sent (RFC 7489 §7.1). */
export function checkReportAuthorization(records: readonly string[], authorizationName?: string): Finding[] {
  if (records.some(isDmarcRecord)) return [];
  const at = authorizationName ?? "the report authorization name";
  return [
    error(
      `no TXT record at ${at} starts with v=DMARC1, so receivers never send reports to that destination`,
      "RFC 7489 §7.1",
      `have the destination's owner publish TXT "v=DMARC1" at ${at}`,
    ),
  ];
}
