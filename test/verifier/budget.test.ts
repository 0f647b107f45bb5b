import { strict as assert } from "node:assert";
import { parseStackConfig } from "../../gate/load";
import { OBSERVATORY_CORS_ORIGIN } from "../../rules/observatory/scan";
import { countsUrl } from "../../rules/request-budget";
import { PAGE_ACCEPT } from "../../verifier/probes";
import type { Scorecard } from "../../verifier/scorecard";
import { shippedConfig } from "../support/harness";
import { Fixture, startProdFixture } from "./fixture/harness";
import type { FixtureRequest } from "./fixture/web-server";

const LOGIN = "https://app.example.com/login";

function row(card: Scorecard, area: string, check: string) {
  const r = card.rows.find((x) => x.area === area && x.check === check);
  assert.ok(r, `no ${area} row ${check}; rows: ${card.rows.map((x) => `${x.area} ${x.check}`).join(", ")}`);
  return r;
}

const notPassing = (card: Scorecard) => card.rows.filter((r) => r.status !== "pass" && !r.detail.startsWith("skipped: no browser")).map((r) => `${r.status} ${r.area} ${r.check}`);
/** A portal's root answering a logged-out visitor with a redirect to its login page, as real B2B portals do (http:// goes to https:// first, at the edge). */
function rootToLogin(fx: Fixture): void {
  const host = fx.config.app.host;
  const app = fx.world.hosts[host];
  fx.world.override = (req) => (req.scheme === "https" && req.host === host && req.path === "/" && req.method === "GET" ? { status: 302, headers: { ...app.headers, location: "/login" } } : undefined);
}

const url = (r: FixtureRequest) => `${r.scheme}://${r.host}${r.path}${r.query}`;

/** Requests the fixture received that each declared rule counts, by rule name. */
function countedByRule(fx: Fixture): Record<string, number> {
  return Object.fromEntries(fx.expectations.rateLimits.map((rule) => [rule.name, fx.running.requests.filter((r) => countsUrl(rule, url(r))).length]));
}

/**
 * verify's request budget against the loopback fixture, whose edge enforces the stack's declared rate
 * limits in every run (on the fixture's clock): a full run stays within them, and rows the budget cannot
 * serve warn, naming the rule, rather than failing on the stack's own 429s.
 */
