/**
 * SPF (RFC 7208): parse a `v=spf1` record into terms, check it, count its DNS lookups and build canonical text.
 * Plan time counts includes from a table of assumed costs; the live verifier counts for real with
 * countSpfLookups, over the same parser.
 */
import { isIPv4, isIPv6 } from "node:net";
import { Finding } from "./finding";
import { checkSpfNetworkWidths } from "./spf-networks";

export type SpfQualifier = "+" | "-" | "~" | "?";
export type SpfMechanismName = "all" | "include" | "a" | "mx" | "ptr" | "ip4" | "ip6" | "exists";

export interface SpfMechanism {
  kind: "mechanism";
  /** The term as written. */
  text: string;
  /** `+` when none is written (RFC 7208 §4.6.2). */
  qualifier: SpfQualifier;
  qualifierWritten: boolean;
  mechanism: SpfMechanismName;
  /** Domain-spec (include, a, mx, ptr, exists) or network (ip4, ip6), without CIDR lengths. */
  value?: string;
  /** CIDR lengths as written, e.g. "/24" or "/24//64". */
  cidr?: string;
}

export interface SpfModifier {
  kind: "modifier";
  text: string;
  /** Lower-case name: redirect, exp, or an unknown modifier. */
  name: string;
  value: string;
}

export type SpfTerm = SpfMechanism | SpfModifier;

export interface SpfRecord {
  text: string;
  terms: SpfTerm[];
  /** Syntax errors; any of them makes evaluation a PermError. */
  problems: Finding[];
}

export interface SpfCheckOptions {
  /** Accept `~all` (softfail) while the domain is still being validated; `-all` is the launch gate. */
  allowSoftFail?: boolean;
  /** Nested cost of each include; defaults to KNOWN_INCLUDE_LOOKUPS. */
  includeCost?: IncludeCostResolver;
}

/** RFC 7208 §4.6.4: DNS-querying terms per evaluation, void lookups, and address lookups per `mx`. */
export const SPF_LOOKUP_LIMIT = 10;
export const SPF_VOID_LOOKUP_LIMIT = 2;
export const SPF_MX_HOST_LIMIT = 10;
/** RFC 7208 §3.4: keep records small enough to fit a 512-byte UDP answer. */
export const SPF_ADVISED_BYTES = 450;
export const SPF_MAX_BYTES = 512;

const LOOKUP_MECHANISMS: ReadonlySet<string> = new Set(["include", "a", "mx", "ptr", "exists"]);
const FIX_ALL = "end the record with -all (or ~all while validating)";

/** True when a TXT value is an SPF record: exactly `v=spf1` then a space or the end (RFC 7208 §4.5). */
export function isSpfRecord(text: string): boolean {
  return /^v=spf1( |$)/i.test(text);
}

function error(message: string, ref: string, fix: string): Finding {
  return { message, ref, fix, severity: "error" };
}

function warning(message: string, ref: string, fix: string): Finding {
  return { message, ref, fix, severity: "warning" };
}

/** Why a macro-string is malformed, or undefined (RFC 7208 §7.1); c, r and t are only for exp text. */
function macroProblem(spec: string): string | undefined {
  for (let i = 0; i < spec.length; i++) {
    const ch = spec[i];
    if (ch === "%") {
      const next = spec[i + 1];
      if (next === "%" || next === "_" || next === "-") {
        i++;
        continue;
      }
      if (next !== "{") return `"%" must start %{...}, %%, %_ or %-`;
      const close = spec.indexOf("}", i);
      if (close < 0) return "a %{ is never closed";
      const body = spec.slice(i + 2, close);
      if (!/^[slodiphv]\d*r?[.\-+,/_=]*$/i.test(body)) return `%{${body}} is not a valid macro`;
      i = close;
      continue;
    }
    const code = ch.charCodeAt(0);
    if (code < 0x21 || code > 0x7e) return `${JSON.stringify(ch)} is not a visible ASCII character`;
  }
  return undefined;
}

interface SpecProblem {
  /** Completes `SPF term "<term>" ...`. */
  what: string;
  ref: string;
  fix: string;
}

