import { strict as assert } from "node:assert";
import { checkPlainVariable, looksSecretByName, secretNameReason, secretValueReason } from "../../rules/secret-names";
import { findPlaintext } from "../support/find-plaintext";

describe("rules/secret-names", () => {
  describe("secretNameReason", () => {
    it("treats names ending in _KEY, _SECRET or _TOKEN as secret", () => {
      assert.equal(secretNameReason("STRIPE_SECRET_KEY"), "contains SECRET");
      assert.equal(secretNameReason("JWT_SIGNING_KEY"), "ends in _KEY");
      assert.equal(secretNameReason("SESSION_SECRET"), "contains SECRET");
      assert.equal(secretNameReason("GITHUB_TOKEN"), "ends in _TOKEN");
    });

    it("treats any name containing PASSWORD as secret, wherever it appears", () => {
      assert.equal(secretNameReason("SMTP_PASSWORD"), "contains PASSWORD");
      assert.equal(secretNameReason("PASSWORD_PEPPER"), "contains PASSWORD");
      assert.equal(secretNameReason("DB_PASSWORD_FILE_CONTENT"), "contains PASSWORD");
    });

    it("treats connection strings as secret because they embed a password", () => {
      for (const name of ["DATABASE_URL", "REDIS_URL", "MONGODB_URI", "AMQP_URL", "SMTP_URL", "SENTRY_DSN"]) assert.ok(looksSecretByName(name), name);
    });

    it("catches SECRET_KEY_BASE and AWS_ACCESS_KEY_ID, which no suffix rule alone would", () => {
      assert.equal(secretNameReason("SECRET_KEY_BASE"), "contains SECRET");
      assert.equal(secretNameReason("AWS_ACCESS_KEY_ID"), "is an access key id");
    });

    it("leaves ordinary configuration names alone", () => {
      for (const name of ["APP_BASE_URL", "LOG_LEVEL", "PORT", "NODE_ENV", "SESSION_TOKEN_TTL", "MONKEY", "BYPASS_CACHE", "S3_BUCKET"]) assert.equal(secretNameReason(name), undefined, name);
    });

    it("exempts names that declare themselves public", () => {
      for (const name of ["STRIPE_PUBLISHABLE_KEY", "JWT_PUBLIC_KEY", "NEXT_PUBLIC_API_KEY"]) assert.equal(looksSecretByName(name), false, name);
    });
  });

  describe("secretValueReason", () => {
    it("recognizes a password inside a URL", () => {
      assert.equal(secretValueReason("postgres://portal:hunter22@db.internal:5432/portal"), "a postgre sql connection (secretlint database-connection-string)");
      assert.equal(secretValueReason("amqp://portal:hunter22@mq.internal/portal"), "a URL with a password in it");
    });

    it("does not mistake an ordinary URL or a URL with only a user name for a credential", () => {
      assert.equal(secretValueReason("https://app.example.com/login"), undefined);
      assert.equal(secretValueReason("ssh://deploy@host.example.com"), undefined);
    });

    it("recognizes well-known API key shapes", () => {
      const pem = `-----BEGIN RSA PRIVATE KEY-----\n${"MIIEowIBAAKCAQEA5QQG0spDtLWOoJch0/1L7ur7nW9wK4YQ2Z2B5kOYJSUl2643DrAANPBAxzPn2Y".repeat(2)}\n-----END RSA PRIVATE KEY-----`;
      assert.equal(secretValueReason("sk_live_51Habcdefghijklmnop"), "a Stripe secret key");
      assert.equal(secretValueReason("xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"), "a slack token (secretlint slack)");
      assert.equal(secretValueReason("AKIAZ3XQ7R2MPL8VN4TW"), "an aws access key id (secretlint aws)");
      assert.equal(secretValueReason(pem), "a private key (secretlint privatekey)");
      assert.equal(secretValueReason("https://hooks.slack.com/services/T0123ABCD/B0123ABCD/abcdEFGHijklMNOPqrstUVWX"), "an incoming webhook (secretlint slack)");
    });

    it("recognizes the token shapes the old hand-kept list missed", () => {
      assert.equal(secretValueReason(`sk-proj-${"Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z".repeat(3).slice(0, 74)}T3BlbkFJ${"Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z".repeat(3).slice(0, 74)}`), "an openai token (secretlint openai)");
      assert.equal(secretValueReason("npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"), "an npm access token (secretlint npm)");
      assert.equal(secretValueReason("glpat-xY3kLm9PqR2sT5vW8zA1"), "a gitlab personal access token (secretlint gitlab)");
      assert.equal(secretValueReason("SK0123456789abcdef0123456789abcdef"), "a Twilio API key");
      assert.equal(secretValueReason("key-0123456789abcdef0123456789abcdef"), "a Mailgun API key");
      assert.equal(secretValueReason("AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q"), "a Google API key");
    });

    it("treats publishable keys, and a browser key under a PUBLIC name, as public by design", () => {
      assert.equal(secretValueReason("pk_live_4eC39HqLyjWDarjtT1zdp7dc"), undefined);
      assert.equal(secretValueReason("AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q", "NEXT_PUBLIC_MAPS_KEY"), undefined);
    });
  });

  describe("checkPlainVariable", () => {
    it("explains why a plain secret-looking name is wrong and how to supply it instead", () => {
      assert.deepEqual(checkPlainVariable("STRIPE_SECRET_KEY", "x"), [{
        message: "STRIPE_SECRET_KEY looks like a secret (its name contains SECRET) but is given as a plain value",
        ref: "launch checklist: secrets",
        fix: "declare it as { source: supplied } and run pulumi config set --secret --path 'appSecrets.STRIPE_SECRET_KEY' (it prompts), or { source: generated }; a public value needs PUBLIC in its name",
      }]);
    });

    it("flags a credential-shaped value under an innocent name without repeating the value", () => {
      const findings = checkPlainVariable("BILLING", "sk_live_51Habcdefghijklmnop");
      assert.equal(findings[0].message, "the plain value of BILLING looks like a Stripe secret key");
      assert.ok(!JSON.stringify(findings).includes("sk_live_51Habcdefghijklmnop"));
    });

    it("accepts an ordinary plain variable", () => {
      assert.deepEqual(checkPlainVariable("LOG_LEVEL", "info"), []);
    });
  });

  describe("findPlaintext", () => {
    const SECRET = "s3cr3t-value-0001";
    const sealed = (n: unknown) => typeof n === "object" && n !== null && (n as { sealed?: boolean }).sealed === true;

    it("finds a needle inside a nested string and reports its path and index, not its value", () => {
      assert.deepEqual(findPlaintext({ a: [{ b: `prefix ${SECRET} suffix` }] }, ["other", SECRET]), [{ path: "a[0].b", needle: 1 }]);
    });

    it("finds a needle used as an object key", () => {
      assert.deepEqual(findPlaintext({ outer: { [SECRET]: 1 } }, [SECRET]), [{ path: `outer.${SECRET} (key)`, needle: 0 }]);
    });

    it("skips subtrees the caller marks as sealed", () => {
      assert.deepEqual(findPlaintext({ x: { sealed: true, value: SECRET } }, [SECRET], sealed), []);
    });

    it("scans a bare string such as a captured log", () => {
      assert.deepEqual(findPlaintext(`log line with ${SECRET}\n`, [SECRET]), [{ path: "", needle: 0 }]);
    });

    it("matches regular expressions as well as exact strings", () => {
      assert.deepEqual(findPlaintext({ k: "sk_live_51Habcdefghijklmnop" }, [/sk_live_\w+/]), [{ path: "k", needle: 0 }]);
    });

    it("ignores an empty needle instead of matching everything", () => {
      assert.deepEqual(findPlaintext({ k: "v" }, [""]), []);
    });
  });
});
