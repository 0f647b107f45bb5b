import { strict as assert } from "node:assert";
import { LATENCY_THRESHOLD_MS } from "../../rules/alerting";
import { Loopback, startLoopback } from "./loopback";

// The script as the runtime loads it: plain JavaScript from canaries/.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkEndpoint, checkFromEnvironment } = require("../../canaries/api-check.js");

const SLOW_MS = 700;

describe("canaries/api-check.js against a loopback HTTPS endpoint", () => {
  let site: Loopback;
  let steps: string[];
  let published: { canary: string; ms: number }[];
  before(async () => {
    site = await startLoopback((req, _body, res) => {
      const send = (status: number, body: string) => { res.writeHead(status, { "content-type": "application/json" }); res.end(body); };
      if (req.url === "/api/health") send(200, '{"status":"ok","db":"ok"}');
      else if (req.url === "/api/slow") setTimeout(() => send(200, '{"status":"ok"}'), SLOW_MS);
      else if (req.url === "/api/degraded") send(200, '{"status":"degraded"}');
      else send(503, '{"status":"down"}');
    });
  });
  after(() => site.close());
  beforeEach(() => { steps = []; published = []; });

  const deps = () => ({
    step: (name: string, run: () => Promise<unknown>) => { steps.push(name); return run(); },
    publish: async (canary: string, ms: number) => { published.push({ canary, ms }); },
    agent: site.agent,
  });
  const check = (path: string) => ({ url: site.url("api.example.com", path), expectedStatus: 200, bodyContains: '"status":"ok"', canaryName: "ls-prod-api-health", timeoutMs: 5000 });

  it("passes a healthy endpoint in one step and publishes its response time as one raw value", async () => {
    const result = await checkEndpoint(check("/api/health"), deps());
    assert.equal(result.status, 200);
    assert.deepEqual(steps, [`GET ${site.url("api.example.com", "/api/health")}`]);
    assert.equal(published.length, 1);
    assert.equal(published[0].canary, "ls-prod-api-health");
    assert.ok(published[0].ms > 0 && published[0].ms < SLOW_MS, `published ${published[0].ms} ms`);
  });

  it("passes a slow endpoint but publishes a response time over the 500 ms bar, which the p95 alarm reads", async () => {
    const result = await checkEndpoint(check("/api/slow"), deps());
    assert.equal(result.status, 200);
    assert.ok(published[0].ms >= SLOW_MS && published[0].ms > LATENCY_THRESHOLD_MS, `published ${published[0].ms} ms`);
  });

  it("fails a run whose body lacks the uptime check's search string, still publishing the time", async () => {
    await assert.rejects(checkEndpoint(check("/api/degraded"), deps()), {
      message: `${site.url("api.example.com", "/api/degraded")}: body does not contain "\\"status\\":\\"ok\\""`,
    });
    assert.equal(published.length, 1);
  });

  it("fails a run on a broken endpoint, naming the status it got", async () => {
    await assert.rejects(checkEndpoint(check("/api/broken"), deps()), {
      message: `${site.url("api.example.com", "/api/broken")}: status 503, expected 200; body does not contain "\\"status\\":\\"ok\\""`,
    });
  });

  it("fails a run that gets no response within its timeout, publishing nothing", async () => {
    await assert.rejects(checkEndpoint({ ...check("/api/slow"), timeoutMs: 100 }, deps()), { message: "no response within 100 ms" });
    assert.deepEqual(published, []);
  });

  it("reads the endpoint from the environment the canary's runConfig sets, and names a missing variable", () => {
    assert.deepEqual(checkFromEnvironment({ CHECK_URL: "https://api.example.com/api/health", EXPECTED_STATUS: "200", BODY_CONTAINS: '"status":"ok"', CANARY_NAME: "ls-prod-api-health", REQUEST_TIMEOUT_MS: "10000" }), {
      url: "https://api.example.com/api/health", expectedStatus: 200, bodyContains: '"status":"ok"', canaryName: "ls-prod-api-health", timeoutMs: 10000,
    });
    assert.throws(() => checkFromEnvironment({ EXPECTED_STATUS: "200" }), { message: "environment variable CHECK_URL is not set; the canary's runConfig sets it" });
  });
});
