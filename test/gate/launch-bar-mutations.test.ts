/**
 * Single-change mutations of the shipped prod stack, one row per class of launch-bar violation or deploy
 * failure: each must be refused at the config gate (a ConfigError, which `npm run plan` turns into exit 2
 * and `pulumi up` into a one-line error before any resource) with a line naming the exact key path.
 */
import { strict as assert } from "node:assert";
import { ConfigError } from "../../config/errors";
import { parseStackConfig, RawConfig } from "../../gate/load";
import { rmSync } from "node:fs";
import { readStackFile } from "../../offline/stack-file";
import { shippedStackDoc, tempDir, writeStackDoc } from "../cli/plan-fixture";
import { editedConfig, shippedConfig } from "../support/harness";

type Json = Record<string, any>;

interface Mutation {
  /** What the change breaks, as the test's name. */
  name: string;
  /** The single change, on a deep copy of the prod config objects; or on the stack file's YAML document (secure leaves, provider keys). */
  edit?: (c: Json) => void;
  doc?: (config: Json) => void;
  /** The key path, namespace included, the problem line must start with. */
  keyPath: string;
  /** Text the line must contain (the fix or the reason). */
  says?: RegExp;
}

const com = (c: Json) => c.zones[0];

export const MUTATIONS: Mutation[] = [
  // SPF that authorizes the world in disguise
  { name: "an ip4 term wider than /16", edit: (c) => { com(c).email.spf = ["ip4:0.0.0.0/1"]; }, keyPath: "launch-stack:zones[0].email.spf[0]", says: /close to \+all/ },
  { name: "an ip6 term wider than /32", edit: (c) => { com(c).email.spf = ["ip6:2000::/3"]; }, keyPath: "launch-stack:zones[0].email.spf[0]", says: /IPv6/ },
  { name: "an a term with a /8 network", edit: (c) => { com(c).email.spf = ["a/8"]; }, keyPath: "launch-stack:zones[0].email.spf[0]" },
  { name: "a neutral ?ip4 term over half the Internet", edit: (c) => { com(c).email.spf = ["?ip4:128.0.0.0/1"]; }, keyPath: "launch-stack:zones[0].email.spf[0]" },
  // Destinations that provably cannot receive
  { name: "a DMARC rua on the stack's null-MX domain", edit: (c) => { com(c).email.dmarc.rua = ["dmarc@example.net"]; }, keyPath: "launch-stack:zones[0].email.dmarc.rua[0]", says: /null MX/ },
  { name: "a TLS-RPT rua on the stack's null-MX domain", edit: (c) => { com(c).email.tlsRpt.rua = ["tls@example.net"]; }, keyPath: "launch-stack:zones[0].email.tlsRpt.rua[0]" },
  { name: "an alert mailbox on the stack's null-MX domain", edit: (c) => { c.monitoring.alerts.emails[1] = "oncall@example.net"; }, keyPath: "launch-stack:monitoring.alerts.emails[1]" },
  { name: "a CAA iodef on the stack's null-MX domain", edit: (c) => { com(c).caaIodef = "mailto:security@example.net"; }, keyPath: "launch-stack:zones[0].caaIodef" },
  { name: "the parked domain reporting to itself", edit: (c) => { c.zones[1].email.dmarc.rua = ["dmarc-reports@example.net"]; }, keyPath: "launch-stack:zones[1].email.dmarc.rua[0]" },
  // Weakened mail transport in prod
  { name: "MTA-STS mode none in prod", edit: (c) => { com(c).email.mtaSts.mode = "none"; }, keyPath: "launch-stack:zones[0].email.mtaSts.mode", says: /RFC 8461 §8\.3/ },
  // Caching that reaches private pages
  { name: "a static path of / (every page)", edit: (c) => { com(c).edge.staticAssetPaths = ["/"]; }, keyPath: "launch-stack:zones[0].edge.staticAssetPaths[0]" },
  { name: "a static path inside a private page", edit: (c) => { com(c).edge.staticAssetPaths = ["/assets/", "/billing/exports/"]; }, keyPath: "launch-stack:zones[0].edge.staticAssetPaths[1]" },
  { name: "a static path over the API route", edit: (c) => { com(c).edge.staticAssetPaths = ["/api/"]; }, keyPath: "launch-stack:zones[0].edge.staticAssetPaths[0]" },
  { name: "a static path over the login route", edit: (c) => { com(c).edge.staticAssetPaths = ["/log"]; }, keyPath: "launch-stack:zones[0].edge.staticAssetPaths[0]" },
  { name: "the app host not authenticated", edit: (c) => { com(c).hosts.app.authenticated = false; }, keyPath: "launch-stack:zones[0].hosts.app.authenticated" },
  { name: "the API host not authenticated", edit: (c) => { delete com(c).hosts.api.authenticated; }, keyPath: "launch-stack:zones[0].hosts.api.authenticated" },
  // Paths compared as raw strings
  { name: "a static path that is the API in upper case", edit: (c) => { com(c).edge.staticAssetPaths = ["/API/"]; }, keyPath: "launch-stack:zones[0].edge.staticAssetPaths[0]" },
  { name: "a static path that is the API percent-encoded", edit: (c) => { com(c).edge.staticAssetPaths = ["/%61pi/"]; }, keyPath: "launch-stack:zones[0].edge.staticAssetPaths[0]" },
  { name: "a static path that reaches the API through dot segments", edit: (c) => { com(c).edge.staticAssetPaths = ["/assets/../api/"]; }, keyPath: "launch-stack:zones[0].edge.staticAssetPaths[0]" },
  { name: "a static path that is a private page behind doubled slashes", edit: (c) => { com(c).edge.staticAssetPaths = ["//account"]; }, keyPath: "launch-stack:zones[0].edge.staticAssetPaths[0]" },
  { name: "an uptime check on a private page spelled with percent-encoding", edit: (c) => { c.monitoring.checks.status.url = "https://app.example.com/%64ashboard"; }, keyPath: "launch-stack:monitoring.checks.status.url" },
  { name: "an uptime check on a private page behind doubled slashes and case", edit: (c) => { c.monitoring.checks.status.url = "https://app.example.com//Settings/profile"; }, keyPath: "launch-stack:monitoring.checks.status.url" },
  // Plaintext credentials, in any string value of the config
  { name: "a GitLab token in a WAF rule description", edit: (c) => { com(c).edge.customRules[0].description = "Temporary: glpat-xY3kLm9PqR2sT5vW8zA1 for the CI runner"; }, keyPath: "launch-stack:zones[0].edge.customRules[0].description", says: /gitlab personal access token/ },
  { name: "an OpenAI key as an uptime search string", edit: (c) => { c.monitoring.checks["api-health"].searchString = `sk-proj-${"Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z".repeat(3).slice(0, 74)}T3BlbkFJ${"Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z".repeat(3).slice(0, 74)}`; }, keyPath: 'launch-stack:monitoring.checks["api-health"].searchString' },
  { name: "a password in an uptime check URL's userinfo", edit: (c) => { c.monitoring.checks.status.url = "https://monitor:Hunter2Hunter2x@status.example.com/"; }, keyPath: "launch-stack:monitoring.checks.status.url" },
  { name: "an npm token as the mailbox verification value", edit: (c) => { com(c).email.mailbox.verification = "npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"; }, keyPath: "launch-stack:zones[0].email.mailbox.verification" },
  { name: "a Twilio key in a trusted origin's query", edit: (c) => { c.app.trustedOrigins = ["https://app.example.com/?k=SK0123456789abcdef0123456789abcdef"]; }, keyPath: "launch-stack:app.trustedOrigins[0]" },
  { name: "a Mailgun key in a WAF rule expression", edit: (c) => { com(c).edge.customRules[0].expression = '(http.request.uri.query contains "key-0123456789abcdef0123456789abcdef")'; }, keyPath: "launch-stack:zones[0].edge.customRules[0].expression" },
  { name: "a GitHub fine-grained token under an innocent variable name", edit: (c) => { c.secrets.env.BUILD_INFO = `github_pat_${"Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z".repeat(3).slice(0, 82)}`; }, keyPath: "launch-stack:secrets.env.BUILD_INFO" },
  { name: "a Stripe secret key under an innocent variable name", edit: (c) => { c.secrets.env.BILLING = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"; }, keyPath: "launch-stack:secrets.env.BILLING" },
  // Half-secret values and provider credentials
  { name: "a plaintext leaf beside secure ones in appSecrets", doc: (c) => { c["launch-stack:appSecrets"].REDIS_URL = "redis://:hunter2@cache.internal:6379"; }, keyPath: "launch-stack:appSecrets.REDIS_URL", says: /beside secure values/ },
  { name: "a Cloudflare API token in plaintext", doc: (c) => { c["cloudflare:apiToken"] = "not-a-real-token-but-plaintext-0000"; }, keyPath: "cloudflare:apiToken", says: /CLOUDFLARE_API_TOKEN/ },
  { name: "a Cloudflare user service key in plaintext", doc: (c) => { c["cloudflare:apiUserServiceKey"] = "v1.0-0000-plaintext"; }, keyPath: "cloudflare:apiUserServiceKey" },
  { name: "an AWS session token in plaintext", doc: (c) => { c["aws:token"] = "FwoGZXIvYXdzEplaintext"; }, keyPath: "aws:token" },
  // Deploy failures caught before preview
  { name: "two rate limits with the same name (two rules with one ref)", edit: (c) => { com(c).edge.rateLimits[1].name = "auth"; }, keyPath: "launch-stack:zones[0].edge.rateLimits[1].name", says: /Rulesets API/ },
  { name: "an uptime check name that makes an alarm name over 255 characters", edit: (c) => { c.monitoring.checks[`status-${"x".repeat(240)}`] = { url: "https://status.example.com/" }; }, keyPath: `launch-stack:monitoring.checks["status-${"x".repeat(240)}"]`, says: /PutMetricAlarm/ },
  { name: "a secrets prefix that makes the KMS alias and IAM policy names too long", edit: (c) => { c.secrets.prefix = `${"portal".repeat(22)}/prod`; }, keyPath: "launch-stack:secrets.prefix", says: /CreatePolicy/ },
  { name: "a secrets prefix in AWS's reserved alias/aws/ space", edit: (c) => { c.secrets.prefix = "aws/prod"; }, keyPath: "launch-stack:secrets.prefix", says: /reserves/ },
  { name: "SSM parameter names beginning with ssm", edit: (c) => { c.secrets.store = "ssmParameterStore"; c.secrets.prefix = "ssmportal/prod"; }, keyPath: "launch-stack:secrets.env.DATABASE_URL" },
  { name: "SSM parameter names deeper than 15 levels", edit: (c) => { c.secrets.store = "ssmParameterStore"; c.secrets.prefix = "a/b/c/d/e/f/g/h/i/j/k/l/m/n/prod"; }, keyPath: "launch-stack:secrets.env.DATABASE_URL", says: /15 levels/ },
  { name: "an uptime check whose canary alarm name would pass 255 characters though its uptime alarms fit", edit: (c) => { c.monitoring.checks[`api-${"x".repeat(222)}`] = { url: "https://api.example.com/api/health", latencyAlarm: true }; }, keyPath: `launch-stack:monitoring.checks["api-${"x".repeat(222)}"]`, says: /would be 259 characters.*PutMetricAlarm/ },
  // Record uniqueness the DNS API enforces (name, type and content), against a record the stack generates
  { name: "an extra TXT record that repeats the generated mailbox verification", edit: (c) => { com(c).records = [{ type: "TXT", name: "@", content: com(c).email.mailbox.verification }]; }, keyPath: "launch-stack:zones[0].records[0]", says: /repeats TXT example\.com from zones\[0\]\.email\.mailbox\.verification/ },
  { name: "an extra MX record that repeats the generated MAIL FROM MX", edit: (c) => { com(c).records = [{ type: "MX", name: "mail", content: "feedback-smtp.us-east-2.amazonses.com", priority: 10 }]; }, keyPath: "launch-stack:zones[0].records[0]", says: /repeats MX mail\.example\.com from zones\[0\]\.email\.senders\[0\]/ },
  // Values that need knowledge, said at their key
  { name: "a Microsoft 365 mailbox without its tenant", edit: (c) => { com(c).email.mailbox = { provider: "microsoft-365" }; }, keyPath: "launch-stack:zones[0].email.mailbox.tenant", says: /is required: the Microsoft 365 tenant's initial-domain label.*dkimTargets/ },
  { name: "a Microsoft 365 tenant written as its full onmicrosoft.com domain", edit: (c) => { com(c).email.mailbox = { provider: "microsoft-365", tenant: "contoso.onmicrosoft.com" }; }, keyPath: "launch-stack:zones[0].email.mailbox.tenant", says: /before \.onmicrosoft\.com/ },
  { name: "a DKIM entry without its selector", edit: (c) => { com(c).email.dkim = [{ target: "s1.domainkey.u1.wl1.sendgrid.net" }]; }, keyPath: "launch-stack:zones[0].email.dkim[0].selector", says: /label before \._domainkey/ },
  { name: "a DKIM selector pasted with ._domainkey", edit: (c) => { com(c).email.dkim = [{ selector: "s1._domainkey.example.com", target: "s1.domainkey.u1.wl1.sendgrid.net" }]; }, keyPath: "launch-stack:zones[0].email.dkim[0].selector", says: /set the part before it: "s1"/ },
  { name: "a DKIM public key pasted as the whole record", edit: (c) => { com(c).email.mailbox.dkim.publicKey = `v=DKIM1; k=rsa; p=${com(c).email.mailbox.dkim.publicKey}`; }, keyPath: "launch-stack:zones[0].email.mailbox.dkim.publicKey", says: /only the base64 after p=/ },
  { name: "a SendGrid sender without its return-path label", edit: (c) => { com(c).email.senders.push({ provider: "sendgrid", host: "u1234567.wl123.sendgrid.net" }); }, keyPath: "launch-stack:zones[0].email.senders[1].returnPath", says: /is required: the return-path label SendGrid assigns/ },
  { name: "a SendGrid return path written as the full hostname", edit: (c) => { com(c).email.senders.push({ provider: "sendgrid", host: "u1234567.wl123.sendgrid.net", returnPath: "em1234.example.com" }); }, keyPath: "launch-stack:zones[0].email.senders[1].returnPath", says: /set "em1234"/ },
  // Messages
  { name: "a mailbox without its provider, said as required with the choices", edit: (c) => { delete com(c).email.mailbox.provider; }, keyPath: "launch-stack:zones[0].email.mailbox.provider", says: /^[^:]+:[^:]+: is required; set it to one of "google-workspace", "microsoft-365"$/ },
  { name: "a sender without its provider, said as required with the choices", edit: (c) => { delete com(c).email.senders[0].provider; }, keyPath: "launch-stack:zones[0].email.senders[0].provider", says: /: is required; set it to one of "amazon-ses", / },
  { name: "an extra record without its type, said as required with the choices", edit: (c) => { com(c).records = [{ name: "vpn", content: "203.0.113.9" }]; }, keyPath: "launch-stack:zones[0].records[0].type", says: /: is required; set it to one of "A", "AAAA", / },
  { name: "a secret variable without its source, said as required with the choices", edit: (c) => { c.secrets.env.DATABASE_URL = { rotation: 2 }; }, keyPath: "launch-stack:secrets.env.DATABASE_URL.source", says: /: is required; set it to one of "supplied", "generated"$/ },
  { name: "a key with no value (null), said so", edit: (c) => { c.monitoring.alerts = null; }, keyPath: "launch-stack:monitoring.alerts", says: /: has no value \(null\); set it to an object$/ },
  { name: "a misspelt nested key, with a did-you-mean", edit: (c) => { com(c).edge.rateLimit = com(c).edge.rateLimits; }, keyPath: "launch-stack:zones[0].edge", says: /"rateLimit" \(did you mean "rateLimits"\?\)/ },
  { name: "a misspelt top-level key, with a did-you-mean", edit: (c) => { c.monitorng = c.monitoring; }, keyPath: "launch-stack:monitorng", says: /did you mean launch-stack:monitoring\?/ },
  { name: "a missing required key, said as required", edit: (c) => { delete com(c).plan; }, keyPath: "launch-stack:zones[0].plan", says: /is required/ },
  { name: "a value with a newline, kept on one line", edit: (c) => { com(c).hosts.app.origin = "203.0.113.20\nevil"; }, keyPath: "launch-stack:zones[0].hosts.app.origin", says: /\\n/ },
];

function refusal(raw: RawConfig): ConfigError {
  try {
    parseStackConfig(raw);
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${(e as Error).stack}`);
    return e;
  }
  assert.fail("the mutated prod config was accepted");
}

let dir: string;

function mutated(m: Mutation): RawConfig {
  if (!m.doc) return m.edit ? editedConfig("prod", m.edit) : shippedConfig("prod");
  const doc = shippedStackDoc("prod");
  m.doc(doc.config);
  writeStackDoc(dir, "prod", doc);
  return readStackFile("prod", dir);
}

describe("config gate: single-change mutations of the shipped prod stack", () => {
  before(() => {
    dir = tempDir("launch-bar-mutations");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("accepts the shipped prod stack unchanged", () => {
    parseStackConfig(shippedConfig("prod"));
  });

  for (const m of MUTATIONS) {
    it(`refuses ${m.name}, naming ${m.keyPath}`, () => {
      const error = refusal(mutated(m));
      const line = error.problems.find((p) => p.startsWith(`${m.keyPath}: `));
      assert.ok(line, `no line names ${m.keyPath}:\n${error.problems.join("\n")}`);
      if (m.says) assert.match(line, m.says);
      for (const p of error.problems) assert.doesNotMatch(p, /\n/, "one problem, one line");
    });
  }
});
