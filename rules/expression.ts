/**
 * Cloudflare Rules language helpers: building expressions from literals and reading which fields and
 * operators an expression uses, so plan limits are checked on the exact text the provider receives.
 */
import type { Finding } from "./finding";
import { prefixCovers } from "./paths";

/** A Rules-language string literal. */
export function literal(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** `field eq "a"` for one value, `field in {"a" "b"}` for several. */
export function equalsAny(field: string, values: readonly string[]): string {
  return values.length === 1 ? `${field} eq ${literal(values[0])}` : `${field} in {${values.map(literal).join(" ")}}`;
}

/** Joins terms with `or`, parenthesising when there is more than one. */
export function anyOf(terms: readonly string[]): string {
  return terms.length === 1 ? terms[0] : `(${terms.join(" or ")})`;
}

function withoutStrings(expression: string): string {
  return expression.replace(/"(?:[^"\\]|\\.)*"/g, '""');
}

/** The fields an expression reads (string literals are ignored). */
export function fieldsOf(expression: string): string[] {
  const found = withoutStrings(expression).match(/\b(?:http|ip|cf|ssl|raw)\.[a-z0-9_.]*[a-z0-9_]/g) ?? [];
  return [...new Set(found)];
}

/** Whether an expression uses a regular-expression operator (Business and up only). */
export function usesRegex(expression: string): boolean {
  return /(\bmatches\b|~)/.test(withoutStrings(expression));
}

/** The string literals an expression compares against, e.g. the paths a rate-limit rule covers. */
export function literalsOf(expression: string): string[] {
  return [...expression.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1].replace(/\\(.)/g, "$1"));
}

/**
 * Whether an expression names a path prefix of `path` among its literals, compared canonically and
 * case-insensitively (rules/paths.ts): how the rate-limit and cache rules model/site.ts builds name their
 * paths (`starts_with(lower(...), "/login")`), and how Cloudflare normalizes the request path they read.
 */
export function coversPath(expression: string, path: string): boolean {
  return literalsOf(expression).some((l) => l.startsWith("/") && prefixCovers(l, path));
}

/** The expression with its whitespace collapsed: what two rules are compared on, and a custom rule's ref is derived from. */
export function normalizedExpression(expression: string): string {
  return expression.trim().replace(/\s+/g, " ");
}

/**
 * Expressions that repeat an earlier one in the same list (whitespace aside): the repeat can never change
 * the outcome, and a rule's ref is derived from its expression (model/rule-ref.ts), so the two would clash.
 */
export function checkRepeatedExpressions(expressions: readonly string[]): { index: number; finding: Finding }[] {
  const normal = expressions.map(normalizedExpression);
  return normal.flatMap((e, index) => {
    const first = normal.indexOf(e);
    return first < index ? [{ index, finding: { message: `repeats the expression of rule ${first + 1}`, ref: "Cloudflare rulesets", fix: "merge the two rules into one" } }] : [];
  });
}
