/**
 * Rule refs are unique within a ruleset: Cloudflare's Rulesets API refuses a ruleset whose rules share a
 * `ref` (developers.cloudflare.com/ruleset-engine/rules-language: "ref ... must be unique within the
 * ruleset"), so two rate limits named alike pass preview and fail at `pulumi up`.
 */
import { Finding } from "./finding";

/** Each repeat of an earlier ref, with the index of the rule it repeats. */
export function checkUniqueRefs(refs: readonly string[]): { index: number; finding: Finding }[] {
  return refs.flatMap((ref, index) => {
    const first = refs.indexOf(ref);
    return first < index ? [{ index, finding: { message: `gives rule ref ${ref}, already used by rule ${first + 1} of the same ruleset, which the Rulesets API refuses at deploy`, ref: "Cloudflare Rulesets API: rule refs unique per ruleset", fix: "give each rule its own name" } }] : [];
  });
}
