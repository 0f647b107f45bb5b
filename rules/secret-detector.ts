/**
 * The one secret detector: every place that asks "is this a credential?" (the config gate over every
 * string value, the policy pack over every resource input, the verifier over downloaded bundles) calls
 * detectSecrets here.
 *
 * The detection is secretlint's recommended rule preset (@secretlint/secretlint-rule-preset-recommend,
 * pinned): maintained provider rules (AWS, GCP, GitHub incl. fine-grained, GitLab, npm, OpenAI, Anthropic,
 * Slack, SendGrid, Shopify, Linear, Vercel, private keys, basic auth and database URLs with passwords, ...).
 * Its rules are plain objects with a synchronous `file(source)` handler over the documented
 * `SecretLintRuleContext` (@secretlint/types), so they run here directly, synchronously: the config gate
 * runs before any resource and cannot wait on a promise. (Only the GCP rule's `.p12` file branch is
 * asynchronous; no text source reaches it.)
 *
 * Two additions, each small and stated: provider shapes the preset (12.0.0) does not ship yet
 * (PROVIDER_GAPS, upstream candidates), and a generic `secret = "<high-entropy value>"` assignment whose
 * value has the Shannon entropy of a random token (how gitleaks' generic-api-key rule decides).
 *
 * Public by design (PUBLIC_BY_DESIGN) is not a secret: publishable keys meant for browsers.
 */
import { creator as recommendedPreset } from "@secretlint/secretlint-rule-preset-recommend";
import type { SecretLintRuleContext, SecretLintRuleCreator, SecretLintSourceCode } from "@secretlint/types";

export interface SecretMatch {
  /** What kind of credential, e.g. "GitLab personal access token (secretlint gitlab)". Never the value. */
  pattern: string;
  /** Offset of the secret in the scanned text. */
  index: number;
  /** 1-based line in the scanned text. */
  line: number;
  /** The first four characters and the length (enough to find and rotate it, not to use it). */
  masked: string;
}

export interface DetectOptions {
  /**
   * Browser API keys (Google `AIza…`) are public by design here: in what a browser downloads, or in a value
   * whose name says PUBLIC. Elsewhere (config, resource inputs) a Google API key is a server credential.
   */
  browserKeysPublic?: boolean;
  /**
   * Report `secretName = "<high-entropy value>"` assignments (default on). The bundle scan turns it off: it
   * judges assignments by the stack's own secret names and the naming rule instead (rules/exposed-secrets.ts).
   */
  genericAssignments?: boolean;
}

/**
 * Shapes the preset does not detect (as of 12.0.0), each a documented, fixed-format provider prefix:
 * Stripe secret and restricted keys and webhook secrets, Twilio API keys, Mailgun keys, Google API keys,
 * and a password in a URL of any scheme. Postmark server tokens are bare UUIDs: the entropy rule catches
 * them under a secret name.
 */
const PROVIDER_GAPS: readonly { name: string; pattern: RegExp; browserPublic?: boolean }[] = [
  { name: "Stripe secret key", pattern: /\b(?:sk|rk)_live_[0-9A-Za-z]{16,}\b/g },
  { name: "Stripe test secret key", pattern: /\b(?:sk|rk)_test_[0-9A-Za-z]{16,}\b/g },
  { name: "webhook signing secret", pattern: /\bwhsec_[0-9A-Za-z+/=]{16,}/g },
  { name: "Twilio API key", pattern: /\bSK[0-9a-f]{32}\b/g },
  { name: "Mailgun API key", pattern: /\bkey-[0-9a-f]{32}\b/g },
  { name: "Google API key", pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g, browserPublic: true },
  // The preset knows HTTP basic auth and database URLs; a password in any other URL (amqp, redis, smtp) is one too.
  { name: "URL with a password in it", pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^/@\s:"']+:[^/@\s"']+@/gi },
];

/** Values a detector may match that are public by design: Stripe publishable keys, Mapbox public tokens. */
const PUBLIC_BY_DESIGN: readonly RegExp[] = [/^pk_(?:live|test)_/, /^pk\.eyJ/];
/**
 * Names whose value is public by design although they say "key": Algolia search-only keys, publishable
 * and public keys (a browser needs them to call the service at all).
 */
const PUBLIC_NAME = /search|public|publishable/i;

/** Names that say the value is a credential, in `name = "value"` / `"name": "value"` assignments. */
const SECRET_ASSIGNMENT = /\b([A-Za-z_]*(?:secret|token|password|passwd|api[_-]?key|apikey|access[_-]?key|private[_-]?key|auth)[A-Za-z_]*)["']?\s*[:=]\s*["']([^"'\s]{16,})["']/gi;
/** Bits per character above which a 16+ character value is a random token rather than a word or a URL (gitleaks uses 3.5). */
export const TOKEN_ENTROPY_BITS = 3.5;

/** Shannon entropy in bits per character. */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / text.length) * Math.log2(n / text.length);
  return bits;
}

/** A random-looking token: long enough, high entropy, not a URL or a path. */
export function looksLikeToken(value: string): boolean {
  return value.length >= 16 && !/^(?:https?:\/\/|\/)/.test(value) && shannonEntropy(value) >= TOKEN_ENTROPY_BITS;
}

