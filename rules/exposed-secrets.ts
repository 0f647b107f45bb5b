/**
 * Secrets in what a browser downloads (launch checklist: zero secrets in browser bundles): credential
 * shapes from the one detector (rules/secret-detector.ts, browser API keys public by design in a bundle),
 * plus literals assigned to secret-named variables (the stack's own secret names first). Matches are
 * reported masked: the verifier's own output must not republish the key.
 */
import { Finding } from "./finding";
import { detectSecrets } from "./secret-detector";
import { secretNameReason } from "./secret-names";

export interface SecretMatch {
  pattern: string;
  /** 1-based line in the scanned text. */
  line: number;
  /** The first four characters and the length (enough to find and rotate it, not to use it). */
  masked: string;
}

function maskSecret(secret: string): string {
  return `${secret.slice(0, 4)}… (${secret.length} characters)`;
}

/**
 * `NAME = "value"`, `NAME: "value"` or `"NAME": "value"`: a literal assigned to a name (an identifier or a
 * quoted object key) in a bundle, as bundlers inline environment variables.
 */
const ASSIGNMENT = /(?<![\w$])["']?([A-Za-z_$][\w$]*)["']?\s*(?:[:=](?!=))\s*(["'`])([^"'`\s]{12,})\2/g;

/**
 * Names and values public by design: browser keys with a publishable prefix (Stripe `pk_`, Google `AIza`),
 * search-only keys (Algolia, Typesense, Meilisearch hand them to every visitor) and anything its name calls
 * public or publishable (rules/secret-names.ts).
 */
const PUBLIC_NAME = /(^|_)(SEARCH|SEARCH_ONLY|PUBLIC|PUBLISHABLE)(_|$)/;
const PUBLIC_VALUE = /^(?:pk_(?:live|test)_|AIza)/;
/** Names too generic to mean a credential on their own (`key` is every React list item's). */
const GENERIC_NAMES = new Set(["KEY", "TOKEN", "ID", "PASS", "SALT", "DSN"]);

/** `apiKey` → `API_KEY`: the environment-variable form secret-names.ts judges. */
function envName(identifier: string): string {
  return identifier.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/[$-]/g, "_").toUpperCase();
}

/**
 * A value that could be a credential: long, no spaces, letters and digits both (a generated secret), so
 * ordinary strings (`"dashboard-item"`, `"YOUR_API_KEY"`) assigned to key-like names are not reported.
 */
function credentialLike(value: string): boolean {
  return /[A-Za-z]/.test(value) && /\d/.test(value) && !PUBLIC_VALUE.test(value) && !/^(?:https?:)?\/\//.test(value);
}

export interface SecretScanOptions {
  /** The stack's own secret variable names (secrets.env): any literal assigned to one of them is a leak. */
  secretNames?: readonly string[];
}

/** Literals assigned to secret-named variables, by the same naming rule the config gate uses. */
function secretAssignments(text: string, options: SecretScanOptions): { index: number; end: number; match: SecretMatch }[] {
  const own = new Set((options.secretNames ?? []).map((n) => n.toUpperCase()));
  const out: { index: number; end: number; match: SecretMatch }[] = [];
  for (const m of text.matchAll(ASSIGNMENT)) {
    const name = envName(m[1]);
    const value = m[3];
    const isOwn = own.has(name) || [...own].some((n) => name.endsWith(`_${n}`));
    if (!isOwn && (GENERIC_NAMES.has(name) || PUBLIC_NAME.test(name) || !secretNameReason(name) || !credentialLike(value))) continue;
    if (isOwn && PUBLIC_VALUE.test(value)) continue;
    const index = (m.index ?? 0) + m[0].indexOf(value);
    const line = text.slice(0, index).split("\n").length;
    out.push({ index, end: index + value.length, match: { pattern: isOwn ? `the stack's secret ${name}` : `value assigned to ${m[1]}`, line, masked: maskSecret(value) } });
  }
  return out;
}

/** Every credential in `text`, in order of position; a value two checks find is reported once. */
export function findExposedSecrets(text: string, options: SecretScanOptions = {}): SecretMatch[] {
  const found: { index: number; match: SecretMatch }[] = detectSecrets(text, { browserKeysPublic: true, genericAssignments: false }).map(({ index, pattern, line, masked }) => ({ index, match: { pattern, line, masked } }));
  // A shaped key (sk_live_…, a URL's password) assigned to a secret name is one leak: the shape names it better.
  const shaped = found.map((f) => f.index);
  found.push(...secretAssignments(text, options).filter((a) => !shaped.some((i) => i >= a.index && i < a.end)));
  return found.sort((a, b) => a.index - b.index).map((f) => f.match);
}

/** One finding per exposed secret in a downloaded resource. */
export function checkExposedSecrets(source: string, text: string, options: SecretScanOptions = {}): Finding[] {
  return findExposedSecrets(text, options).map((m) => ({
    message: `${m.pattern} in ${source} line ${m.line}: ${m.masked}`,
    ref: "launch checklist: secrets",
    fix: "rotate it now (it is public), remove it from the bundle and call the API from the server with the key from the secret manager",
  }));
}
