/*
 * This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. If a copy of the MPL
 * was not distributed with this file, You can obtain one at https://mozilla.org/MPL/2.0/.
 * It follows mdn/mdn-http-observatory (MPL-2.0) closely enough to be a derived work of it; see README "Licence".
 */
/**
 * Content-Security-Policy parsing as the Observatory does it (mdn/mdn-http-observatory
 * src/analyzer/cspParser.js, commit 94042bb), so a policy reads the same here as in its scan: directives
 * lower-cased, sources lower-cased and split on whitespace; a repeated directive makes the policy invalid
 * (report-uri and report-to only warn, lines 70-82); a policy shorter than six characters is invalid (lines
 * 3-4, 44-49); an empty `-src` directive is 'none' (lines 98-105). With several policies (several headers,
 * or one with commas, or `<meta>`), a source counts only when every policy allows it (lines 86-157).
 */

/** The key the parsed map keeps repeated report-uri/report-to directives under (line 11). */
export const DUPLICATE_WARNINGS = "_observatory_duplicate_key_warnings";

// The Observatory sorts sources with this collator (line 1); the order decides which duplicates it drops.
const compare = new Intl.Collator("en").compare;
const SHORTEST_POLICY = "img-src".length - 1;
const DISALLOWED_IN_META = ["frame-ancestors", "report-uri", "sandbox"];
const ALLOWED_DUPLICATES = new Set(["report-uri", "report-to"]);

interface Source {
  source: string;
  index: number;
  keep: boolean;
}

export type ParsedCsp = Map<string, Set<string>>;

/** A policy from `<meta http-equiv>`: the directives a meta element may not carry are dropped (lines 20-28). */
export function parseCspMeta(policies: readonly string[]): ParsedCsp {
  const csp = parseCsp(policies);
  for (const directive of DISALLOWED_IN_META) csp.delete(directive);
  return csp;
}

/** Throws on a policy the Observatory calls invalid. */
export function parseCsp(policies: readonly string[]): ParsedCsp {
  const clean = policies.map((p) => p.replaceAll(/[\r\n]/g, "").trim());
  if (clean.length === 0) return new Map();
  for (const p of clean) if (!p || p.length < SHORTEST_POLICY) throw new Error(`invalid policy: ${p}`);

  const csp = new Map<string, Source[]>();
  const duplicates = new Set<string>();
  for (const [policyIndex, policy] of clean.entries()) {
    const seen = new Set<string>();
    for (const [directiveEntry, ...valueEntries] of policy.split(";").map((e) => e.trim().split(/\s+/))) {
      if (!directiveEntry) continue;
      const directive = directiveEntry.toLowerCase();
      if (seen.has(directive)) {
        if (!ALLOWED_DUPLICATES.has(directive)) throw new Error(`duplicate directive ${directive} in policy ${policyIndex}`);
        duplicates.add(directive);
      } else seen.add(directive);

      const keep = policyIndex === 0;
      const values: Source[] = valueEntries.map((raw) => ({ source: raw.trim().toLocaleLowerCase(), index: policyIndex, keep }));
      if (valueEntries.length === 0 && directive.endsWith("-src")) values.push({ source: "'none'", index: policyIndex, keep });
      const combined = policyIndex === 0 ? [...values] : [...(csp.get(directive) ?? []), ...values];
      combined.sort((a, b) => compare(a.source, b.source));
      for (let i = 1; i < combined.length; i++) {
        const source = combined[i];
        const prev = combined[i - 1];
        // Lines 124-129: within one policy, a source that extends the one before it adds nothing.
        if (source.index === prev.index && source.source.startsWith(prev.source)) source.keep = false;
        // Lines 131-137: a source counts once another policy allows it too.
        if (source.index !== prev.index && pathPartMatch(prev.source, source.source)) source.keep = true;
      }
      csp.set(directive, combined.filter((s) => s.keep));
      // Lines 146-155: with more policies to come, the first one's sources must be confirmed by them.
      if (policyIndex === 0 && policies.length > 1) for (const s of csp.get(directive) ?? []) s.keep = false;
    }
  }
  const out: ParsedCsp = new Map([...csp].map(([d, sources]) => [d, sources.length > 0 ? new Set(sources.map((s) => s.source)) : new Set(["'none'"])]));
  if (duplicates.size > 0) out.set(DUPLICATE_WARNINGS, duplicates);
  return out;
}

/** Whether path B lies under path A, segment by segment (`pathPartMatch`, lines 179-216). */
function pathPartMatch(a: string, b: string): boolean {
  if (a.length === 0) return true;
  if (a === "/" && b.length === 0) return true;
  const exact = !a.endsWith("/");
  const partsA = a.split("/");
  const partsB = b.split("/");
  if (partsA.length > partsB.length) return false;
  if (exact && partsA.length !== partsB.length) return false;
  if (!exact) partsA.pop();
  // decodeURIComponent throws on a malformed escape, which makes the whole policy invalid there too.
  return partsA.every((part, i) => partsB[i] !== undefined && decodeURIComponent(part) === decodeURIComponent(partsB[i]));
}
