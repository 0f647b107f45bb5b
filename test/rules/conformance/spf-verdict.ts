/**
 * What our SPF rules say about one domain, in the vocabulary of SPF results, for conformance suites written
 * as DNS zones plus expected check_host() results (RFC 7208 §2.6). We judge the record, not one message:
 * "permerror" when the parser, checkSpf or the live lookup count finds what makes evaluation a PermError,
 * "temperror" when a DNS query fails, "none" when the name publishes no SPF record, otherwise "evaluable"
 * (pass, fail, softfail or neutral then depend on the connecting address, which no rule of ours sees).
 * Findings that are launch policy rather than RFC 7208 (+all, ?all, no all, ptr) are returned apart.
 */
import { Finding } from "../../../rules/finding";
import { checkSpf, countSpfLookups, IncludeCostResolver, isSpfRecord, parseSpf, SpfDnsResolver, spfLookupCount } from "../../../rules/spf";

/** Suite zone data: name -> records, each `{ TYPE: value }` or the bare string TIMEOUT. */
export type ZoneData = Record<string, unknown[]>;
interface Entry {
  type: string;
  value?: unknown;
}
export type Zone = Map<string, Entry[]>;

export type Verdict = "permerror" | "temperror" | "none" | "evaluable";

/** Rules the project refuses on purpose though RFC 7208 allows them, each with its reason. */
export const SPF_POLICY_REFUSALS: readonly { pattern: RegExp; reason: string }[] = [
  { pattern: /ends in \+all|ends in all with no qualifier/, reason: "+all authorizes every host on the Internet to send as the domain (launch checklist: email authentication)" },
  { pattern: /ends in \?all/, reason: "?all (neutral) gives receivers no policy to enforce, RFC 7208 §8.2" },
  { pattern: /neither all nor redirect/, reason: "a record without all ends in neutral for unmatched senders, the same as ?all, RFC 7208 §4.7" },
  { pattern: /uses "[+\-~?]?ptr/, reason: "ptr is slow and unreliable and SHOULD NOT be used, RFC 7208 §5.5" },
  { pattern: /mechanisms after all/, reason: "mechanisms after all are never evaluated (RFC 7208 §5.1 has receivers ignore them); refused as dead terms that hide a mistake" },
  { pattern: /which is close to \+all/, reason: "a network wider than /16 (IPv4) or /32 (IPv6) authorizes a large part of the Internet, close to +all" },
];

export interface SpfJudgement {
  verdict: Verdict;
  /** RFC findings that decided the verdict. */
  reasons: string[];
  /** Launch-policy refusals of the record (SPF_POLICY_REFUSALS), apart from the verdict. */
  refusals: string[];
  /** The plan-time count with include costs taken from the same zone, and the live count, when evaluable. */
  planLookups?: number;
  liveLookups?: number;
}

function normalize(name: string): string {
  return name.toLowerCase().split(".").filter((l) => l !== "").join(".");
}

/**
 * The zone as a resolver sees it. As RFC 4408-era suites expect, SPF-type records stand in for TXT at a name
 * with no TXT of its own (RFC 7208 §3.1 dropped the type); `TXT: NONE` marks a name whose TXT set is empty.
 */
export function zoneFrom(data: ZoneData): Zone {
  const zone: Zone = new Map();
  for (const [name, records] of Object.entries(data)) {
    const entries: Entry[] = records.map((r) => (typeof r === "string" ? { type: r } : { type: Object.keys(r as object)[0], value: Object.values(r as object)[0] }));
    const hasTxt = entries.some((e) => e.type === "TXT");
    const generated = hasTxt ? [] : entries.filter((e) => e.type === "SPF").map((e) => ({ type: "TXT", value: e.value }));
    zone.set(normalize(name), [...entries.filter((e) => !(e.type === "TXT" && e.value === "NONE")), ...generated]);
  }
  return zone;
}

/**
 * Answers of one type at a name. A bare TIMEOUT fails every type not answered before it, a `TYPE: TIMEOUT`
 * fails that type, a label over 63 octets or a missing `error.` name fails, and a CNAME is followed once.
 */
function answer(zone: Zone, name: string, type: string, depth = 0): Entry[] {
  const key = normalize(name);
  // A name no DNS query can carry does not exist (the RFC 7208 §4.8 reading the suites prefer).
  if (key.split(".").some((l) => l.length > 63)) return [];
  const entries = zone.get(key);
  if (!entries) {
    if (key.startsWith("error.")) throw new Error(`${key}: timeout`);
    return [];
  }
  const out: Entry[] = [];
  let answered = false;
  for (const e of entries) {
    if (e.type === "TIMEOUT") {
      if (!answered) throw new Error(`${key}: timeout`);
      break;
    }
    if (e.type === type) {
      answered = true;
      if (e.value === "TIMEOUT") throw new Error(`${key} ${type}: timeout`);
      out.push(e);
    } else if (e.type === "CNAME" && depth === 0) {
      out.push(...answer(zone, String(e.value), type, 1));
    }
  }
  return out;
}

const joined = (v: unknown) => (Array.isArray(v) ? v.map(String).join("") : String(v));

export function zoneResolver(zone: Zone): SpfDnsResolver {
  return {
    resolveTxt: async (name) => answer(zone, name, "TXT").map((e) => joined(e.value)),
    resolveMx: async (name) => answer(zone, name, "MX").map((e) => String((e.value as unknown[])[1])),
    resolveAddresses: async (name) => [...answer(zone, name, "A"), ...answer(zone, name, "AAAA")].map((e) => String(e.value)),
  };
}

/** Plan-time include costs read from the zone: each include's own lookup plus its record's count, recursively. */
export function zoneIncludeCost(zone: Zone): IncludeCostResolver {
  const open = new Set<string>();
  const cost: IncludeCostResolver = (domain) => {
    const key = normalize(domain);
    let spf: string[] = [];
    try {
      spf = answer(zone, key, "TXT").map((e) => joined(e.value)).filter(isSpfRecord);
    } catch {
      return { lookups: 1 };
    }
    if (spf.length !== 1 || open.has(key)) return { lookups: 1 };
    open.add(key);
    const nested = spfLookupCount(spf[0], cost).count;
    open.delete(key);
    return { lookups: 1 + nested };
  };
  return cost;
}

const isError = (f: Finding) => f.severity !== "warning";

export async function judgeSpf(zone: Zone, domain: string): Promise<SpfJudgement> {
  const labels = domain.replace(/\.$/, "").split(".");
  if (labels.length < 2 || labels.some((l) => l === "" || l.length > 63)) return { verdict: "none", reasons: [`${domain} is not a valid domain name, so check_host() returns none (RFC 7208 §4.3)`], refusals: [] };
  const resolver = zoneResolver(zone);
  let txt: string[];
  try {
    txt = await resolver.resolveTxt(domain);
  } catch (e) {
    return { verdict: "temperror", reasons: [(e as Error).message], refusals: [] };
  }
  const spf = txt.filter(isSpfRecord);
  if (spf.length === 0) return { verdict: "none", reasons: [`${domain} publishes no SPF record`], refusals: [] };
  if (spf.length > 1) return { verdict: "permerror", reasons: [`${domain} publishes ${spf.length} SPF records`], refusals: [] };
  const includeCost = zoneIncludeCost(zone);
  const found = checkSpf(spf[0], { allowSoftFail: true, includeCost }).filter(isError);
  const refused = (f: Finding) => SPF_POLICY_REFUSALS.find((r) => r.pattern.test(f.message));
  const live = await countSpfLookups(domain, resolver);
  const rfc = [...found.filter((f) => !refused(f)), ...live.findings.filter(isError)];
  const refusals = found.map(refused).filter((r): r is (typeof SPF_POLICY_REFUSALS)[number] => r !== undefined).map((r) => r.reason);
  const temp = rfc.filter((f) => /TempError/.test(f.message));
  const verdict: Verdict = rfc.length === 0 ? "evaluable" : temp.length === rfc.length ? "temperror" : "permerror";
  const counts = verdict === "evaluable" ? { planLookups: spfLookupCount(parseSpf(spf[0]), includeCost).count, liveLookups: live.lookups } : {};
  return { verdict, reasons: [...new Set(rfc.map((f) => f.message))], refusals: [...new Set(refusals)], ...counts };
}
