/**
 * What a secret looks like, by name and by value. The config gate rejects a secret-looking variable
 * given as a plain value, and the policy pack flags a secret-looking value in any plaintext input, with
 * the same functions.
 */
import { Finding } from "./finding";
import { detectSecrets } from "./secret-detector";

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

/** "a GitLab token", "an AWS access key id": the detector's label as a phrase. */
export function withArticle(label: string): string {
  return `${/^(?:[aeio]|npm\b)/i.test(label) ? "an" : "a"} ${label}`;
}

/**
 * What kind of credential `value` looks like, or undefined; never echoes the value. The detector is
 * rules/secret-detector.ts; a name that says PUBLIC makes browser keys public by design.
 */
export function secretValueReason(value: string, name?: string): string | undefined {
  const found = detectSecrets(value, { browserKeysPublic: name !== undefined && DECLARED_PUBLIC.test(name.toUpperCase()) })[0];
  return found && withArticle(found.pattern);
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
  const byValue = secretValueReason(value, name);
  return byValue
    ? [{
        message: `the plain value of ${name} looks like ${byValue}`,
        ref: REF,
        fix: `declare it as { source: supplied } and run pulumi config set --secret --path 'appSecrets.${name}' (it prompts)`,
      }]
    : [];
}
