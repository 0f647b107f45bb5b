/**
 * Key patterns that must never appear in what a browser downloads (launch checklist: zero secrets in
 * browser bundles). Matches are reported masked: the verifier's own output must not republish the key.
 * Publishable keys meant for browsers (Stripe `pk_live_`, Google Maps browser keys) are not secrets here.
 */
import { Finding } from "./finding";

export interface SecretPattern {
  name: string;
  pattern: RegExp;
  /** The capture group holding the secret itself, masked in reports; none when the match only marks where a secret starts. */
  group?: number;
}

/** Each pattern is global so every occurrence is found. */
export const SECRET_PATTERNS: readonly SecretPattern[] = [
  { name: "AWS access key id", pattern: /\b((?:AKIA|ASIA)[0-9A-Z]{16})\b/g, group: 1 },
  { name: "Stripe live secret key", pattern: /\b((?:sk|rk)_live_[0-9A-Za-z]{16,})\b/g, group: 1 },
  { name: "private key block", pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/g },
  { name: "Slack token", pattern: /\b(xox[abposr]-[0-9A-Za-z-]{10,})\b/g, group: 1 },
  { name: "Slack webhook URL", pattern: /https:\/\/hooks\.slack\.com\/services\/(T[0-9A-Z]+\/B[0-9A-Z]+\/[0-9A-Za-z]+)/g, group: 1 },
  { name: "GitHub token", pattern: /\b((?:gh[pousr]_[0-9A-Za-z]{36,})|(?:github_pat_[0-9A-Za-z_]{22,}))\b/g, group: 1 },
  {
    name: "secret assignment",
    // Values with a publishable prefix (Stripe pk_, Google browser keys AIza…) are meant for browsers.
    pattern: /\b(?:secret|client_secret|secret_key|api[_-]?key|apikey|access_token|auth_token|private_key)["']?\s*[:=]\s*["'](?!pk_(?:live|test)_|AIza)([^"'\s]{8,})["']/gi,
    group: 1,
  },
];

export interface SecretMatch {
  pattern: string;
  /** 1-based line in the scanned text. */
  line: number;
  /** The first four characters and the length (enough to find and rotate it, not to use it), or the marker itself. */
  masked: string;
}

function maskSecret(secret: string): string {
  return `${secret.slice(0, 4)}… (${secret.length} characters)`;
}

/** Every pattern occurrence in `text`, in order of position. */
export function findExposedSecrets(text: string): SecretMatch[] {
  const found: { index: number; match: SecretMatch }[] = [];
  for (const p of SECRET_PATTERNS) {
    for (const m of text.matchAll(p.pattern)) {
      const index = m.index ?? 0;
      const line = text.slice(0, index).split("\n").length;
      found.push({ index, match: { pattern: p.name, line, masked: p.group === undefined ? m[0] : maskSecret(m[p.group]) } });
    }
  }
  return found.sort((a, b) => a.index - b.index).map((f) => f.match);
}

/** One finding per exposed secret in a downloaded resource. */
export function checkExposedSecrets(source: string, text: string): Finding[] {
  return findExposedSecrets(text).map((m) => ({
    message: `${m.pattern} in ${source} line ${m.line}: ${m.masked}`,
    ref: "launch checklist: secrets",
    fix: "rotate it now (it is public), remove it from the bundle and call the API from the server with the key from the secret manager",
  }));
}
