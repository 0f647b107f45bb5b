import { strict as assert } from "node:assert";
import { existsSync } from "node:fs";
import { countsUrl } from "../../rules/request-budget";
import { BrowserPool, DEFAULT_CHROMIUM } from "../../verifier/browser";
import { browserChecks } from "../../verifier/checks/browser";
import type { Probes } from "../../verifier/probes";
import { DEFAULT_BROWSER_LOADS } from "../../verifier/expectations";
import type { Scorecard } from "../../verifier/scorecard";
import { Fixture, startProdFixture } from "./fixture/harness";
import type { FixtureResponse } from "./fixture/web-server";

const HOME = "https://example.com/";
const LOGIN = "https://app.example.com/login";
const html = (body: string) => ({ status: 200, type: "text/html; charset=utf-8", body });
const js = (body: string) => ({ status: 200, type: "text/javascript", body });

function row(card: Scorecard, url: string) {
  const r = card.rows.find((x) => x.area === "Browser" && x.check === url);
  assert.ok(r, `no Browser row for ${url}`);
  return r;
}

/**
 * Browser rows in headless Chromium (Debian's, through playwright-core) against loopback HTTPS pages built
 * for them. One browser for the whole file; each test plants one defect on the clean pages.
 */
describe("verifier browser rows (headless Chromium, mobile profile)", function () {
  let fx: Fixture;

  before(async function () {
    if (!existsSync(DEFAULT_CHROMIUM)) throw new Error(`${DEFAULT_CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
    fx = await startProdFixture({ browser: true });
  });
  after(async () => fx?.stop());
  beforeEach(() => {
    // Clean pages: first-party only (nothing may leave loopback), a session cookie set properly.
    fx.expectations.browser.loads = 2;
    const home = fx.world.hosts["example.com"];
    home.pages["/"] = html(`<!doctype html><html><head><title>Portal</title><script type="module" src="/assets/main.js"></script></head><body><h1>Client portal</h1><p>Invoices, files and messages in one place.</p></body></html>`);
    home.pages["/assets/main.js"] = js(`document.body.dataset.ready = "1";`);
    const app = fx.world.hosts["app.example.com"];
    app.pages["/login"] = html(`<!doctype html><html><body><h1>Sign in</h1><form method=post><input name=email></form></body></html>`);
    fx.world.override = (req) =>
      req.host === "app.example.com" && req.path === "/login" && req.method === "GET"
        ? { status: 200, headers: { ...app.headers, "content-type": "text/html", "set-cookie": ["session=7f3a9c; Path=/; Secure; HttpOnly; SameSite=Lax", "theme=dark; Path=/; Secure; SameSite=Lax"] }, body: app.pages["/login"].body }
        : undefined;
  });
  afterEach(() => {
    fx.reset();
    fx.expectations.browser.loads = 3;
    fx.expectations.rateLimits[0].requestsPerPeriod = 5;
  });

  it("fails the rows instead of skipping them when the browser is required but missing", async () => {
    const [home] = browserChecks(fx.expectations);
    const pool = new BrowserPool({ mode: "required", executablePath: "/nonexistent/chromium", connect: new Map(), acceptTestCertificates: false });
    const outcome = await home.run({ browser: pool, signal: new AbortController().signal } as unknown as Probes);
    assert.deepEqual(outcome, { status: "fail", detail: "skipped: no browser (/nonexistent/chromium not found (apt-get install chromium)); --browser required" });
  });

  it("passes the clean home and login pages", async () => {
    const card = await fx.audit(["Browser"]);
    assert.deepEqual(card.rows.map((r) => `${r.check} ${r.status}`), [`${HOME} pass`, `${LOGIN} pass`], card.rows.map((r) => r.detail).join("\n"));
    assert.match(row(card, HOME).detail, /^LCP \d\.\d\d, \d\.\d\d s; 1 script scanned/);
  });

  it("catches a key in a lazily loaded chunk the page imports after load", async () => {
    fx.world.hosts["example.com"].pages["/assets/main.js"] = js(`setTimeout(() => import("/assets/billing-9f2.js"), 50);`);
    fx.world.hosts["example.com"].pages["/assets/billing-9f2.js"] = js(`export const stripe = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";`);
    const card = await fx.audit(["Browser"]);
    assert.equal(row(card, HOME).status, "fail");
    assert.match(row(card, HOME).detail, /^Stripe [\w ]*key in https:\/\/example\.com\/assets\/billing-9f2\.js line 1: sk_l… \(32 characters\)/);
  });

  it("catches a page whose largest paint comes after 2.5 s", async () => {
    fx.expectations.browser.loads = 1;
    fx.world.hosts["example.com"].pages["/assets/main.js"] = js(`setTimeout(() => { const h = document.createElement("h1"); h.style.fontSize = "64px"; h.textContent = "Welcome back to the client portal"; document.body.append(h); }, 2700);`);
    fx.world.hosts["example.com"].pages["/"] = html(`<!doctype html><html><head><script type="module" src="/assets/main.js"></script></head><body></body></html>`);
    const card = await fx.audit(["Browser"]);
    assert.equal(row(card, HOME).status, "fail");
    // 2.7 s after the script runs: measured, or (on a loaded machine) past the watch window; over budget either way.
    assert.match(row(card, HOME).detail, /^https:\/\/example\.com\/ (?:LCP p75 is [2-9]\.\d\d s over 1 mobile loads|painted nothing within the watch window at the 75th percentile of 1 mobile loads); the (?:LCP )?budget is 2\.5 s/);
  });

  it("catches a login page that sets its session cookie without Secure, HttpOnly or SameSite", async () => {
    const app = fx.world.hosts["app.example.com"];
    fx.world.override = (req) => (req.host === "app.example.com" && req.path === "/login" ? { status: 200, headers: { ...app.headers, "content-type": "text/html", "set-cookie": ["connect.sid=s%3A7f3a9c; Path=/"] }, body: app.pages["/login"].body } : undefined);
    const card = await fx.audit(["Browser"]);
    assert.match(row(card, LOGIN).detail, /^https:\/\/app\.example\.com\/login sets cookie connect\.sid without Secure, HttpOnly, SameSite=Lax or Strict/);
  });

  it("catches mixed content and console errors", async () => {
    fx.world.hosts["example.com"].pages["/"] = html(`<!doctype html><html><head><script src="http://example.com/assets/legacy.js"></script><script>undefinedFunction()</script></head><body><h1>Portal</h1></body></html>`);
    const card = await fx.audit(["Browser"]);
    const text = row(card, HOME).detail;
    assert.match(text, /loads 1 resource over http:\/\/: http:\/\/example\.com\/assets\/legacy\.js/);
    assert.match(text, /logs 1 console error: "Uncaught ReferenceError: undefinedFunction is not defined|logs 1 console error: "undefinedFunction is not defined/);
  });

  describe("under the login route's rate limit (auth: 5 per 60 s, verify keeps to 4)", () => {
    /** The login page as a Next app serves it: it prefetches its own route's data, which the auth rule counts too. */
    const prefetching = () => {
      fx.world.hosts["app.example.com"].pages["/login"] = html(`<!doctype html><html><body><h1>Sign in</h1><script>fetch("/login?_rsc=1x9")</script></body></html>`);
    };
    const counted = () => fx.running.requests.filter((r) => r.host === "app.example.com" && r.path === "/login").map((r) => `${r.path}${r.query} ${r.status}`);

    const authCounted = () => fx.running.requests.filter((r) => countsUrl(fx.expectations.rateLimits[0], `${r.scheme}://${r.host}${r.path}${r.query}`)).map((r) => `${r.method} ${r.host}${r.path}${r.query} ${r.status}`);
    const area = (card: Scorecard, name: string, check: string) => card.rows.find((r) => r.area === name && r.check === check);

    it("checks the login page in Chromium on a default run: the redirects' final hop and the secrets scan share one request", async () => {
      fx.expectations.browser.loads = DEFAULT_BROWSER_LOADS;
      fx.running.requests.length = 0;
      // Every area whose rows the auth rule counts, so the same plan as a full run, without the other rows
      // competing with Chromium for the CPU (a loaded machine pushed the measured LCP past 2.5 s).
      const card = await fx.audit(["Redirects", "Secrets", "Browser", "Latency"]);
      assert.deepEqual(authCounted().sort(), [
        "GET app.example.com/login 200",
        "GET app.example.com/login?probe=launch-stack 200",
        "GET example.com/login.php?probe=launch-stack 301",
        "GET www.example.com/login.php?probe=launch-stack 301",
      ]);
      for (const legacy of ["https://example.com/login.php?probe=launch-stack", "https://www.example.com/login.php?probe=launch-stack"]) assert.equal(area(card, "Redirects", legacy)?.status, "pass", legacy);
      assert.equal(area(card, "Secrets", LOGIN)?.status, "pass", area(card, "Secrets", LOGIN)?.detail);
      assert.equal(row(card, LOGIN).status, "pass", row(card, LOGIN).detail);
      assert.match(row(card, LOGIN).detail, /\n\/login: 1 of 3 loads; rule auth allows 5 per 60 s$/);
      assert.deepEqual(card.rows.filter((r) => r.status !== "pass").map((r) => `${r.status} ${r.area} ${r.check}`), [`warn Latency ${LOGIN}`]);
    });

    it("judges the login page's cookies on a default run", async () => {
      const app = fx.world.hosts["app.example.com"];
      fx.world.override = (req) => (req.host === "app.example.com" && req.path === "/login" ? { status: 200, headers: { ...app.headers, "content-type": "text/html", "set-cookie": ["connect.sid=s%3A7f3a9c; Path=/"] }, body: app.pages["/login"].body } : undefined);
      const card = await fx.audit(["Redirects", "Secrets", "Browser", "Latency"]);
      assert.equal(row(card, LOGIN).status, "fail");
      assert.match(row(card, LOGIN).detail, /sets cookie connect\.sid without Secure, HttpOnly, SameSite=Lax or Strict/);
    });

    it("loads the page again only while the budget covers everything its first load asked for", async () => {
      prefetching();
      fx.running.requests.length = 0;
      const card = await fx.audit(["Browser"]);
      assert.equal(row(card, LOGIN).status, "pass", row(card, LOGIN).detail);
      assert.match(row(card, LOGIN).detail, /\n\/login: 1 of 2 loads; rule auth allows 5 per 60 s$/);
      assert.deepEqual(counted(), ["/login 200", "/login?_rsc=1x9 200"]);
    });

    it("answers a sub-request past the budget itself, never sending it, and does not count that as the page's console error", async () => {
      prefetching();
      fx.expectations.rateLimits[0].requestsPerPeriod = 2;
      fx.world.rateLimits[0].limit = 2;
      fx.running.requests.length = 0;
      const card = await fx.audit(["Browser"]);
      assert.equal(row(card, LOGIN).status, "pass", row(card, LOGIN).detail);
      assert.match(row(card, LOGIN).detail, /\n\/login: 1 of 2 loads; not sent: https:\/\/app\.example\.com\/login\?_rsc=1x9; rule auth allows 2 per 60 s$/);
      assert.deepEqual(counted(), ["/login 200"]);
    });

    it("meters a redirect into the login route before Chromium follows it, so no load reaches the edge's 429", async () => {
      fx.expectations.browser.loads = 3;
      const app = fx.world.hosts["app.example.com"];
      fx.world.override = (req): FixtureResponse | undefined =>
        req.host === "example.com" && req.path === "/" ? { status: 302, headers: { location: LOGIN } }
        : req.host === "app.example.com" && req.path === "/login" ? { status: 200, headers: { ...app.headers, "content-type": "text/html", "set-cookie": ["session=7f3a9c; Path=/; Secure; HttpOnly; SameSite=Lax"] }, body: app.pages["/login"].body }
        : undefined;
      fx.running.requests.length = 0;
      const card = await fx.audit(["Browser"]);
      assert.deepEqual(card.rows.map((r) => `${r.check} ${r.status}`), [`${HOME} pass`, `${LOGIN} pass`], card.rows.map((r) => r.detail).join("\n"));
      // auth keeps to 4: the login row's 3 loads, and the one left over for the home page's first hop.
      assert.deepEqual(counted(), ["/login 200", "/login 200", "/login 200", "/login 200"]);
      assert.match(row(card, HOME).detail, /\n\/: 1 of 3 loads; rule auth allows 5 per 60 s$/);
    });

    it("holds back a redirect into the login route past the row's budget, answering it itself, and warns that the page was not checked", async () => {
      fx.expectations.browser.loads = 3;
      fx.expectations.rateLimits[0].requestsPerPeriod = 4;
      fx.world.rateLimits[0].limit = 4;
      fx.world.override = (req) => (req.host === "example.com" && req.path === "/" ? { status: 302, headers: { location: LOGIN } } : undefined);
      fx.running.requests.length = 0;
      const card = await fx.audit(["Browser"]);
      assert.equal(row(card, HOME).status, "warn", row(card, HOME).detail);
      assert.match(row(card, HOME).detail, /^not checked: https:\/\/app\.example\.com\/login was not requested/);
      assert.deepEqual(counted(), ["/login 200", "/login 200", "/login 200"]);
    });
  });

  describe("under the API route's rate limit (api: 300 per 60 s)", () => {
    it("sends a NextAuth-style login page's own API calls from what the rule has left, so the page passes", async () => {
      const app = fx.world.hosts["app.example.com"];
      app.pages["/login"] = html(`<!doctype html><html><body><h1>Sign in</h1><script>
        for (const path of ["/api/auth/csrf", "/api/auth/session"]) fetch(path).then((r) => r.json()).catch((e) => console.error("[next-auth][error][CLIENT_FETCH_ERROR]", path, String(e)));
      </script></body></html>`);
      app.pages["/api/auth/csrf"] = { status: 200, type: "application/json", body: '{"csrfToken":"3f9a"}' };
      app.pages["/api/auth/session"] = { status: 200, type: "application/json", body: "{}" };
      fx.running.requests.length = 0;
      const card = await fx.audit(["Browser"]);
      assert.equal(row(card, LOGIN).status, "pass", row(card, LOGIN).detail);
      assert.deepEqual(fx.running.requests.filter((r) => r.path.startsWith("/api/")).map((r) => `${r.path} ${r.status}`), ["/api/auth/csrf 200", "/api/auth/session 200", "/api/auth/csrf 200", "/api/auth/session 200"]);
    });
  });
});
