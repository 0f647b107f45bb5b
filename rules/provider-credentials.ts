/**
 * The credential settings of the providers this program uses: the provider inputs each package's schema
 * marks secret (its Provider class lists them in `additionalSecretOutputs`; test/rules/provider-credentials
 * reads them from node_modules/@pulumi/<provider>/provider.js, so a provider upgrade that adds one fails the
 * test instead of passing silently). Each may be set only as a secure value (`pulumi config set --secret`)
 * or left unset for the provider's environment variable.
 */
import { Finding } from "./finding";

export const PROVIDER_CREDENTIALS: Readonly<Record<string, readonly string[]>> = {
  aws: ["accessKey", "secretKey", "token"],
  cloudflare: ["apiKey", "apiToken", "apiUserServiceKey"],
  random: [],
};

/** `cloudflare:apiToken`, ...: every provider credential as a stack config key. */
export const PROVIDER_CREDENTIAL_KEYS: readonly string[] = Object.entries(PROVIDER_CREDENTIALS).flatMap(([p, keys]) => keys.map((k) => `${p}:${k}`));

/** The environment variable each provider reads instead, the fix offered besides --secret. */
const ENVIRONMENT: Record<string, string> = {
  "aws:accessKey": "AWS_ACCESS_KEY_ID", "aws:secretKey": "AWS_SECRET_ACCESS_KEY", "aws:token": "AWS_SESSION_TOKEN",
  "cloudflare:apiKey": "CLOUDFLARE_API_KEY", "cloudflare:apiToken": "CLOUDFLARE_API_TOKEN", "cloudflare:apiUserServiceKey": "CLOUDFLARE_API_USER_SERVICE_KEY",
};

/** A provider credential stored in plaintext (or with any plaintext leaf): a finding naming the fix. */
export function checkProviderCredential(key: string, storedSecure: boolean): Finding[] {
  if (storedSecure || !PROVIDER_CREDENTIAL_KEYS.includes(key)) return [];
  const env = ENVIRONMENT[key];
  return [{
    message: "is stored in plaintext",
    ref: "launch checklist: secrets",
    fix: `remove it, rotate it (it has been in a plaintext file), and run pulumi config set --secret ${key} (it prompts)${env ? `, or export ${env} instead` : ""}`,
  }];
}
