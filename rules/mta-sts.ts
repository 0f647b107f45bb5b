/**
 * MTA-STS (RFC 8461): the policy file served at `https://mta-sts.<domain>/.well-known/mta-sts.txt` and the
 * `_mta-sts.<domain>` TXT record whose id must change whenever the policy does, or senders keep the old one.
 */
import { createHash } from "node:crypto";
import { Finding } from "./finding";
import { isHostname } from "./hostnames";
import { duplicateTagNames, parseTagList } from "./tag-list";

export type MtaStsMode = "testing" | "enforce" | "none";

export interface MtaStsPolicySpec {
  mode: MtaStsMode;
  /** MX patterns: hostnames or `*.<domain>` wildcards. */
  mx: readonly string[];
  /** Seconds senders may cache the policy. */
  maxAge: number;
}

export interface MtaStsPolicy {
  text: string;
  /** Every `name: value` line in order, names as written (they are case-sensitive). */
  fields: { name: string; value: string }[];
  version?: string;
  mode?: string;
  mx: string[];
  maxAge?: string;
  problems: Finding[];
}

/** RFC 8461 §3.2: max_age is at most one year; shorter than a day leaves little protection between fetches. */
export const MTA_STS_MAX_AGE = 31557600;
export const MTA_STS_ADVISED_MIN_AGE = 86400;
const MODES: readonly string[] = ["testing", "enforce", "none"];

function error(message: string, ref: string, fix: string): Finding {
  return { message, ref, fix, severity: "error" };
}

function warning(message: string, ref: string, fix: string): Finding {
  return { message, ref, fix, severity: "warning" };
}

export function mtaStsPolicyUrl(domain: string): string {
  return `https://mta-sts.${domain}/.well-known/mta-sts.txt`;
}

/** The exact text/plain body: version, mode, one mx line per pattern, max_age, each line ending in CRLF (RFC 8461 §3.2). */
export function buildMtaStsPolicy(spec: MtaStsPolicySpec): string {
  const lines = ["version: STSv1", `mode: ${spec.mode}`, ...spec.mx.map((m) => `mx: ${m}`), `max_age: ${spec.maxAge}`];
  return lines.map((l) => `${l}\r\n`).join("");
}

export function parseMtaStsPolicy(text: string): MtaStsPolicy {
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  const fields: { name: string; value: string }[] = [];
  const problems: Finding[] = [];
  lines.forEach((line, index) => {
    const m = /^([A-Za-z0-9_.-]+):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (m) fields.push({ name: m[1], value: m[2] });
    else problems.push(error(`MTA-STS policy line ${index + 1} is not "name: value": ${JSON.stringify(line)}`, "RFC 8461 §3.2", "write one field per line, e.g. mode: testing"));
  });
  const first = (name: string) => fields.find((f) => f.name === name)?.value;
  return {
    text,
    fields,
    version: first("version"),
    mode: first("mode"),
    mx: fields.filter((f) => f.name === "mx").map((f) => f.value),
    maxAge: first("max_age"),
    problems,
  };
}

function normalizeHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, "");
}

/** RFC 8461 §4.1: a pattern is a hostname, or `*.` plus a domain, where `*` stands for exactly one label. */
export function mxPatternMatches(pattern: string, host: string): boolean {
  const p = normalizeHost(pattern);
  const h = normalizeHost(host);
  if (!p.startsWith("*.")) return p === h;
  const dot = h.indexOf(".");
  return dot > 0 && h.slice(dot + 1) === p.slice(2);
}