function humanRuleName(ruleId: string): string {
  return ruleId.replace(/^@secretlint\/secretlint-rule-/, "");
}

/** `AWSAccessKeyID` → `aws access key id`, `NPM_ACCESS_TOKEN` → `npm access token`. */
function humanMessageId(id: string): string {
  return id.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2").replace(/_/g, " ").toLowerCase();
}

/** Rule options: the preset leaves AWS access key ids off (an id alone is not a key); a plaintext id is still a leak here. */
const RULE_OPTIONS: Record<string, object> = { "@secretlint/secretlint-rule-aws": { enableIDScanRule: true } };

type Hit = { pattern: string; start: number; end: number };

/** Where the rules' reports go during one detectSecrets call (the handlers are created once and reused). */
let sink: Hit[] = [];

/** Each text rule's handler, created once: creating compiles its patterns, which costs more than a scan. */
const HANDLERS = (recommendedPreset.rules as SecretLintRuleCreator<any>[])
  .filter((r) => r.meta.type === "scanner" && r.meta.supportedContentTypes.includes("text"))
  .map((rule) => {
    const name = humanRuleName(rule.meta.id);
    const context: SecretLintRuleContext = {
      sharedOptions: {},
      // Reports carry the message id only: the preset's messages quote the secret, which must never be printed.
      createTranslator: (() => (id: string) => ({ id, message: id, data: {} })) as unknown as SecretLintRuleContext["createTranslator"],
      report: (d) => sink.push({ pattern: `${humanMessageId((d.message as unknown as { id: string }).id)} (secretlint ${name})`, start: d.range[0], end: d.range[1] }),
      ignore: () => undefined,
    };
    return rule.create(context, RULE_OPTIONS[rule.meta.id] ?? {});
  });

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

function textSource(text: string): SecretLintSourceCode {
  const position = (index: number) => {
    const before = text.slice(0, index);
    return { line: lineAt(text, index), column: index - before.lastIndexOf("\n") - 1 };
  };
  return {
    hasBOM: false,
    content: text,
    filePath: "value.txt",
    ext: ".txt",
    contentType: "text",
    getFilePath: () => "value.txt",
    getPhysicalFilePath: () => undefined,
    indexToPosition: position,
    positionToIndex: ({ line, column }: { line: number; column: number }) => text.split("\n").slice(0, line - 1).join("\n").length + (line > 1 ? 1 : 0) + column,
    locationToRange: () => [0, text.length],
    rangeToLocation: ([start, end]: readonly [number, number]) => ({ start: position(start), end: position(end) }),
  } as unknown as SecretLintSourceCode;
}

/** The preset's findings: every rule's reports, as (label, range). */
function secretlintFindings(text: string): Hit[] {
  const source = textSource(text);
  sink = [];
  for (const handler of HANDLERS) void handler.file?.(source);
  const found = sink;
  sink = [];
  return found;
}

function mask(secret: string): string {
  return `${secret.slice(0, 4)}… (${secret.length} characters)`;
}

/** Every credential in `text`, in order of position, each once. */
export function detectSecrets(text: string, options: DetectOptions = {}): SecretMatch[] {
  const hits: Hit[] = secretlintFindings(text);
  for (const gap of PROVIDER_GAPS) {
    if (gap.browserPublic && options.browserKeysPublic) continue;
    for (const m of text.matchAll(gap.pattern)) hits.push({ pattern: gap.name, start: m.index!, end: m.index! + m[0].length });
  }
  for (const m of options.genericAssignments === false ? [] : text.matchAll(SECRET_ASSIGNMENT)) {
    const value = m[2];
    if (PUBLIC_NAME.test(m[1]) || !looksLikeToken(value)) continue;
    const start = m.index! + m[0].lastIndexOf(value);
    hits.push({ pattern: `high-entropy value assigned to ${m[1]}`, start, end: start + value.length });
  }
  let reachedEnd = -1;
  return hits
    .sort((a, b) => a.start - b.start || b.end - a.end)
    .filter((h) => {
      if (PUBLIC_BY_DESIGN.some((p) => p.test(text.slice(h.start, h.end)))) return false;
      // One report per secret: several rules (or a rule and the entropy check) can match overlapping spans.
      if (h.start < reachedEnd) return false;
      reachedEnd = h.end;
      return true;
    })
    .map((h) => ({ pattern: h.pattern, index: h.start, line: lineAt(text, h.start), masked: mask(text.slice(h.start, h.end)) }));
}

/**
 * detectSecrets over many values at once, each finding with the index of the value it is in: one scan of
 * the values joined by newlines, since a scan's fixed cost (every rule once) dwarfs its cost per character.
 */
export function detectSecretsInValues(values: readonly string[], options: DetectOptions = {}): { value: number; match: SecretMatch }[] {
  const starts: number[] = [];
  let offset = 0;
  for (const v of values) {
    starts.push(offset);
    offset += v.length + 1;
  }
  const text = values.join("\n");
  return detectSecrets(text, options).map((match) => {
    let value = starts.length - 1;
    while (value > 0 && starts[value] > match.index) value--;
    const local = values[value];
    const index = match.index - starts[value];
    return { value, match: { ...match, index, line: lineAt(local, index) } };
  });
}
