import { strict as assert } from "node:assert";
import { BURST_HEADER } from "../../verifier/checks/burst";
import { BurstTarget, expectationsFor } from "../../verifier/expectations";
import type { Scorecard } from "../../verifier/scorecard";
import { Fixture, startProdFixture } from "./fixture/harness";
import type { FixtureRateLimit, FixtureRequest } from "./fixture/web-server";

const LOGIN = "https://app.example.com/login";
const ROW = `${LOGIN} (rule auth)`;

function row(card: Scorecard) {
  const r = card.rows.find((x) => x.area === "RateLimits" && x.check === ROW);
  assert.ok(r, `no RateLimits row; rows: ${card.rows.map((x) => x.check).join(", ")}`);
  return r;
}

const isBurst = (r: FixtureRequest) => r.headers[BURST_HEADER] !== undefined;

/** The edge's login rule as a test plays it, in place of the declared ones. */
const loginRule = (limit: number, answer: FixtureRateLimit["answer"] = "429"): FixtureRateLimit[] => [{ zone: "example.com", paths: ["/login"], limit, periodMs: 60_000, answer }];

/**
 * `verify --burst` against the loopback fixture's edge, which plays the prod stack's auth rule (5 requests
 * per 60 s on the login route) as declared, or as a test sets it: on time, late, never, or already
 * tripped. The fixture's request log shows what the burst sent, to which host, and when.
 */
