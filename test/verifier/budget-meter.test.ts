import { strict as assert } from "node:assert";
import type { BudgetRule } from "../../rules/request-budget";
import { countedUrlPattern } from "../../verifier/browser";
import { OverBudget, RunBudget } from "../../verifier/budget";

const auth: BudgetRule = { name: "auth", configPath: "zones[0].edge.rateLimits[0]", domain: "example.com", paths: ["/login", "/password/reset"], requestsPerPeriod: 5, period: 60, mitigationTimeout: 600 };
const LOGIN = "https://app.example.com/login";

/** A run of `rows` (each row's proof requests to the login route) on a clock the test moves. */
function run(rows: number[], clock = { ms: 0 }) {
  return { budget: new RunBudget([auth], rows.map((n) => (n ? [{ url: LOGIN, count: n, kind: "proof" as const }] : [])), () => clock.ms), clock };
}

describe("verifier/budget (the run's rate-limit budget where requests leave)", () => {
  it("lets a row send what it was granted and refuses the next request, naming the rule and how to check the row alone", () => {
    const meter = run([2]).budget.meter(0, "Secrets");
    meter.take(LOGIN);
    meter.take(`${LOGIN}?next=%2F`);
    assert.throws(() => meter.take(LOGIN), (e: unknown) => e instanceof OverBudget && /^not checked: https:\/\/app\.example\.com\/login was not requested/.test(e.message) && /--only Secrets$/.test(e.finding.fix ?? ""));
  });

  it("never limits what no rule counts", () => {
    const meter = run([0]).budget.meter(0, "Headers");
    for (let i = 0; i < 50; i++) meter.take("https://app.example.com/");
    assert.equal(meter.remaining("https://app.example.com/"), Infinity);
  });

  it("lets the burst past the budget, and still records what it sent", () => {
    const { budget } = run([4, 0]);
    budget.meter(0, "Secrets").take(LOGIN);
    const burst = budget.meter(1, "RateLimits", true);
    for (let i = 0; i < 8; i++) burst.take(LOGIN);
    assert.equal(budget.spentWithinPeriod(auth), 9);
  });

  it("adds a row's share of what the rules have left to what it was granted by name", () => {
    const budget = new RunBudget([auth], [[{ url: LOGIN, count: 1, kind: "proof" }, { url: LOGIN, count: 0, kind: "sub-requests" }]]);
    assert.equal(budget.meter(0, "Browser").remaining(`${LOGIN}?_rsc=1x9`), 4);
  });

  it("spends and records a counted request Chromium sent that no meter decided first", () => {
    const { budget } = run([2]);
    const meter = budget.meter(0, "Browser");
    meter.sentUnmetered(LOGIN);
    assert.deepEqual([meter.remaining(LOGIN), budget.spentWithinPeriod(auth), meter.unmetered], [1, 1, [LOGIN]]);
  });

  it("counts as spent only what was sent within the rule's period", () => {
    const { budget, clock } = run([3]);
    const meter = budget.meter(0, "Latency");
    meter.take(LOGIN);
    clock.ms = 30_000;
    meter.take(LOGIN);
    clock.ms = 61_000;
    meter.take(LOGIN);
    assert.equal(budget.spentWithinPeriod(auth), 2);
  });

  it("sends a shared request once in the run and gives every row its answer", async () => {
    const budget = new RunBudget([auth], [[{ url: LOGIN, count: 1, kind: "proof", shared: true }], [{ url: LOGIN, count: 1, kind: "proof", shared: true }]]);
    let sent = 0;
    const send = async () => ++sent;
    const answers = await Promise.all([budget.meter(0, "Redirects").shared(LOGIN, send), budget.meter(1, "Redirects").shared(LOGIN, send)]);
    assert.deepEqual({ answers, sent, spent: budget.spentWithinPeriod(auth) }, { answers: [1, 1], sent: 1, spent: 1 });
  });

  it("hands Chromium's interception only URLs a rule may count, in any case, and those whose path may normalize into one", () => {
    const pattern = countedUrlPattern([auth]);
    const intercepted = [`${LOGIN}?_rsc=1x9`, "https://EXAMPLE.com/Login.php", "https://app.example.com/password/reset", "https://app.example.com/%6Cogin", "https://app.example.com//login"];
    const passed = ["https://app.example.com/", "https://app.example.com/assets/app.js", "https://example.net/login", "https://notexample.com/login", "https://cdn.example.org/login"];
    assert.deepEqual([...intercepted, ...passed].filter((u) => pattern.test(u)), intercepted);
  });
});