const MACRO_FIX = "use %{s}, %{l}, %{o}, %{d}, %{i}, %{p}, %{h} or %{v} and write a literal % as %%";

function macroStringProblem(spec: string): SpecProblem | undefined {
  const macro = macroProblem(spec);
  return macro ? { what: `has a malformed macro: ${macro}`, ref: "RFC 7208 §7.1", fix: MACRO_FIX } : undefined;
}

/** RFC 7208 §7.1 toplabel: alphanumerics with at least one letter, or alphanumerics around inner hyphens (xn--zckzah). */
const TOPLABEL = /^(?:[a-z0-9]*[a-z][a-z0-9]*|[a-z0-9]+-[a-z0-9-]*[a-z0-9])$/i;

/** Why a domain-spec is invalid, or undefined: a macro-string ending in a macro or in `.toplabel` (RFC 7208 §7.1). */
function domainSpecProblem(spec: string): SpecProblem | undefined {
  const macro = macroStringProblem(spec);
  if (macro) return macro;
  if (/%\{[^}]*\}$/.test(spec)) return undefined;
  const labels = spec.replace(/\.$/, "").split(".");
  const top = labels[labels.length - 1];
  const valid = labels.length >= 2 && labels.every((l) => l !== "") && TOPLABEL.test(top);
  return valid ? undefined : { what: "needs a fully qualified domain name", ref: "RFC 7208 §4.8", fix: "write the full domain, e.g. include:_spf.example.com" };
}

export function hasMacro(spec: string): boolean {
  return spec.includes("%");
}

function parseMechanism(text: string): SpfMechanism | Finding {
  const m = /^([+\-~?]?)([a-z0-9]+)(.*)$/i.exec(text);
  if (!m) return error(`SPF term "${text}" is not a known mechanism or modifier`, "RFC 7208 §4.6.1", "remove it or correct the spelling");
  const qualifier = (m[1] || "+") as SpfQualifier;
  const name = m[2].toLowerCase();
  const rest = m[3];
  const base = { kind: "mechanism" as const, text, qualifier, qualifierWritten: m[1] !== "" };
  const bad = (why: string) => error(`SPF term "${text}" ${why}`, "RFC 7208 §5", "correct the term or remove it");
  const domain = (spec: string): Finding | undefined => {
    const problem = domainSpecProblem(spec);
    return problem && error(`SPF term "${text}" ${problem.what}`, problem.ref, problem.fix);
  };
  switch (name) {
    case "all":
      return rest === "" ? { ...base, mechanism: "all" } : bad("takes no argument");
    case "include":
    case "exists": {
      if (!rest.startsWith(":") || rest.length === 1) return bad(`needs a domain: ${name}:<domain>`);
      return domain(rest.slice(1)) ?? { ...base, mechanism: name, value: rest.slice(1) };
    }
    case "a":
    case "mx":
    case "ptr": {
      // A domain-spec may hold any visible character but "%" outside macros, ":" and "/" included (RFC 7208 §7.1),
      // so the dual-cidr-length is taken from the end of the term, never at the first "/".
      const cidrPattern = name === "ptr" ? "()" : "((?:/(?:0|[1-9]\\d?))?(?://(?:0|[1-9]\\d{0,2}))?)";
      const parts = new RegExp(`^(?::(.+?))?${cidrPattern}$`).exec(rest);
      if (!parts) return bad(`is malformed: ${name}[:<domain>]${name === "ptr" ? "" : "[/<ip4-cidr>][//<ip6-cidr>]"}`);
      const cidr = parts[2] || undefined;
      const [v4, v6] = (cidr ?? "").split("//");
      if ((v4 && Number(v4.slice(1)) > 32) || (v6 && Number(v6) > 128)) return bad("has a CIDR length out of range");
      if (parts[1] !== undefined) {
        const problem = domain(parts[1]);
        if (problem) return problem;
      }
      return { ...base, mechanism: name, value: parts[1], cidr };
    }
    case "ip4":
    case "ip6": {
      const parts = /^:([^/]+)(?:\/(0|[1-9]\d{0,2}))?$/.exec(rest);
      const max = name === "ip4" ? 32 : 128;
      const valid = parts && (name === "ip4" ? isIPv4(parts[1]) : isIPv6(parts[1])) && (parts[2] === undefined || Number(parts[2]) <= max);
      if (!valid) {
        return error(`SPF term "${text}" is not a valid ${name === "ip4" ? "IPv4" : "IPv6"} network`, "RFC 7208 §5.6", `write ${name}:<address>[/<0-${max}>]`);
      }
      return { ...base, mechanism: name, value: parts[1], cidr: parts[2] === undefined ? undefined : `/${parts[2]}` };
    }
    default:
      return error(`SPF term "${text}" is not a known mechanism or modifier`, "RFC 7208 §4.6.1", "remove it or correct the spelling");
  }
}

