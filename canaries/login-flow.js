// @ts-check
/**
 * CloudWatch Synthetics browser canary for the login flow: loads the login page in the runtime's
 * headless Chromium and finds the form. When the stack names a test account, it also signs in and
 * checks that the browser reaches the dashboard. The password is read from Secrets Manager at run
 * time, by the secret's name. It never appears in config, state, the canary's environment or its
 * logs, and the HAR file, which would record the posted form, is turned off.
 *
 * The program zips this file as nodejs/node_modules/login-flow.js; the handler is `login-flow.handler`.
 */
"use strict";

/**
 * @typedef {{
 *   loginUrl: string, dashboardPath: string, usernameSelector: string, passwordSelector: string, submitSelector: string,
 *   username?: string, passwordSecretName?: string, passwordSecretRegion?: string, timeoutMs: number,
 * }} LoginCheck
 * @typedef {{ status(): number }} PageResponse
 * @typedef {{
 *   goto(url: string, options: { waitUntil: "domcontentloaded", timeout: number }): Promise<PageResponse | null>,
 *   $(selector: string): Promise<unknown | null>,
 *   type(selector: string, text: string): Promise<void>,
 *   click(selector: string): Promise<void>,
 *   waitForNavigation(options: { waitUntil: "domcontentloaded", timeout: number }): Promise<unknown>,
 *   url(): string,
 * }} Page  The part of puppeteer's Page this script uses.
 * @typedef {{
 *   step: <T>(name: string, run: () => Promise<T>) => Promise<T>,
 *   page: () => Promise<Page>,
 *   password: (secretName: string, region: string | undefined) => Promise<string>,
 * }} Deps
 */

/** @param {NodeJS.ProcessEnv} env @returns {LoginCheck} */
function checkFromEnvironment(env) {
  const required = (/** @type {string} */ key) => {
    const v = env[key];
    if (!v) throw new Error(`environment variable ${key} is not set; the canary's runConfig sets it`);
    return v;
  };
  // One JSON variable for the form's selectors ({ username, password, submit }).
  const form = JSON.parse(required("LOGIN_FORM_SELECTORS"));
  return {
    loginUrl: required("LOGIN_URL"),
    dashboardPath: required("DASHBOARD_PATH"),
    usernameSelector: form.username,
    passwordSelector: form.password,
    submitSelector: form.submit,
    username: env.TEST_USERNAME || undefined,
    passwordSecretName: env.TEST_ACCOUNT_SECRETSMANAGER_ID || undefined,
    passwordSecretRegion: env.TEST_ACCOUNT_SECRETSMANAGER_REGION || undefined,
    timeoutMs: Number(env.STEP_TIMEOUT_MS || "15000"),
  };
}

/**
 * Open the login page; with a test account, sign in and reach the dashboard. Throws (failing the run)
 * with a one-line reason at the first step that does not hold.
 * @param {LoginCheck} check
 * @param {Deps} deps
 * @returns {Promise<{ signedIn: boolean, landedOn: string }>}
 */
async function loginFlow(check, deps) {
  const page = await deps.page();
  const wait = { waitUntil: /** @type {const} */ ("domcontentloaded"), timeout: check.timeoutMs };
  await deps.step("Open the login page", async () => {
    const response = await page.goto(check.loginUrl, wait);
    const status = response ? response.status() : 0;
    if (status !== 200) throw new Error(`${check.loginUrl} answered ${status}, expected 200`);
    for (const selector of [check.usernameSelector, check.passwordSelector, check.submitSelector]) {
      if (!(await page.$(selector))) throw new Error(`${check.loginUrl} has no ${selector}; the login form changed or did not render`);
    }
  });
  if (!check.username || !check.passwordSecretName) return { signedIn: false, landedOn: new URL(page.url()).pathname };

  const { username, passwordSecretName } = check;
  const password = await deps.password(passwordSecretName, check.passwordSecretRegion);
  await deps.step("Sign in with the test account", async () => {
    await page.type(check.usernameSelector, username);
    await page.type(check.passwordSelector, password);
    await Promise.all([page.waitForNavigation(wait), page.click(check.submitSelector)]);
  });
  return deps.step("Reach the dashboard", async () => {
    const landedOn = new URL(page.url()).pathname;
    if (!landedOn.startsWith(check.dashboardPath)) {
      throw new Error(`after signing in as ${username} the browser is at ${landedOn}, not ${check.dashboardPath}: the login flow is broken or the test account is locked`);
    }
    return { signedIn: true, landedOn };
  });
}

/**
 * `require` of a module only the canary runtime has.
 * @param {string} name
 * @returns {any}
 */
function runtimeModule(name) {
  return require(name);
}

/** The runtime's Synthetics library (its browser page and steps) and Secrets Manager. @returns {Deps} */
function runtimeDeps() {
  const synthetics = runtimeModule("@aws/synthetics-puppeteer");
  // No HAR file: it would record the posted form, password included. Screenshots only when a step fails.
  synthetics.getConfiguration().setConfig({ har: false, screenshotOnStepStart: false, screenshotOnStepSuccess: false, screenshotOnStepFailure: true });
  const { SecretsManagerClient, GetSecretValueCommand } = runtimeModule("@aws-sdk/client-secrets-manager");
  return {
    step: (name, run) => synthetics.executeStep(name, run),
    page: () => synthetics.getPage(),
    password: async (secretName, region) => {
      const out = await new SecretsManagerClient(region ? { region } : {}).send(new GetSecretValueCommand({ SecretId: secretName }));
      if (!out.SecretString) throw new Error(`secret ${secretName} has no string value; store the test account's password as plain text`);
      return out.SecretString;
    },
  };
}

/** The Synthetics entry point (`login-flow.handler`). */
async function handler() {
  return loginFlow(checkFromEnvironment(process.env), runtimeDeps());
}

module.exports = { handler, loginFlow, checkFromEnvironment };
