// @ts-check
/**
 * CloudWatch Synthetics API canary: one HTTPS GET of a core endpoint per run. The run fails when the
 * status or the body is not what the uptime check expects, and each response time goes to CloudWatch
 * as one raw data point (LaunchStack/Canaries ResponseTime). CloudWatch computes percentiles only from
 * raw data points, and Synthetics documents its own Duration metric with Average only
 * (docs/latency-metrics.md), so the p95 alarm reads this metric.
 *
 * The program zips this file as nodejs/node_modules/api-check.js, the layout Node.js runtimes expect;
 * the handler is `api-check.handler`. The runtime provides the Synthetics library and the AWS SDK for
 * JavaScript v3; tests pass stand-ins for both through `deps`.
 */
"use strict";
const https = require("node:https");

/** Namespace and metric of the raw response times (rules/metric-statistics.ts lists them). */
const NAMESPACE = "LaunchStack/Canaries";
const METRIC = "ResponseTime";
/** Bytes of the body read for the string match: Route 53 reads 5120; an API health body is small. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * @typedef {{ url: string, expectedStatus: number, bodyContains?: string, canaryName: string, timeoutMs: number }} ApiCheck
 * @typedef {{ status: number, ms: number, body: string }} Response
 * @typedef {{
 *   step: <T>(name: string, run: () => Promise<T>) => Promise<T>,
 *   publish: (canaryName: string, ms: number) => Promise<void>,
 *   agent?: https.Agent,
 * }} Deps
 */

/** @param {NodeJS.ProcessEnv} env */
function checkFromEnvironment(env) {
  const required = (/** @type {string} */ key) => {
    const v = env[key];
    if (!v) throw new Error(`environment variable ${key} is not set; the canary's runConfig sets it`);
    return v;
  };
  /** @type {ApiCheck} */
  const check = {
    url: required("CHECK_URL"),
    expectedStatus: Number(required("EXPECTED_STATUS")),
    bodyContains: env.BODY_CONTAINS || undefined,
    canaryName: required("CANARY_NAME"),
    timeoutMs: Number(env.REQUEST_TIMEOUT_MS || "10000"),
  };
  return check;
}

/**
 * GET `url` without following redirects; time to the whole (capped) body, in milliseconds.
 * @param {string} url
 * @param {number} timeoutMs
 * @param {https.Agent | undefined} agent
 * @returns {Promise<Response>}
 */
function get(url, timeoutMs, agent) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = https.get(url, { agent, headers: { "user-agent": "launch-stack-canary", accept: "*/*" } }, (res) => {
      /** @type {Buffer[]} */
      const chunks = [];
      let size = 0;
      res.on("data", (/** @type {Buffer} */ chunk) => {
        if (size < MAX_BODY_BYTES) chunks.push(chunk);
        size += chunk.length;
      });
      res.on("end", () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        resolve({ status: res.statusCode ?? 0, ms, body: Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString("utf8") });
      });
      res.on("error", reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no response within ${timeoutMs} ms`)));
    req.on("error", reject);
  });
}

/**
 * One run: request, publish the response time, then judge status and body (so a slow error still
 * counts towards p95, and a wrong answer fails the run).
 * @param {ApiCheck} check
 * @param {Deps} deps
 */
async function checkEndpoint(check, deps) {
  return deps.step(`GET ${check.url}`, async () => {
    const response = await get(check.url, check.timeoutMs, deps.agent);
    await deps.publish(check.canaryName, response.ms);
    const problems = [];
    if (response.status !== check.expectedStatus) problems.push(`status ${response.status}, expected ${check.expectedStatus}`);
    if (check.bodyContains && !response.body.includes(check.bodyContains)) problems.push(`body does not contain ${JSON.stringify(check.bodyContains)}`);
    if (problems.length > 0) throw new Error(`${check.url}: ${problems.join("; ")}`);
    return { status: response.status, ms: response.ms };
  });
}

/**
 * `require` of a module only the canary runtime has (not installed here, so type-checked by the JSDoc above).
 * @param {string} name
 * @returns {any}
 */
function runtimeModule(name) {
  return require(name);
}

/** The runtime's Synthetics step runner and a CloudWatch client. @returns {Deps} */
function runtimeDeps() {
  const synthetics = runtimeModule("@aws/synthetics-puppeteer");
  const { CloudWatchClient, PutMetricDataCommand } = runtimeModule("@aws-sdk/client-cloudwatch");
  const cloudwatch = new CloudWatchClient({});
  return {
    step: (name, run) => synthetics.executeStep(name, run),
    publish: async (canaryName, ms) => {
      await cloudwatch.send(new PutMetricDataCommand({
        Namespace: NAMESPACE,
        MetricData: [{ MetricName: METRIC, Dimensions: [{ Name: "CanaryName", Value: canaryName }], Unit: "Milliseconds", Value: ms }],
      }));
    },
  };
}

/** The Synthetics entry point (`api-check.handler`). */
async function handler() {
  return checkEndpoint(checkFromEnvironment(process.env), runtimeDeps());
}

module.exports = { handler, checkEndpoint, checkFromEnvironment, NAMESPACE, METRIC };