/** Parses the terms after `v=spf1`; malformed terms become problems and are left out of `terms`. */
export function parseSpf(text: string): SpfRecord {
  const problems: Finding[] = [];
  if (!isSpfRecord(text)) {
    problems.push(error(`record does not start with "v=spf1"`, "RFC 7208 §4.5", 'start the record with "v=spf1 "'));
    return { text, terms: [], problems };
  }
  const terms: SpfTerm[] = [];
  for (const raw of text.slice(6).split(" ").filter((t) => t !== "")) {
    const modifier = /^([a-z][a-z0-9\-_.]*)=(.*)$/i.exec(raw);
    if (modifier) {
      const name = modifier[1].toLowerCase();
      const value = modifier[2];
      const problem = name === "redirect" || name === "exp" ? domainSpecProblem(value) : macroStringProblem(value);
      if (problem) {
        problems.push(error(`SPF term "${raw}" ${problem.what}`, problem.ref, problem.fix));
        continue;
      }
      terms.push({ kind: "modifier", text: raw, name, value });
      continue;
    }
    const parsed = parseMechanism(raw);
    if ("kind" in parsed) terms.push(parsed);
    else problems.push(parsed);
  }
  return { text, terms, problems };
}

export function mechanisms(record: SpfRecord): SpfMechanism[] {
  return record.terms.filter((t): t is SpfMechanism => t.kind === "mechanism");
}

export function modifier(record: SpfRecord, name: string): SpfModifier | undefined {
  return record.terms.find((t): t is SpfModifier => t.kind === "modifier" && t.name === name);
}

/** Every TXT value at a name (strings joined per record): RFC 7208 §4.5 allows exactly one SPF record. */
export function checkSpfRecordSet(records: readonly string[]): Finding[] {
  const spf = records.filter(isSpfRecord);
  if (spf.length === 1) return [];
  if (spf.length === 0) {
    return [error("no TXT record at the name starts with v=spf1", "RFC 7208 §4.5", "publish exactly one SPF record, e.g. v=spf1 -all for a name that sends no mail")];
  }
  return [error(`${spf.length} TXT records at the name start with v=spf1; more than one is a PermError`, "RFC 7208 §4.5", "merge them into a single SPF record")];
}

// ---- Lookup counting ------------------------------------------------------------------------------

/** An include's total cost in lookups (the include itself plus everything nested), and when that was true. */
export interface IncludeCost {
  lookups: number;
  assumedOn?: string;
}

export type IncludeCostResolver = (domain: string) => IncludeCost | undefined;

export interface KnownInclude extends IncludeCost {
  assumedOn: string;
  /** The record chain the figure comes from. */
  basis: string;
}

/**
 * Assumed total lookups of common provider includes. Providers change these records, so a plan states the
 * figures it assumed and the live verifier recounts. Where sources disagree the higher figure is kept, so a
 * plan-time count errs towards rejecting. Resend is absent: it publishes `include:amazonses.com` on a sending
 * subdomain rather than an include of its own.
 */