/** Every rule for a policy, and that each of the domain's MX hosts is covered by an `mx:` pattern. */
export function checkMtaStsPolicy(policy: string | MtaStsPolicy, mxHosts: readonly string[]): Finding[] {
  const parsed = typeof policy === "string" ? parseMtaStsPolicy(policy) : policy;
  const findings = [...parsed.problems];
  for (const name of duplicateTagNames(parsed.fields.filter((f) => f.name !== "mx"))) {
    findings.push(error(`MTA-STS policy has ${name}: more than once`, "RFC 8461 §3.2", `keep a single ${name}: line`));
  }
  if (parsed.version !== "STSv1") {
    findings.push(error(parsed.version === undefined ? "MTA-STS policy has no version: line" : `MTA-STS policy version is "${parsed.version}"; it must be STSv1`, "RFC 8461 §3.2", "start the policy with version: STSv1"));
  }
  if (parsed.mode === undefined || !MODES.includes(parsed.mode)) {
    findings.push(error(parsed.mode === undefined ? "MTA-STS policy has no mode: line" : `MTA-STS mode "${parsed.mode}" is not testing, enforce or none`, "RFC 8461 §3.2", "set mode: testing first, then mode: enforce once TLS reports are clean"));
  }
  const maxAge = parsed.maxAge;
  if (maxAge === undefined || !/^\d{1,10}$/.test(maxAge)) {
    findings.push(error(maxAge === undefined ? "MTA-STS policy has no max_age: line" : `MTA-STS max_age "${maxAge}" is not a whole number of seconds`, "RFC 8461 §3.2", "set max_age: 604800 (one week) or longer"));
  } else if (Number(maxAge) > MTA_STS_MAX_AGE) {
    findings.push(error(`MTA-STS max_age is ${maxAge} seconds; the maximum is ${MTA_STS_MAX_AGE}`, "RFC 8461 §3.2", `set max_age to at most ${MTA_STS_MAX_AGE} (one year)`));
  } else if (Number(maxAge) < MTA_STS_ADVISED_MIN_AGE) {
    findings.push(warning(`MTA-STS max_age is ${maxAge} seconds; less than a day gives little protection between fetches`, "RFC 8461 §3.2", "set max_age to at least 86400; weeks are typical"));
  }
  for (const pattern of parsed.mx) {
    if (!isHostname(normalizeHost(pattern).replace(/^\*\./, ""))) {
      findings.push(error(`MTA-STS mx pattern "${pattern}" is not a hostname or *.<domain> wildcard`, "RFC 8461 §3.2", "write mx: mail.example.com or mx: *.example.com"));
    }
  }
  if (parsed.mode === "testing" || parsed.mode === "enforce") {
    if (parsed.mx.length === 0) {
      findings.push(error("MTA-STS policy has no mx: line, so no MX host can match", "RFC 8461 §3.2", "add one mx: line per MX host or wildcard"));
    }
    for (const host of mxHosts) {
      if (!parsed.mx.some((p) => mxPatternMatches(p, host))) {
        findings.push(error(`MX host ${normalizeHost(host)} matches no mx: pattern in the MTA-STS policy`, "RFC 8461 §4.1", `add "mx: ${normalizeHost(host)}" to the policy`));
      }
    }
  }
  return findings;
}

/** A deterministic id that changes with every policy change: 20 hex characters of the body's SHA-256 (RFC 8461 §3.1 allows 1-32 alphanumerics). */
export function mtaStsId(policyText: string): string {
  return createHash("sha256").update(policyText, "utf8").digest("hex").slice(0, 20);
}

export function buildMtaStsTxt(id: string): string {
  return `v=STSv1; id=${id}`;
}

/** Every TXT value at `_mta-sts.<domain>`: exactly one must start with v=STSv1 and carry a valid id (RFC 8461 §3.1). */
export function checkMtaStsTxt(records: readonly string[]): Finding[] {
  const candidates = records.filter((r) => /^v=STSv1(\s|;|$)/.test(r));
  if (candidates.length === 0) {
    return [error("no TXT record at _mta-sts starts with v=STSv1", "RFC 8461 §3.1", "publish v=STSv1; id=<policy id>")];
  }
  if (candidates.length > 1) {
    return [error(`${candidates.length} TXT records at _mta-sts start with v=STSv1; senders then assume there is no policy`, "RFC 8461 §3.1", "keep a single v=STSv1 record")];
  }
  const list = parseTagList(candidates[0]);
  const findings = list.problems.map((p) => error(`MTA-STS TXT record is malformed: ${p}`, "RFC 8461 §3.1", "write v=STSv1; id=<policy id>"));
  for (const name of duplicateTagNames(list.tags)) {
    findings.push(error(`MTA-STS TXT record has ${name}= more than once`, "RFC 8461 §3.1", `keep a single ${name}=`));
  }
  if (list.tags[0]?.name !== "v" || list.tags[0].value !== "STSv1") {
    findings.push(error("MTA-STS TXT record must start with v=STSv1", "RFC 8461 §3.1", "write v=STSv1; id=<policy id>"));
  }
  const id = list.tags.find((t) => t.name === "id")?.value;
  if (id === undefined) {
    findings.push(error("MTA-STS TXT record has no id=", "RFC 8461 §3.1", "add id=<policy id>, changed whenever the policy changes"));
  } else if (!/^[A-Za-z0-9]{1,32}$/.test(id)) {
    findings.push(error(`MTA-STS id "${id}" is not 1-32 letters and digits`, "RFC 8461 §3.1", "use mtaStsId(policy) as the id"));
  }
  return findings;
}
