import { strict as assert } from "node:assert";
import { FormPage } from "./form-page";
import { Loopback, startLoopback } from "./loopback";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { loginFlow, checkFromEnvironment } = require("../../canaries/login-flow.js");

const USER = "synthetic-monitor@example.com";
const PASSWORD = "Canary-Test-Passw0rd-7f3e";
const LOGIN_FORM = `<!doctype html><title>Sign in</title>
<form method="post" action="/login"><input type="email" name="email"><input type="password" name="password"><button type="submit">Sign in</button></form>`;

describe("canaries/login-flow.js against a loopback HTTPS portal", () => {
  let portal: Loopback;
  /** "healthy", or "broken": the session store is down, so every sign-in lands back on the login page. */
  let mode: "healthy" | "broken" | "no-form";
  let steps: string[];
  let secretsAsked: [string, string | undefined][];
  before(async () => {
    portal = await startLoopback((req, body, res) => {
      const path = new URL(req.url!, "https://app.example.com").pathname;
      if (req.method === "GET" && path === "/login") {
        res.writeHead(200, { "content-type": "text/html" });
        res.end(mode === "no-form" ? "<!doctype html><p>Maintenance</p>" : LOGIN_FORM);
      } else if (req.method === "POST" && path === "/login") {
        const form = new URLSearchParams(body);
        const ok = mode === "healthy" && form.get("email") === USER && form.get("password") === PASSWORD;
        res.writeHead(303, { location: ok ? "/dashboard" : "/login?error=1", ...(ok ? { "set-cookie": "session=s3ss10n; Secure; HttpOnly" } : {}) });
        res.end();
      } else if (path === "/dashboard") {
        if ((req.headers.cookie ?? "").includes("session=s3ss10n")) { res.writeHead(200, { "content-type": "text/html" }); res.end("<h1>Dashboard</h1>"); }
        else { res.writeHead(302, { location: "/login" }); res.end(); }
      } else { res.writeHead(404); res.end(); }
    });
  });
  after(() => portal.close());
  beforeEach(() => { mode = "healthy"; steps = []; secretsAsked = []; });

  const check = (account = true) => ({
    loginUrl: portal.url("app.example.com", "/login"),
    dashboardPath: "/dashboard",
    usernameSelector: 'input[name="email"]',
    passwordSelector: 'input[type="password"]',
    submitSelector: 'button[type="submit"]',
    ...(account ? { username: USER, passwordSecretName: "launch-stack/prod/canary-login-password", passwordSecretRegion: "us-east-1" } : {}),
    timeoutMs: 5000,
  });
  const run = (page: FormPage, account = true) => loginFlow(check(account), {
    step: (name: string, fn: () => Promise<unknown>) => { steps.push(name); return fn(); },
    page: async () => page,
    password: async (name: string, region?: string) => { secretsAsked.push([name, region]); return PASSWORD; },
  });

  it("signs in with the test account and reaches the dashboard, in three steps", async () => {
    const result = await run(new FormPage(portal.agent));
    assert.deepEqual(result, { signedIn: true, landedOn: "/dashboard" });
    assert.deepEqual(steps, ["Open the login page", "Sign in with the test account", "Reach the dashboard"]);
    assert.deepEqual(secretsAsked, [["launch-stack/prod/canary-login-password", "us-east-1"]]);
  });

  it("fails when signing in lands back on the login page, naming the account but never the password", async () => {
    mode = "broken";
    const page = new FormPage(portal.agent);
    await assert.rejects(run(page), (err: Error) => {
      assert.equal(err.message, `after signing in as ${USER} the browser is at /login, not /dashboard: the login flow is broken or the test account is locked`);
      return true;
    });
    assert.ok(!steps.join(" ").includes(PASSWORD));
    assert.equal(page.sentBodies.length, 1, "the password left only in the one form post to the portal");
  });

  it("fails when the login page has no form, before asking for the password", async () => {
    mode = "no-form";
    await assert.rejects(run(new FormPage(portal.agent)), {
      message: `${portal.url("app.example.com", "/login")} has no input[name="email"]; the login form changed or did not render`,
    });
    assert.deepEqual(secretsAsked, []);
  });

  it("only loads the login page when no test account is named", async () => {
    const result = await run(new FormPage(portal.agent), false);
    assert.deepEqual([result, steps, secretsAsked], [{ signedIn: false, landedOn: "/login" }, ["Open the login page"], []]);
  });

  it("reads the flow from the environment the canary's runConfig sets: the secret's name, never a password", () => {
    const env = {
      LOGIN_URL: "https://app.example.com/login", DASHBOARD_PATH: "/dashboard",
      LOGIN_FORM_SELECTORS: JSON.stringify({ username: 'input[name="email"]', password: 'input[type="password"]', submit: 'button[type="submit"]' }),
      TEST_USERNAME: USER, TEST_ACCOUNT_SECRETSMANAGER_ID: "launch-stack/prod/canary-login-password", TEST_ACCOUNT_SECRETSMANAGER_REGION: "us-east-1",
    };
    assert.deepEqual(checkFromEnvironment(env), {
      loginUrl: "https://app.example.com/login", dashboardPath: "/dashboard",
      usernameSelector: 'input[name="email"]', passwordSelector: 'input[type="password"]', submitSelector: 'button[type="submit"]',
      username: USER, passwordSecretName: "launch-stack/prod/canary-login-password", passwordSecretRegion: "us-east-1", timeoutMs: 15000,
    });
  });
});
