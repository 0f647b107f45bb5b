import { strict as assert } from "node:assert";
import { BudgetRule, countsUrl, Demand, planBudget, refusedFinding, runAllowance, unsampledFinding, withheldFinding } from "../../rules/request-budget";

/** Prod's auth rule as the shipped stack declares it. */
const auth: BudgetRule = { name: "auth", configPath: "zones[0].edge.rateLimits[0]", domain: "example.com", paths: ["/login", "/password/reset", "/invitations/accept"], requestsPerPeriod: 5, period: 60, mitigationTimeout: 600 };
const api: BudgetRule = { name: "api", configPath: "zones[0].edge.rateLimits[1]", domain: "example.com", paths: ["/api/", "/webhooks/"], requestsPerPeriod: 300, period: 60, mitigationTimeout: 60 };

const LOGIN = "https://app.example.com/login";
const proof = (url: string, count = 1): Demand => ({ url, count, kind: "proof" });

describe("rules/request-budget", () => {
  describe("runAllowance", () => {
    it("leaves one request of the limit to people at the same address", () => {
      assert.equal(runAllowance({ requestsPerPeriod: 5 }), 4);
    });

    it("never allows a run less than one request, even under a limit of one", () => {
      assert.equal(runAllowance({ requestsPerPeriod: 1 }), 1);
    });
  });

  describe("countsUrl", () => {
    it("counts a route on any host of the rule's zone, the apex included", () => {
      assert.deepEqual([LOGIN, "https://example.com/login", "http://www.example.com/login"].map((u) => countsUrl(auth, u)), [true, true, true]);
    });

    it("counts every path the route is a prefix of, as starts_with does: a legacy /login.php and a prefetch's query too", () => {
      assert.deepEqual(["https://example.com/login.php", `${LOGIN}?_rsc=1x9`, `${LOGIN}/sso`].map((u) => countsUrl(auth, u)), [true, true, true]);
    });

    it("counts the path as the edge reads it: lower-cased and normalized", () => {
      assert.deepEqual(["https://app.example.com/LOGIN", "https://app.example.com/%6cogin", "https://app.example.com//login", "https://app.example.com/x/../login"].map((u) => countsUrl(auth, u)), [true, true, true, true]);
    });

    it("does not count another zone's hosts, a name that merely ends like the zone, or other paths", () => {
      assert.deepEqual(["https://example.net/login", "https://notexample.com/login", "https://app.example.com/", "https://app.example.com/log"].map((u) => countsUrl(auth, u)), [false, false, false, false]);
    });
  });

  describe("planBudget", () => {
    it("grants each row's proof requests whole, in row order, and refuses a row whose proof no longer fits, naming the rule", () => {
      const plan = planBudget([auth], [[proof("https://example.com/login.php"), proof(LOGIN)], [proof(LOGIN)], [proof(LOGIN, 2)], [proof(LOGIN)]]);
      assert.deepEqual(plan.rows.map((r) => r.refusedBy?.name ?? r.grants[auth.configPath]), [2, 1, "auth", 1]);
    });

    it("serves extra browser loads before latency samples, whatever order the rows are in, each as many as fit", () => {
      const plan = planBudget([auth], [[{ url: LOGIN, count: 5, kind: "latency-sample" }], [proof(LOGIN), { url: LOGIN, count: 2, kind: "extra-load" }]]);
      assert.deepEqual(plan.rows.map((r) => r.granted), [[1], [1, 2]]);
    });

    it("grants in full what no rule counts", () => {
      const plan = planBudget([auth], [[proof("https://app.example.com/", 40), { url: "https://example.com/", count: 9, kind: "latency-sample" }]]);
      assert.deepEqual(plan.rows[0], { grants: {}, granted: [40, 9], pool: {} });
    });

    it("grants a URL two rules count no more than the tighter of them leaves", () => {
      const both: BudgetRule = { ...api, configPath: "zones[0].edge.rateLimits[2]", name: "everything", paths: ["/"], requestsPerPeriod: 3 };
      const plan = planBudget([api, both], [[{ url: "https://app.example.com/api/health", count: 5, kind: "latency-sample" }]]);
      assert.deepEqual(plan.rows[0], { grants: { [api.configPath]: 2, [both.configPath]: 2 }, granted: [2], pool: {} });
    });

    it("charges a shared request once, to the first row that asks, and not to a row it then refuses", () => {
      const shared: Demand = { ...proof(LOGIN), shared: true };
      const plan = planBudget([auth], [[proof("https://example.com/login.php", 4), shared], [proof("https://example.com/login.php"), shared], [proof("https://www.example.com/login.php"), shared], [proof(LOGIN)]]);
      assert.deepEqual(plan.rows.map((r) => r.refusedBy?.name ?? r.grants[auth.configPath]), ["auth", 1, 1, 1]);
      assert.deepEqual(plan.shared, [LOGIN]);
    });

    it("splits what each rule has left after every named demand evenly among the rows asking for sub-requests, the first rows taking the odd ones", () => {
      const page = (url: string): Demand => ({ url, count: 0, kind: "sub-requests" });
      const plan = planBudget([auth, api], [[proof("https://example.com/"), page("https://example.com/")], [proof("https://example.com/login.php")], [proof(LOGIN), { url: LOGIN, count: 1, kind: "extra-load" }, page(LOGIN)], [{ url: "https://app.example.com/api/health", count: 20, kind: "latency-sample" }]]);
      assert.deepEqual(plan.rows.map((r) => r.pool), [{ [auth.configPath]: 1, [api.configPath]: 140 }, {}, { [api.configPath]: 139 }, {}]);
    });

    it("plans a page reached only through a redirect last, from what latency samples leave, a shared one whole or already granted", () => {
      const ifRedirected = (shared?: true): Demand => ({ url: LOGIN, count: 1, kind: "if-redirected", ...(shared ? { shared } : {}) });
      const rows: Demand[][] = [[ifRedirected(true), ifRedirected()], [proof("https://example.com/login.php", 2), { url: LOGIN, count: 1, kind: "latency-sample" }]];
      assert.deepEqual(planBudget([auth], rows).rows.map((r) => r.granted), [[1, 0], [2, 1]]);
      const withShared = planBudget([auth], [[ifRedirected(true), ifRedirected()], [proof("https://example.com/login.php", 3), { ...proof(LOGIN), shared: true }]]);
      assert.deepEqual(withShared.rows.map((r) => r.granted), [[1, 0], [3, 1]], "the page another row already asks for costs nothing more");
      assert.deepEqual(withShared.shared, [LOGIN]);
    });

    it("plans the same grants for the same rows every time", () => {
      const rows = [[proof("https://example.com/login.php"), { url: LOGIN, count: 3, kind: "latency-sample" as const }], [proof(LOGIN), { url: LOGIN, count: 2, kind: "extra-load" as const }]];
      assert.deepEqual(planBudget([auth], rows), planBudget([auth], rows));
    });
  });

  describe("findings", () => {
    it("warns that a refused row was not checked, naming the rule, verify's share of it and how to check it alone", () => {
      assert.deepEqual(refusedFinding(auth, "Browser"), {
        message: "not checked: rule auth allows 5 per 60 s (zones[0].edge.rateLimits[0]); verify keeps to 4 of them, leaving 1 for people at this address, and rows that prove more were planned to use them first",
        ref: "verify's rate-limit budget",
        fix: "check it alone once the rule's period (60 s) has passed: npm run verify -- --stack <name> --only Browser",
        severity: "warning",
      });
    });

    it("warns that an unsampled row got no request, and a withheld request was not sent, never failing either", () => {
      const one = { ...auth, requestsPerPeriod: 1 };
      assert.equal(unsampledFinding(one, LOGIN, "Latency").message, `${LOGIN} not sampled: rule auth allows 1 per 60 s (zones[0].edge.rateLimits[0]); verify keeps to 1 of them, leaving none for people at this address, all planned for rows that prove more`);
      assert.equal(withheldFinding(auth, `${LOGIN}/app.js`, "Secrets").message, `not checked: ${LOGIN}/app.js was not requested, as this row's part of the budget was spent (rule auth allows 5 per 60 s (zones[0].edge.rateLimits[0]); verify keeps to 4 of them, leaving 1 for people at this address)`);
      assert.deepEqual([unsampledFinding(one, LOGIN, "Latency").severity, withheldFinding(auth, LOGIN, "Secrets").severity], ["warning", "warning"]);
    });
  });
});