export const KNOWN_INCLUDE_LOOKUPS: Readonly<Record<string, KnownInclude>> = {
  "_spf.google.com": { lookups: 4, assumedOn: "2026-11", basis: "include:_netblocks, _netblocks2, _netblocks3 (_netblocks3 reported removed in 2026; 4 kept as the upper bound)" },
  "spf.protection.outlook.com": { lookups: 2, assumedOn: "2026-11", basis: "include:spfd.protection.outlook.com, then ip4/ip6 only" },
  "amazonses.com": { lookups: 1, assumedOn: "2026-11", basis: "ip4 only" },
  "sendgrid.net": { lookups: 1, assumedOn: "2026-11", basis: "ip4 only" },
  "mailgun.org": { lookups: 5, assumedOn: "2026-11", basis: "include:_spf.mailgun.org (include:_spf1, _spf2), include:_spf.eu.mailgun.org" },
  "spf.mtasv.net": { lookups: 1, assumedOn: "2026-11", basis: "Postmark: ip4 only" },
};

function normalizeDomain(domain: string): string {
  return domain.toLowerCase().replace(/\.$/, "");
}

/** The default resolver: KNOWN_INCLUDE_LOOKUPS, case-insensitive, trailing dot ignored. */
export const knownIncludeCost: IncludeCostResolver = (domain) => KNOWN_INCLUDE_LOOKUPS[normalizeDomain(domain)];

export interface SpfTermCost {
  /** The term as written, e.g. "include:_spf.google.com" or "mx". */
  term: string;
  lookups: number;
  /** counted: the term's own lookup; assumed: from the include table; unknown: an include counted as 1. */
  basis: "counted" | "assumed" | "unknown";
  assumedOn?: string;
}

export interface SpfLookupCount {
  count: number;
  terms: SpfTermCost[];
  /** The assumed figures the count relied on, for the plan to state. */
  assumed: { domain: string; lookups: number; assumedOn?: string }[];
  /** Includes (and redirects) whose nested cost is unknown, each counted as 1. */
  unknown: string[];
}

/**
 * Plan-time lookup count (RFC 7208 §4.6.4): one per include, a, mx, ptr, exists and (when no `all` ends
 * the record, §6.1) redirect, with includes and redirects costed by `includeCost`.
 */
export function spfLookupCount(record: string | SpfRecord, includeCost: IncludeCostResolver = knownIncludeCost): SpfLookupCount {
  const parsed = typeof record === "string" ? parseSpf(record) : record;
  const result: SpfLookupCount = { count: 0, terms: [], assumed: [], unknown: [] };
  const hasAll = mechanisms(parsed).some((m) => m.mechanism === "all");
  for (const term of parsed.terms) {
    const target = term.kind === "mechanism" ? (term.mechanism === "include" ? term.value : undefined) : term.name === "redirect" && !hasAll ? term.value : undefined;
    if (target !== undefined) {
      const cost = hasMacro(target) ? undefined : includeCost(target);
      if (cost) {
        result.terms.push({ term: term.text, lookups: cost.lookups, basis: "assumed", assumedOn: cost.assumedOn });
        result.assumed.push({ domain: normalizeDomain(target), lookups: cost.lookups, assumedOn: cost.assumedOn });
      } else {
        result.terms.push({ term: term.text, lookups: 1, basis: "unknown" });
        result.unknown.push(target);
      }
    } else if (term.kind === "mechanism" && LOOKUP_MECHANISMS.has(term.mechanism)) {
      result.terms.push({ term: term.text, lookups: 1, basis: "counted" });
    }
  }
  result.count = result.terms.reduce((sum, t) => sum + t.lookups, 0);
  return result;
}

function describeCosts(terms: readonly { term: string; lookups: number; basis?: string; assumedOn?: string }[]): string {
  return terms
    .map((t) => `${t.term}=${t.lookups}${t.basis === "assumed" ? ` assumed${t.assumedOn ? ` ${t.assumedOn}` : ""}` : t.basis === "unknown" ? " unknown" : ""}`)
    .join(", ");
}

const FIX_LOOKUPS = "remove includes you no longer send through, replace a/mx with ip4/ip6, or move a sender to its own subdomain";

// ---- Record checks --------------------------------------------------------------------------------

