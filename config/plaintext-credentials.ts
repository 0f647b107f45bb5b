/**
 * The config gate's credential scan: every string value in the stack's configuration (descriptions, URLs
 * and their userinfo, search strings, verification values, trusted origins, rule expressions, ...) goes
 * through the one detector, rules/secret-detector.ts, in one scan, and each hit names its key. Plain app
 * variables (`secrets.env`) are judged by name and value in config/secrets.ts; sealed values never reach here.
 */
import { detectSecretsInValues } from "../rules/secret-detector";
import { withArticle } from "../rules/secret-names";
import type { ConfigProblem } from "./problem";
import { member } from "./errors";
import type { StackConfig } from "./schema";

/** Keys whose strings are judged elsewhere: sealed secrets, and app variables (by name and value). */
const JUDGED_ELSEWHERE = new Set(["appSecrets", "alertHttpsEndpoint", "secrets.env"]);

function leaves(value: unknown, path: string, out: { path: string; value: string }[]): void {
  if (JUDGED_ELSEWHERE.has(path)) return;
  if (typeof value === "string") out.push({ path, value });
  else if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${path}[${i}]`, out));
  else if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}${member(k)}` : k, out);
  }
}

export function checkPlaintextCredentials(config: StackConfig): ConfigProblem[] {
  const values: { path: string; value: string }[] = [];
  leaves(config, "", values);
  return detectSecretsInValues(values.map((v) => v.value)).map(({ value, match }) => ({
    path: [values[value].path],
    message: `looks like ${withArticle(match.pattern)} (${match.masked}) in plaintext (launch checklist: secrets); remove it, rotate it (it has been in a plaintext file), and keep it in launch-stack:secrets.env as { source: supplied } set with pulumi config set --secret`,
  }));
}
