import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkProviderCredential, PROVIDER_CREDENTIALS } from "../../rules/provider-credentials";

/** The inputs a provider package's schema marks secret, as its generated Provider class lists them. */
function schemaSecrets(provider: string): string[] {
  const source = readFileSync(join(__dirname, "..", "..", "node_modules", "@pulumi", provider, "provider.js"), "utf8");
  const list = /additionalSecretOutputs:\s*\[([^\]]*)\]/.exec(source)?.[1] ?? "";
  return [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]).sort();
}

describe("rules/provider-credentials", () => {
  for (const provider of Object.keys(PROVIDER_CREDENTIALS)) {
    it(`lists exactly the secret provider inputs of @pulumi/${provider}'s schema`, () => {
      assert.deepEqual([...PROVIDER_CREDENTIALS[provider]].sort(), schemaSecrets(provider));
    });
  }

  it("refuses a plaintext credential and names the environment variable to use instead", () => {
    const [f] = checkProviderCredential("cloudflare:apiUserServiceKey", false);
    assert.match(f.fix!, /pulumi config set --secret cloudflare:apiUserServiceKey .*CLOUDFLARE_API_USER_SERVICE_KEY/);
    assert.deepEqual(checkProviderCredential("cloudflare:apiUserServiceKey", true), []);
    assert.deepEqual(checkProviderCredential("aws:region", false), []);
  });
});
