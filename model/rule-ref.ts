/**
 * Refs for ruleset rules the config lists (legacy paths, custom WAF rules), derived from what the rule
 * matches rather than from its position in the list. Cloudflare keys a rule's identity, and its
 * analytics, on the ref: inserting or reordering entries then keeps every other rule's ref, and a preview
 * changes only the rule that did. Two rules matching the same thing are config errors, so refs are unique.
 */
import { createHash } from "node:crypto";

export function contentRef(prefix: string, matches: string): string {
  return `${prefix}-${createHash("sha256").update(matches).digest("hex").slice(0, 12)}`;
}