describe("verify's request budget under the stack's own rate limits", function () {
  describe("the prod stack (auth: 5 per 60 s on login, reset and invitation)", function () {
    let fx: Fixture;
    let declared: Fixture["expectations"]["rateLimits"];

    before(async () => {
      fx = await startProdFixture();
      declared = structuredClone(fx.expectations.rateLimits);
    });
    after(async () => fx?.stop());
    beforeEach(() => {
      fx.running.requests.length = 0;
    });
    afterEach(() => {
      fx.reset();
      fx.expectations.rateLimits = structuredClone(declared);
      fx.expectations.latency.samples = 2;
    });

    it("keeps a full run within every declared rule, limit less one, so no request is answered 429 and no row fails", async () => {
      const card = await fx.audit();
      // auth: two legacy /login.php redirects, the page their final hop and the secrets scan share, one latency sample; api: CORS and health samples.
      assert.deepEqual(countedByRule(fx), { auth: 4, api: 18 });
      assert.deepEqual(fx.running.requests.filter((r) => r.status === 429).map(url), []);
      assert.deepEqual(card.rows.filter((r) => r.status === "fail").map((r) => `${r.area} ${r.check}`), []);
    });

    it("gets 429s and failed rows when the run does not plan its requests under the rules", async () => {
      fx.expectations.rateLimits = [];
      const card = await fx.audit();
      assert.ok(fx.running.requests.some((r) => r.status === 429), "the fixture's edge limited the run");
      assert.ok(card.rows.some((r) => r.status === "fail"), "a 429 turned a row red");
    });

    it("turns rows the budget cannot serve into warnings that name the rule under a tighter one (2 per 60 s)", async () => {
      fx.expectations.rateLimits[0].requestsPerPeriod = 2;
      fx.world.rateLimits[0].limit = 2;
      const card = await fx.audit();
      assert.deepEqual(notPassing(card), ["warn Redirects https://example.com/login.php?probe=launch-stack", "warn Redirects https://www.example.com/login.php?probe=launch-stack", `warn Latency ${LOGIN}`]);
      assert.match(row(card, "Redirects", "https://example.com/login.php?probe=launch-stack").detail, /^not checked: rule auth allows 2 per 60 s \(zones\[0\]\.edge\.rateLimits\[0\]\); verify keeps to 1 of them, .*; check it alone once the rule's period \(60 s\) has passed: npm run verify -- --stack <name> --only Redirects$/);
      assert.equal(countedByRule(fx).auth, 1);
      assert.deepEqual(fx.running.requests.filter((r) => r.status === 429).map(url), []);
    });

    it("gives a row checked alone with --only the whole of verify's share, and says how many samples it got", async () => {
      fx.expectations.latency.samples = 5;
      const card = await fx.audit(["Latency"]);
      assert.match(row(card, "Latency", LOGIN).detail, /^p95 \d+ ms, median \d+ ms over 4 of 5 requests; rule auth allows 5 per 60 s$/);
      assert.match(row(card, "Latency", "https://app.example.com/api/health").detail, /over 5 requests$/, "the health route samples fully within the api rule's 300");
      assert.equal(countedByRule(fx).auth, 4, "the warm-up opened the connection on the host's root, which no rule counts");
    });

    it("has no room in prod's 4 for a root that redirects to login: the app host's grade warns naming the rule, and nothing is answered 429", async () => {
      rootToLogin(fx);
      const card = await fx.audit();
      const grade = row(card, "Headers", "Observatory grade app.example.com");
      assert.equal(grade.status, "warn");
      assert.match(grade.detail, /^not checked: https:\/\/app\.example\.com\/login was not requested, as this row's part of the budget was spent \(rule auth allows 5 per 60 s/);
      assert.equal(countedByRule(fx).auth, 4);
      assert.deepEqual(fx.running.requests.filter((r) => r.status === 429).map(url), []);
    });

    it("does not send a counted request the row did not plan, and warns that the row was not checked", async () => {
      const app = fx.world.hosts["app.example.com"];
      app.pages["/login"] = { status: 200, type: "text/html", body: `<!doctype html><script src="/login/bundle.js"></script>` };
      const card = await fx.audit(["Secrets"]);
      const secrets = row(card, "Secrets", LOGIN);
      assert.equal(secrets.status, "warn");
      assert.match(secrets.detail, /^not checked: https:\/\/app\.example\.com\/login\/bundle\.js was not requested, as this row's part of the budget was spent/);
      assert.deepEqual(fx.running.requests.filter((r) => r.path === "/login/bundle.js"), []);
    });
  });

  describe("the staging stack (auth-and-api: 20 per 10 s on login, reset, invitation, API and webhooks)", function () {
    let fx: Fixture;

    before(async () => {
      fx = await startProdFixture({ config: parseStackConfig(shippedConfig("staging")) });
    });
    after(async () => fx?.stop());

    beforeEach(() => {
      fx.running.requests.length = 0;
    });
    afterEach(() => fx.reset());

    it("grades the app host whose root sends a logged-out visitor to /login, planning that page and its preflight, with no row left unchecked", async () => {
      rootToLogin(fx);
      fx.running.requests.length = 0;
      const card = await fx.audit();
      const grade = row(card, "Headers", "Observatory grade app.example.org");
      assert.deepEqual([grade.status, grade.grade?.grade], ["warn", "C+"], grade.detail);
      assert.equal(row(card, "Headers", "https://app.example.org/").status, "pass");
      assert.deepEqual(card.rows.filter((r) => /not checked|not sampled|not requested/.test(r.detail)).map((r) => `${r.area} ${r.check}: ${r.detail}`), []);
      assert.deepEqual(card.rows.filter((r) => r.status === "fail").map((r) => `${r.area} ${r.check}: ${r.detail}`), []);
      assert.deepEqual(fx.running.requests.filter((r) => r.status === 429).map(url), []);
      const scanned = fx.running.requests.filter((r) => r.host === "app.example.org" && r.path === "/login" && (r.method === "OPTIONS" ? r.headers.origin === OBSERVATORY_CORS_ORIGIN : true));
      assert.deepEqual([...new Set(scanned.map((r) => `${r.method} ${r.path}${r.query}`))].sort(), ["GET /login", "OPTIONS /login"]);
      // Latency samples GET it too, each a request of its own (accept */*); the page GET is asked once.
      assert.equal(scanned.filter((r) => r.method === "GET" && r.headers.accept === PAGE_ACCEPT).length, 1, "one GET of /login for the grade's https:// and http:// chains and the secrets scan");
    });

    it("keeps a full run within the one rule, so no request is answered 429 and no row fails", async () => {
      const card = await fx.audit();
      assert.ok(countedByRule(fx)["auth-and-api"] <= 19, `${countedByRule(fx)["auth-and-api"]} counted requests, over the limit less one`);
      assert.deepEqual(fx.running.requests.filter((r) => r.status === 429).map(url), []);
      assert.deepEqual(card.rows.filter((r) => r.status === "fail").map((r) => `${r.area} ${r.check}: ${r.detail}`), []);
    });
  });
});