describe("verify --burst (the login route's rate limit proven live)", function () {
  let fx: Fixture;
  let targets: BurstTarget[];

  before(async () => {
    fx = await startProdFixture();
    targets = expectationsFor(fx.config, { burst: { timeoutMs: 15_000 } }).burst;
  });
  after(async () => fx?.stop());
  beforeEach(() => {
    fx.running.requests.length = 0;
    fx.expectations.burst = structuredClone(targets);
  });
  afterEach(() => {
    fx.reset();
    fx.expectations.burst = [];
    delete fx.expectations.burstUncovered;
    fx.expectations.rateLimits[0].requestsPerPeriod = 5;
  });

  it("aims one burst at the login route of the stack's app host for each rule covering it, bounded by the rule's period and the timeout", () => {
    assert.deepEqual(targets, [{ url: LOGIN, rule: { name: "auth", requestsPerPeriod: 5, period: 60, mitigationTimeout: 600, action: "block" }, configPath: "zones[0].edge.rateLimits[0]", timeLimitMs: 12_000 }]);
    assert.deepEqual(expectationsFor(fx.config).burst, [], "no burst unless asked for");
  });

  it("passes when the edge answers 429 right after the declared limit, and says at which request", async () => {
    const card = await fx.audit(["RateLimits"]);
    assert.equal(row(card).status, "pass", row(card).detail);
    assert.match(row(card).detail, /^the edge answered 429 at request 6 of at most 8; 6 sent in \d+\.\d s$/);
    const sent = fx.running.requests.filter(isBurst);
    assert.deepEqual(sent.map((r) => `${r.method} ${r.scheme}://${r.host}${r.path} ${r.headers[BURST_HEADER]}`), [1, 2, 3, 4, 5, 6].map((n) => `GET https://app.example.com/login burst ${n}/8`));
  });

  it("passes a managed-challenge rule when the edge answers with its challenge page", async () => {
    fx.expectations.burst[0].rule.action = "managed_challenge";
    fx.world.rateLimits = loginRule(5, "challenge");
    const card = await fx.audit(["RateLimits"]);
    assert.equal(row(card).status, "pass", row(card).detail);
    assert.match(row(card).detail, /^the edge answered 403 \(cf-mitigated: challenge\) at request 6 of at most 8;/);
  });

  it("fails a login route the edge never limits, after exactly the limit plus three requests", async () => {
    fx.world.rateLimits = [];
    const card = await fx.audit(["RateLimits"]);
    assert.equal(row(card).status, "fail");
    assert.match(row(card).detail, /^https:\/\/app\.example\.com\/login answered 8 burst requests in \d+\.\d s without a 429 or challenge, 3 past the declared limit \(rule auth: 5 per 60 s, block for 600 s\) \(launch checklist: rate limiting\); check that the rule is deployed/);
    assert.equal(fx.running.requests.filter(isBurst).length, 8);
  });

  it("fails a limit that trips more than three requests past the declared one, and stops there", async () => {
    fx.world.rateLimits = loginRule(9);
    const card = await fx.audit(["RateLimits"]);
    assert.equal(row(card).status, "fail");
    assert.match(row(card).detail, /answered 8 burst requests .* without a 429 or challenge, 3 past the declared limit/);
    assert.equal(fx.running.requests.filter(isBurst).length, 8, "the burst never reaches the late limit's 10th request");
  });

  it("warns without proving the threshold when the route is limited from the first request", async () => {
    fx.world.rateLimits = loginRule(0);
    const card = await fx.audit(["RateLimits"]);
    assert.equal(row(card).status, "warn");
    assert.match(row(card).detail, /was limited from the first burst request .* the rule is live but its threshold is unproven .*; wait out the mitigation timeout \(600 s\) and run the burst alone: npm run verify -- --stack <name> --burst --only RateLimits$/);
    assert.equal(fx.running.requests.filter(isBurst).length, 1);
  });

  it("stops at its time bound and warns that the limit is unproven", async () => {
    fx.expectations.burst[0].timeLimitMs = 250;
    fx.clock.real(); // the burst's time bound reads performance.now(): the server must really take 150 ms
    fx.world.override = (req) => (req.path === "/login" ? { status: 200, body: "sign in", delayMs: 150 } : undefined);
    const card = await fx.audit(["RateLimits"]);
    assert.equal(row(card).status, "warn");
    const sent = fx.running.requests.filter(isBurst).length;
    assert.ok(sent >= 1 && sent <= 2, `${sent} requests in a 250 ms bound at 150 ms each`);
    assert.match(row(card).detail, new RegExp(`^https://app\\.example\\.com/login: only ${sent} of 8 burst requests fit in \\d+\\.\\d s, the time bound`));
  });

  it("sends nothing when the declared limit plus three is over the hard cap of 100", async () => {
    fx.expectations.burst[0].rule.requestsPerPeriod = 98;
    const card = await fx.audit(["RateLimits"]);
    assert.equal(row(card).status, "warn");
    assert.match(row(card).detail, /allows more than the burst's cap of 100 requests \(limit plus 3\); no burst sent/);
    assert.deepEqual(fx.running.requests, []);
  });

  it("runs after every other row, so the block it provokes turns no other row red", async () => {
    const card = await fx.audit();
    const log = fx.running.requests;
    const firstBurst = log.findIndex(isBurst);
    assert.ok(firstBurst > 0 && log.slice(firstBurst).every(isBurst), "every other row's request came before the burst began");
    assert.deepEqual(card.rows.filter((r) => r.status === "fail").map((r) => `${r.area} ${r.check}`), []);
    assert.deepEqual(log.filter((r) => r.status === 429 && !isBurst(r)), [], "no other row's request was limited");
  });

  it("counts what the run's other rows sent to the rule within its period: the edge limits that much sooner", async () => {
    const card = await fx.audit();
    const spent = fx.running.requests.filter((r) => !isBurst(r) && r.host.endsWith("example.com") && /^\/(login|password\/reset|invitations\/accept)/.test(r.path)).length;
    assert.equal(spent, 4, "verify's share of the auth rule: its limit of 5 less one for a person at this address");
    assert.equal(row(card).status, "pass", row(card).detail);
    assert.match(row(card).detail, /^after 4 requests of this run's other rows within the period, the edge answered 429 at request 2 of at most 4;/);
    assert.equal(fx.running.requests.filter(isBurst).length, 2);
  });

  it("fails an edge that lets the whole declared limit through after the run's own requests, naming what the run spent", async () => {
    fx.world.rateLimits = loginRule(9);
    const card = await fx.audit();
    assert.equal(row(card).status, "fail");
    assert.match(row(card).detail, /answered 4 burst requests .* without a 429 or challenge, 3 past the declared limit \(rule auth: 5 per 60 s, block for 600 s; this run had already sent 4 requests the rule counts within its period\)/);
  });

  it("expects the edge to limit from the first request when the run had spent the whole limit", async () => {
    // A limit of 1 leaves verify its one request (never less), and the burst nothing.
    fx.expectations.rateLimits[0].requestsPerPeriod = 1;
    fx.expectations.burst[0].rule.requestsPerPeriod = 1;
    fx.world.rateLimits = loginRule(1);
    const card = await fx.audit(["Secrets", "RateLimits"]);
    assert.equal(row(card).status, "pass", row(card).detail);
    assert.match(row(card).detail, /^after 1 request of this run's other rows within the period, the edge answered 429 at request 1 of at most 3;/);
  });

  it("says in a row of its own that there is nothing to prove when no rule covers the login route", async () => {
    fx.expectations.burst = [];
    fx.expectations.burstUncovered = { url: LOGIN, rulesKey: "zones[0].edge.rateLimits" };
    const card = await fx.audit(["RateLimits"]);
    assert.deepEqual(card.rows.map((r) => [r.check, r.status, r.detail]), [[`${LOGIN} (no rule)`, "warn", `nothing to prove: no rate-limit rule covers ${LOGIN}, so no burst was sent (launch checklist: rate limiting); add a rule whose routes include login to zones[0].edge.rateLimits`]]);
    assert.deepEqual(fx.running.requests, []);
  });

  it("sends no burst request without --burst", async () => {
    fx.expectations.burst = [];
    const card = await fx.audit();
    assert.equal(card.rows.filter((r) => r.area === "RateLimits").length, 0);
    const login = fx.running.requests.filter((r) => r.host === "app.example.com" && r.path === "/login");
    assert.ok(login.length > 0, "the other rows do load the login page");
    assert.deepEqual(login.filter(isBurst), []);
  });
});