/** Every rule for one SPF record's text; the record set is checked separately with checkSpfRecordSet. */
export function checkSpf(text: string, options: SpfCheckOptions = {}): Finding[] {
  const record = parseSpf(text);
  if (!isSpfRecord(text)) return record.problems;
  const findings = [...record.problems];
  const mechs = mechanisms(record);
  const allIndex = record.terms.findIndex((t) => t.kind === "mechanism" && t.mechanism === "all");
  const redirect = modifier(record, "redirect");

  for (const name of ["redirect", "exp"]) {
    const count = record.terms.filter((t) => t.kind === "modifier" && t.name === name).length;
    if (count > 1) findings.push(error(`SPF has ${name}= ${count} times; each may appear at most once`, "RFC 7208 §6", `keep a single ${name}=`));
  }
  for (const t of record.terms) {
    if (t.kind === "modifier" && t.name !== "redirect" && t.name !== "exp") {
      findings.push(warning(`SPF modifier "${t.text}" is not defined and receivers ignore it`, "RFC 7208 §6", "remove it or correct the spelling (redirect= or exp=)"));
    }
  }

  if (allIndex < 0) {
    if (!redirect) {
      findings.push(error("SPF has neither all nor redirect=, so unmatched senders get neutral, the same as ?all", "RFC 7208 §4.7", FIX_ALL));
    }
  } else {
    const all = record.terms[allIndex] as SpfMechanism;
    if (all.qualifier === "+") {
      findings.push(
        error(
          all.qualifierWritten
            ? "SPF ends in +all, which authorizes every host on the Internet to send as this domain"
            : "SPF ends in all with no qualifier, which means +all and authorizes every host on the Internet",
          "RFC 7208 §5.1",
          FIX_ALL,
        ),
      );
    } else if (all.qualifier === "?") {
      findings.push(error("SPF ends in ?all (neutral), which gives receivers no policy to enforce", "RFC 7208 §8.2", FIX_ALL));
    } else if (all.qualifier === "~" && !options.allowSoftFail) {
      findings.push(error("SPF ends in ~all (softfail); the launch gate is -all", "RFC 7208 §8.4", "switch to -all once every sender passes SPF"));
    }
    const after = record.terms.slice(allIndex + 1).filter((t) => t.kind === "mechanism");
    if (after.length > 0) {
      findings.push(error(`SPF has mechanisms after all (${after.map((t) => t.text).join(" ")}), which are never evaluated`, "RFC 7208 §5.1", "move them before all or remove them"));
    }
    if (redirect) {
      findings.push(warning(`SPF has both all and ${redirect.text}; redirect= is ignored when all is present`, "RFC 7208 §6.1", "remove all or the redirect="));
    }
  }

  for (const m of mechs.filter((m) => m.mechanism === "ptr")) {
    findings.push(error(`SPF uses "${m.text}", which is slow, unreliable and should not be used`, "RFC 7208 §5.5", "replace ptr with ip4/ip6 or include terms"));
  }

  findings.push(...checkSpfNetworkWidths(record));

  const count = spfLookupCount(record, options.includeCost);
  if (count.count > SPF_LOOKUP_LIMIT) {
    findings.push(error(`SPF needs ${count.count} DNS lookups; the limit is ${SPF_LOOKUP_LIMIT} (${describeCosts(count.terms)})`, "RFC 7208 §4.6.4", FIX_LOOKUPS));
  }
  for (const target of count.unknown) {
    findings.push(
      warning(
        `${hasMacro(target) ? `SPF include ${target} uses a macro, so` : `include:${target} is not in the known-include table, so`} it is counted as 1 DNS lookup and its nested lookups are unknown`,
        "RFC 7208 §4.6.4",
        "check the provider's SPF record and confirm the total stays within 10 (the live verifier counts for real)",
      ),
    );
  }

  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > SPF_MAX_BYTES) {
    findings.push(error(`SPF record is ${bytes} bytes; the limit is ${SPF_MAX_BYTES}`, "RFC 7208 §3.4", "shorten it: fewer ip4/ip6 terms, or delegate to an include"));
  } else if (bytes > SPF_ADVISED_BYTES) {
    findings.push(warning(`SPF record is ${bytes} bytes; keep it within ${SPF_ADVISED_BYTES}`, "RFC 7208 §3.4", "shorten it: fewer ip4/ip6 terms, or delegate to an include"));
  }
  return findings;
}

