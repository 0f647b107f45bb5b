/**
 * What a secret looks like, by name and by value. The config gate rejects a secret-looking variable
 * given as a plain value, and the policy pack flags a secret-looking value in any plaintext input, with
 * the same functions.
 */
import { Finding } from "./finding";

const REF = "launch checklist: secrets";

/** An environment variable name as apps read it: upper-case words joined by `_`. */
export const ENV_VAR_NAME = /^[A-Z][A-Z0-9_]*$/;

/**
 * Connection strings carry a password inside the URL, so their names count as secret even though they
 * end in `_URL`: `DATABASE_URL`, `REDIS_URL`, `MONGODB_URI`, `AMQP_URL`, `SMTP_URL`, ...
 */
const CONNECTION_STRING = /(^|_)(DATABASE|DB|POSTGRES(QL)?|PG|MYSQL|MARIADB|MONGO(DB)?|REDIS|MEMCACHED?|AMQP|RABBITMQ|CLOUDAMQP|KAFKA|ELASTICSEARCH|OPENSEARCH|SMTP|IMAP)_(URL|URI|DSN|CONNECTION(_STRING)?)$/;

/**
 * A name that says its value is public: `STRIPE_PUBLISHABLE_KEY`, `JWT_PUBLIC_KEY`, `NEXT_PUBLIC_*`.
 * Those are shipped to browsers or handed out by design, so a plain value is correct.
 */
const DECLARED_PUBLIC = /(^|_)(PUBLIC|PUBLISHABLE)(_|$)/;

/** Name patterns, each with the reason printed when it matches. */
const SECRET_NAME_PATTERNS: readonly { pattern: RegExp; reason: string }[] = [
  { pattern: /(PASSWORD|PASSWD|PASSPHRASE)/, reason: "contains PASSWORD" },
  { pattern: /(^|_)(SECRET|SECRETS)(_|$)/, reason: "contains SECRET" },
  { pattern: /(^|_)TOKENS?$/, reason: "ends in _TOKEN" },
  { pattern: /(^|_)KEY$|APIKEY$/, reason: "ends in _KEY" },
  { pattern: /(^|_)ACCESS_KEY_ID$/, reason: "is an access key id" },
  { pattern: /(^|_)(PRIVATE|CREDENTIALS?|SALT|PEPPER|PWD|PASS)(_|$)/, reason: "names a private credential" },
  { pattern: /(^|_)DSN$/, reason: "ends in _DSN (a connection string)" },
  { pattern: CONNECTION_STRING, reason: "is a connection string that embeds a password" },
];

/** Why `name` looks like it holds a secret, or undefined when it does not. */
export function secretNameReason(name: string): string | undefined {
  const upper = name.toUpperCase();
  if (DECLARED_PUBLIC.test(upper)) return undefined;
  return SECRET_NAME_PATTERNS.find((p) => p.pattern.test(upper))?.reason;
}

export function looksSecretByName(name: string): boolean {
  return secretNameReason(name) !== undefined;
}

/**
 * Value shapes that are credentials whatever the variable is called: a password inside a URL, a PEM
 * private key, and the prefixes of well-known API keys (Stripe, Slack, GitHub, AWS, SendGrid).
 */
const SECRET_VALUE_PATTERNS: readonly { pattern: RegExp; reason: string }[] = [
  { pattern: /^[a-z][a-z0-9+.-]*:\/\/[^/@\s:]*:[^/@\s]+@/i, reason: "a URL with a password in it" },
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, reason: "a PEM private key" },
  { pattern: /\b(sk|rk)_(live|test)_[A-Za-z0-9]{10,}/, reason: "a Stripe secret key" },
  { pattern: /\bwhsec_[A-Za-z0-9]{10,}/, reason: "a webhook signing secret" },
  { pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/, reason: "a Slack token" },
  { pattern: /\bhooks\.slack\.com\/services\/[A-Za-z0-9/]+/, reason: "a Slack incoming-webhook URL" },
  { pattern: /\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}|\bgithub_pat_[A-Za-z0-9_]{20,}/, reason: "a GitHub token" },
  { pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/, reason: "an AWS access key id" },
  { pattern: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/, reason: "a SendGrid API key" },
];

/** What kind of credential `value` looks like, or undefined. Never echoes the value. */
export function secretValueReason(value: string): string | undefined {
  return SECRET_VALUE_PATTERNS.find((p) => p.pattern.test(value))?.reason;
}

/** A plain (non-secret) environment variable that should have been a secret. */
export function checkPlainVariable(name: string, value: string): Finding[] {
  const byName = secretNameReason(name);
  if (byName) {
    return [{
      message: `${name} looks like a secret (its name ${byName}) but is given as a plain value`,
      ref: REF,
      fix: `declare it as { source: supplied } and run pulumi config set --secret --path 'appSecrets.${name}' (it prompts), or { source: generated }; a public value needs PUBLIC in its name`,
    }];
  }
  const byValue = secretValueReason(value);
  return byValue
    ? [{
        message: `the plain value of ${name} looks like ${byValue}`,
        ref: REF,
        fix: `declare it as { source: supplied } and run pulumi config set --secret --path 'appSecrets.${name}' (it prompts)`,
      }]
    : [];
}
