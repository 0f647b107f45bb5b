import { strict as assert } from "node:assert";
import { parseStackConfig } from "../../gate/load";
import { BURST_HEADER } from "../../verifier/checks/burst";
import { BurstTarget, expectationsFor } from "../../verifier/expectations";
import type { Scorecard } from "../../verifier/scorecard";
import { editedConfig } from "../support/harness";
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
    assert.match(row(card).detail, /^the edge answered 429 at request 6 of at most 8 \(expected at request 6\); 6 sent in \d+\.\d s$/);
    const sent = fx.running.requests.filter(isBurst);
    assert.deepEqual(sent.map((r) => `${r.method} ${r.scheme}://${r.host}${r.path} ${r.headers[BURST_HEADER]}`), [1, 2, 3, 4, 5, 6].map((n) => `GET https://app.example.com/login burst ${n}/8`));
  });

  it("passes a managed-challenge rule when the edge answers with its challenge page", async () => {
    fx.expectations.burst[0].rule.action = "managed_challenge";
    fx.world.rateLimits = loginRule(5, "challenge");
    const card = await fx.audit(["RateLimits"]);
    assert.equal(row(card).status, "pass", row(card).detail);
    assert.match(row(card).detail, /^the edge answered 403 \(cf-mitigated: challenge\) at request 6 of at most 8 \(expected at request 6\);/);
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
    assert.match(row(card).detail, /^after 4 requests of this run's other rows within the period \(2 answered by the stack's redirects, which the edge may not count\), the edge answered 429 at request 2 of at most 6 \(expected at request 2 to 4\);/);
    assert.equal(fx.running.requests.filter(isBurst).length, 2);
  });

  it("fails an edge that lets the whole declared limit through after the run's own requests, naming what the run spent", async () => {
    // 10: even with the run's two legacy /login.php redirects left out of the count, past the margin.
    fx.world.rateLimits = loginRule(10);
    const card = await fx.audit();
    assert.equal(row(card).status, "fail");
    assert.match(row(card).detail, /answered 6 burst requests .* without a 429 or challenge, 3 past the declared limit \(rule auth: 5 per 60 s, block for 600 s; this run had already sent 4 requests the rule counts within its period, 2 of them answered by the stack's redirect rules, which the edge may not count\)/);
  });

  it("expects the edge to limit from the first request when the run had spent the whole limit", async () => {
    // A limit of 1 leaves verify its one request (never less), and the burst nothing.
    fx.expectations.rateLimits[0].requestsPerPeriod = 1;
    fx.expectations.burst[0].rule.requestsPerPeriod = 1;
    fx.world.rateLimits = loginRule(1);
    const card = await fx.audit(["Secrets", "RateLimits"]);
    assert.equal(row(card).status, "pass", row(card).detail);
    assert.match(row(card).detail, /^after 1 request of this run's other rows within the period, the edge answered 429 at request 1 of at most 3 \(expected at request 1\);/);
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

  describe("with requests the stack's own redirects answer, which the edge may or may not count", function () {
    let legacy: Fixture;
    let legacyTargets: BurstTarget[];
    const LEGACY = ["/login.php", "/login.aspx", "/login/old"];

    before(async () => {
      const config = parseStackConfig(editedConfig("prod", (c) => {
        const zone = c.zones.find((z: { domain: string }) => z.domain === "example.com");
        zone.legacyPaths = [...zone.legacyPaths.filter((p: { from: string }) => !p.from.endsWith("/login.php")), ...LEGACY.map((p) => ({ from: `https://example.com${p}`, to: LOGIN }))];
      }));
      legacy = await startProdFixture({ config });
      legacyTargets = expectationsFor(config, { burst: { timeoutMs: 15_000 } }).burst;
    });
    after(async () => legacy?.stop());
    beforeEach(() => {
      legacy.running.requests.length = 0;
      legacy.expectations.burst = structuredClone(legacyTargets);
    });
    afterEach(() => legacy.reset());

    const redirected = (f: Fixture) => f.running.requests.filter((r) => !isBurst(r) && r.status === 301 && /^\/login[./]/.test(r.path)).length;

    it("passes a clean launch whose edge counts the redirect-answered requests, limiting at the low end of the range", async () => {
      const card = await legacy.audit();
      assert.equal(redirected(legacy), 3, "the run's redirect rows sent three legacy /login* requests");
      assert.equal(row(card).status, "pass", row(card).detail);
      assert.match(row(card).detail, /^after 4 requests of this run's other rows within the period \(3 answered by the stack's redirects, which the edge may not count\), the edge answered 429 at request 2 of at most 7 \(expected at request 2 to 5\);/);
    });

    it("passes a clean launch whose edge does not count them (as Cloudflare's Single Redirects phase very likely means), limiting at the high end", async () => {
      legacy.world.redirectsUncounted = true;
      const card = await legacy.audit();
      assert.equal(row(card).status, "pass", row(card).detail);
      assert.match(row(card).detail, /the edge answered 429 at request 5 of at most 7 \(expected at request 2 to 5\);/);
      assert.equal(legacy.running.requests.filter(isBurst).length, 5);
    });

    it("still fails an edge that never limits, after the margin past the high end", async () => {
      legacy.world.redirectsUncounted = true;
      legacy.world.rateLimits = [];
      const card = await legacy.audit();
      assert.equal(row(card).status, "fail");
      assert.match(row(card).detail, /answered 7 burst requests .* without a 429 or challenge, 3 past the declared limit \(rule auth: 5 per 60 s, block for 600 s; this run had already sent 4 requests the rule counts within its period, 3 of them answered by the stack's redirect rules, which the edge may not count\)/);
      assert.equal(legacy.running.requests.filter(isBurst).length, 7);
    });
  });

  describe("with two rules covering the login route", function () {
    let two: Fixture;
    let twoTargets: BurstTarget[];
    const SECOND = `${LOGIN} (rule login-strict)`;

    before(async () => {
      // The api rule also covering the login route (the plan allows two rules), with a limit the run's requests
      // and the first burst's reach: counted alone, it would look limited right on time.
      const config = parseStackConfig(editedConfig("prod", (c) => {
        c.zones[0].edge.rateLimits[1] = { name: "login-strict", routes: ["api", "webhooks", "login"], requestsPerPeriod: 6, period: 60, mitigationTimeout: 600, action: "block" };
      }));
      two = await startProdFixture({ config });
      twoTargets = expectationsFor(config, { burst: { timeoutMs: 15_000 } }).burst;
    });
    after(async () => two?.stop());
    afterEach(() => two.reset());

    it("warns, never passes, the later rule once the earlier rule's burst tripped, naming both and sending nothing for it", async () => {
      two.expectations.burst = structuredClone(twoTargets);
      assert.deepEqual(twoTargets.map((t) => t.rule.name), ["auth", "login-strict"]);
      const card = await two.audit();
      assert.equal(row(card).status, "pass", row(card).detail);
      const second = card.rows.find((r) => r.check === SECOND);
      assert.ok(second);
      assert.equal(second.status, "warn", second.detail);
      assert.match(second.detail, /^https:\/\/app\.example\.com\/login: rule login-strict's threshold is unproven: rule auth's burst tripped on the same route first, so the edge's block there is rule auth's; no burst sent for rule login-strict .*; prove each rule by itself: wait out rule auth's mitigation timeout \(600 s\), then npm run verify -- --stack <name> --burst --only RateLimits with only rule login-strict covering the login route/);
      assert.deepEqual(two.running.requests.filter(isBurst).map((r) => r.headers[BURST_HEADER]), ["burst 1/6", "burst 2/6"], "only the first rule's burst was sent");
    });
  });
});