// ---- Builder --------------------------------------------------------------------------------------

export interface SpfSpec {
  /** Provider include domains, e.g. "_spf.google.com". */
  includes?: readonly string[];
  ip4?: readonly string[];
  ip6?: readonly string[];
  /** true: `a` (the name's own addresses); a list: `a:<host>` per entry. */
  a?: boolean | readonly string[];
  mx?: boolean | readonly string[];
  all: "-all" | "~all";
}

/**
 * Canonical SPF text: ip4, ip6, a, mx, include (each list in the given order, duplicates dropped), then all.
 * Address terms come first because they cost no lookups and match without DNS.
 */
export function buildSpf(spec: SpfSpec): string {
  const unique = (values: readonly string[] | undefined) => (values ?? []).filter((v, i, all) => all.findIndex((o) => o.toLowerCase() === v.toLowerCase()) === i);
  const hosts = (name: string, value: boolean | readonly string[] | undefined) =>
    value === true ? [name] : value ? unique(value).map((h) => `${name}:${h}`) : [];
  return [
    "v=spf1",
    ...unique(spec.ip4).map((n) => `ip4:${n}`),
    ...unique(spec.ip6).map((n) => `ip6:${n}`),
    ...hosts("a", spec.a),
    ...hosts("mx", spec.mx),
    ...unique(spec.includes).map((d) => `include:${d}`),
    spec.all,
  ].join(" ");
}

// ---- Live counting --------------------------------------------------------------------------------

/** DNS access for the live verifier. Each method returns [] for NXDOMAIN or no data, and throws on SERVFAIL or timeout. */
export interface SpfDnsResolver {
  /** TXT records at a name, each record's strings already joined. */
  resolveTxt(name: string): Promise<string[]>;
  /** MX exchange hosts at a name; without it `mx` terms are counted but their hosts are not. */
  resolveMx?(name: string): Promise<string[]>;
  /** A and AAAA addresses at a name; without it `a` and `exists` cannot be checked for void lookups. */
  resolveAddresses?(name: string): Promise<string[]>;
}

export interface SpfLiveCount {
  domain: string;
  lookups: number;
  voidLookups: number;
  /** Each top-level DNS-querying term with the lookups it caused, nested ones included. */
  terms: { term: string; lookups: number }[];
  /** Limit and evaluation problems only; run checkSpf on the domain's own record for the other rules. */
  findings: Finding[];
}

/** Stops a pathological include fan-out; real evaluators stop at 10. */
const LIVE_WALK_CAP = 100;

/**
 * Counts an SPF evaluation's DNS lookups for real (RFC 7208 §4.6.4), following include and redirect
 * recursively, with the same parser as plan time. Counts void lookups and detects include loops.
 */
