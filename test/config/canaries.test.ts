import { strict as assert } from "node:assert";
import { parseStackConfig } from "../../gate/load";
import { configProblems, editedConfig, shippedConfig } from "../support/harness";

describe("config: monitoring.canaries", () => {
  it("defaults to every minute on the newest listed runtime, two failed runs to alarm, artifacts kept 7 and 31 days", () => {
    const c = parseStackConfig(shippedConfig("staging")).monitoring.canaries;
    assert.deepEqual([c.rateMinutes, c.timeoutSeconds, c.runtimeVersion, c.successAlarm, c.successRetentionDays, c.failureRetentionDays], [
      1, 30, "syn-nodejs-puppeteer-15.0", { period: 60, evaluationPeriods: 2, datapointsToAlarm: 2 }, 7, 31,
    ]);
  });

  it("requires production to sign in with a test account or say why not", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => { delete c.monitoring.canaries; })), [
      "launch-stack:monitoring.canaries.login.testAccount: the login canary only loads the login page: nothing signs in, so a broken login or session store would go unnoticed (launch checklist: synthetic checks for the login flow); name a test account (username, and the Secrets Manager secret holding its password) or write noTestAccountReason",
    ]);
  });

  it("accepts a written reason instead of a test account", async () => {
    const config = parseStackConfig(editedConfig("prod", (c) => { c.monitoring.canaries = { login: { noTestAccountReason: "Login is SSO-only through Okta; the canary cannot hold a second factor" } }; }));
    assert.equal(config.monitoring.canaries.login.testAccount, undefined);
  });

  it("counts the schedule in the canary's time to alert and refuses one over five minutes", async () => {
    assert.deepEqual(await configProblems(editedConfig("staging", (c) => { c.monitoring.canaries.rateMinutes = 2; c.monitoring.canaries.successAlarm = { period: 120 }; })), [
      "launch-stack:monitoring.canaries.rateMinutes: canary time to alert is 120 s × 2 + 30 s + 120 s = 390 s, over the 300 s limit (launch checklist: monitoring); run the canaries more often, lower timeoutSeconds, or alarm on fewer failed datapoints",
    ]);
  });

  it("refuses a success alarm period shorter than the schedule, which would read empty minutes as failures", async () => {
    assert.deepEqual(await configProblems(editedConfig("staging", (c) => { c.monitoring.canaries.rateMinutes = 2; c.monitoring.canaries.successAlarm = { datapointsToAlarm: 1, evaluationPeriods: 1 }; })), [
      "launch-stack:monitoring.canaries.rateMinutes: the success alarm's 60 s period is shorter than the 2-minute schedule, so some periods have no run and read as failures (launch checklist: monitoring); set the alarm period to at least 120 s",
    ]);
  });

  it("refuses a deprecated runtime, naming the current ones", async () => {
    const problems = await configProblems(editedConfig("staging", (c) => { c.monitoring.canaries.runtimeVersion = "syn-nodejs-puppeteer-7.0"; }));
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^launch-stack:monitoring\.canaries\.runtimeVersion: .*syn-nodejs-puppeteer-15\.0/);
  });

  it("refuses a dashboard path that is not behind login, which would prove no sign-in", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => { c.monitoring.canaries.login.dashboardPath = "/welcome"; })), [
      "launch-stack:monitoring.canaries.login.dashboardPath: /welcome is not under app.privatePaths, so reaching it proves no sign-in; name a page behind login",
    ]);
  });

  it("refuses a password in place of a secret name", async () => {
    const problems = await configProblems(editedConfig("prod", (c) => { c.monitoring.canaries.login.testAccount.passwordSecretName = "hunter2 is my password"; }));
    assert.deepEqual(problems, ["launch-stack:monitoring.canaries.login.testAccount.passwordSecretName: must be a Secrets Manager secret name such as launch-stack/prod/canary-login-password"]);
  });
});
