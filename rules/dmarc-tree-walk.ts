/**
 * The DNS Tree Walk of RFC 9989 §4.10, which replaced RFC 7489's Public Suffix List: it finds a name's
 * Organizational Domain (§4.10.2, used for relaxed alignment and to decide whether a report destination is
 * external) and the DMARC Policy Record that governs an Author Domain (§4.10.1). One algorithm, written as
 * a generator that yields each `_dmarc.<name>` it must query, so plan time can answer from a static table
 * (organizationalDomain in dmarc.ts) and the verifier from live DNS, with the same query bound either way.
 */
import { isDmarcRecord, parseDmarc } from "./dmarc-record";

/** RFC 9989 §4.10: a walk makes at most eight DNS queries, however many labels the name has. */
export const DMARC_TREE_WALK_MAX_QUERIES = 8;

/** Yields the `_dmarc.<name>` to query next and receives that name's TXT values (strings joined). */
export type TreeWalk<T> = Generator<string, T, readonly string[]>;

/** A name the walk found exactly one valid DMARC Policy Record at. */
export interface WalkRecord {
  domain: string;
  record: string;
  psd?: "y" | "n" | "u";
}

export interface OrganizationalDomainResult {
  organizationalDomain: string;
  /** Every `_dmarc.<name>` queried, in order (at most DMARC_TREE_WALK_MAX_QUERIES). */
  queries: string[];
  /** Valid records found, longest name first. */
  records: WalkRecord[];
}

export interface PolicyDiscoveryResult {
  authorDomain: string;
  /** Whose record applies: the Author Domain's own, its Organizational Domain's, or its Public Suffix Domain's. */
  source: "author" | "organizational" | "psd" | "none";
  /** The domain whose `_dmarc` record applies; undefined when none does (DMARC does not apply, §4.10.1). */
  policyDomain?: string;
  record?: string;
  organizationalDomain: string;
  queries: string[];
}

function normalize(domain: string): string {
  return domain.toLowerCase().replace(/\.$/, "");
}

/** The names a full walk from `domain` queries (§4.10 steps 1-7): the name itself, then at most seven labels, shortening to the TLD. */
export function treeWalkNames(domain: string): string[] {
  const labels = normalize(domain).split(".");
  const names = [labels.join(".")];
  let rest = labels.length >= DMARC_TREE_WALK_MAX_QUERIES ? labels.slice(-(DMARC_TREE_WALK_MAX_QUERIES - 1)) : labels.slice(1);
  while (rest.length > 0) {
    names.push(rest.join("."));
    rest = rest.slice(1);
  }
  return names;
}

/** §4.10 steps 2 and 6: only a single record starting with v=DMARC1 counts; several at one name are all discarded. */
function validRecord(domain: string, txt: readonly string[]): WalkRecord | undefined {
  const dmarc = txt.filter(isDmarcRecord);
  if (dmarc.length !== 1) return undefined;
  const psd = parseDmarc(dmarc[0]).psd?.toLowerCase();
  return { domain, record: dmarc[0], psd: psd === "y" || psd === "n" || psd === "u" ? psd : undefined };
}

function* walk(names: readonly string[], queries: string[]): Generator<string, WalkRecord[], readonly string[]> {
  const found: WalkRecord[] = [];
  for (const name of names) {
    const query = `_dmarc.${name}`;
    queries.push(query);
    const record = validRecord(name, yield query);
    if (!record) continue;
    found.push(record);
    if (record.psd === "y" || record.psd === "n") break;
  }
  return found;
}

/** §4.10.2 selection, longest name first: psd=n is the answer; psd=y above the start makes the name below it the answer; else the fewest labels. */
function select(start: string, found: readonly WalkRecord[]): string {
  const n = found.find((r) => r.psd === "n");
  if (n) return n.domain;
  const y = found.find((r) => r.psd === "y" && r.domain !== start);
  if (y) {
    const labels = start.split(".");
    return labels.slice(labels.length - y.domain.split(".").length - 1).join(".");
  }
  return found.length > 0 ? found[found.length - 1].domain : start;
}

/** RFC 9989 §4.10.2: the Organizational Domain of `domain`; the name itself when the walk finds no record. */
export function* organizationalDomainWalk(domain: string): TreeWalk<OrganizationalDomainResult> {
  const start = normalize(domain);
  const queries: string[] = [];
  const records = yield* walk(treeWalkNames(start), queries);
  return { organizationalDomain: select(start, records), queries, records };
}

/** RFC 9989 §4.10.1: the record that applies to mail from `authorDomain`: its own, else its Organizational Domain's, else its PSD's. */
export function* policyDiscoveryWalk(authorDomain: string): TreeWalk<PolicyDiscoveryResult> {
  const start = normalize(authorDomain);
  const queries: string[] = [];
  const records = yield* walk(treeWalkNames(start), queries);
  const organizationalDomain = select(start, records);
  const own = records.find((r) => r.domain === start);
  const base = { authorDomain: start, organizationalDomain, queries };
  if (own) return { ...base, source: "author", policyDomain: start, record: own.record };
  const org = records.find((r) => r.domain === organizationalDomain);
  if (org) return { ...base, source: "organizational", policyDomain: org.domain, record: org.record };
  const psd = records.find((r) => r.psd === "y");
  if (psd) return { ...base, source: "psd", policyDomain: psd.domain, record: psd.record };
  return { ...base, source: "none" };
}

/** Runs a walk against a synchronous answer (plan time: declared records and a table). */
export function runTreeWalk<T>(walk: TreeWalk<T>, txt: (name: string) => readonly string[]): T {
  let step = walk.next();
  while (!step.done) step = walk.next(txt(step.value));
  return step.value;
}

/** Runs a walk against live DNS; a lookup that throws (SERVFAIL, timeout) ends the walk with that error. */
export async function runTreeWalkLive<T>(walk: TreeWalk<T>, txt: (name: string) => Promise<readonly string[]>): Promise<T> {
  let step = walk.next();
  while (!step.done) step = walk.next(await txt(step.value));
  return step.value;
}