export async function countSpfLookups(domain: string, resolver: SpfDnsResolver): Promise<SpfLiveCount> {
  const result: SpfLiveCount = { domain, lookups: 0, voidLookups: 0, terms: [], findings: [] };
  const fail = (f: Finding) => result.findings.push(f);
  let walked = 0;
  const query = async <T>(what: string, run: () => Promise<T[]>): Promise<T[] | undefined> => {
    try {
      return await run();
    } catch (e) {
      fail(error(`DNS lookup for ${what} failed (${e instanceof Error ? e.message : String(e)}), so SPF evaluation is a TempError`, "RFC 7208 §4.4", "retry; if it persists, fix the name's DNS"));
      return undefined;
    }
  };
  const addressCheck = async (name: string) => {
    if (!resolver.resolveAddresses || hasMacro(name)) return;
    const addresses = await query(`${name} A/AAAA`, () => resolver.resolveAddresses!(name));
    if (addresses && addresses.length === 0) result.voidLookups++;
  };

  /** Lookups caused by evaluating the record at `name`, excluding the query for that record itself. */
  const evaluate = async (name: string, chain: readonly string[]): Promise<number> => {
    const nested = chain.length > 0;
    const records = await query(`${name} TXT`, () => resolver.resolveTxt(name));
    if (!records) return 0;
    if (records.length === 0 && nested) result.voidLookups++;
    const spf = records.filter(isSpfRecord);
    if (spf.length === 0) {
      fail(
        nested
          ? error(`${chain[chain.length - 1]} references ${name}, which has no SPF record, so SPF evaluation is a PermError`, "RFC 7208 §5.2", `remove the reference to ${name} or ask its owner to publish SPF`)
          : error(`${name} has no SPF record, so receivers get SPF result none`, "RFC 7208 §4.5", "publish exactly one SPF record"),
      );
      return 0;
    }
    if (spf.length > 1) {
      fail(error(`${name} has ${spf.length} SPF records, so SPF evaluation is a PermError`, "RFC 7208 §4.5", `merge the records at ${name} into one`));
      return 0;
    }
    const record = parseSpf(spf[0]);
    if (nested) {
      for (const p of record.problems) fail({ ...p, message: `${name}: ${p.message}` });
    }
    const hasAll = mechanisms(record).some((m) => m.mechanism === "all");
    let used = 0;
    for (const term of record.terms) {
      const target = term.kind === "modifier" ? (term.name === "redirect" && !hasAll ? term.value : undefined) : term.mechanism === "include" ? term.value : undefined;
      const counts = target !== undefined || (term.kind === "mechanism" && LOOKUP_MECHANISMS.has(term.mechanism));
      if (!counts) continue;
      if (walked >= LIVE_WALK_CAP) break;
      walked++;
      let cost = 1;
      if (target !== undefined) cost += await follow(name, target, chain);
      else if (term.kind === "mechanism" && (term.mechanism === "a" || term.mechanism === "exists")) await addressCheck(term.value ?? name);
      else if (term.kind === "mechanism" && term.mechanism === "mx") await mxCheck(term.value ?? name);
      if (!nested) result.terms.push({ term: term.text, lookups: cost });
      used += cost;
    }
    return used;
  };

  const follow = async (from: string, target: string, chain: readonly string[]): Promise<number> => {
    if (hasMacro(target)) {
      fail(warning(`${from} references ${target}, which uses a macro, so its lookups cannot be counted ahead of a message`, "RFC 7208 §7", "confirm the expanded name's SPF stays within the limit"));
      return 0;
    }
    const path = [...chain, from];
    const key = normalizeDomain(target);
    if (path.some((n) => normalizeDomain(n) === key)) {
      fail(error(`SPF include loop: ${[...path, target].join(" -> ")}`, "RFC 7208 §4.6.4", `remove the include of ${target} from ${from}`));
      return 0;
    }
    return evaluate(target, path);
  };

  const mxCheck = async (name: string) => {
    if (!resolver.resolveMx || hasMacro(name)) return;
    const hosts = await query(`${name} MX`, () => resolver.resolveMx!(name));
    if (!hosts) return;
    if (hosts.length === 0) result.voidLookups++;
    if (hosts.length > SPF_MX_HOST_LIMIT) {
      fail(error(`mx:${name} has ${hosts.length} MX hosts; an mx term may look up at most ${SPF_MX_HOST_LIMIT}`, "RFC 7208 §4.6.4", "use ip4/ip6 terms for the sending hosts instead of mx"));
    }
  };

  result.lookups = await evaluate(domain, []);
  if (result.lookups > SPF_LOOKUP_LIMIT) {
    const atLeast = walked >= LIVE_WALK_CAP ? "at least " : "";
    fail(error(`SPF for ${domain} needs ${atLeast}${result.lookups} DNS lookups; the limit is ${SPF_LOOKUP_LIMIT} (${describeCosts(result.terms)})`, "RFC 7208 §4.6.4", FIX_LOOKUPS));
  }
  if (result.voidLookups > SPF_VOID_LOOKUP_LIMIT) {
    fail(error(`SPF for ${domain} makes ${result.voidLookups} void DNS lookups; the limit is ${SPF_VOID_LOOKUP_LIMIT}`, "RFC 7208 §4.6.4", "remove terms that point at names with no records"));
  }
  return result;
}
