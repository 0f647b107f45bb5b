import { strict as assert } from "node:assert";
import type { BudgetRule } from "../../rules/request-budget";
import { RunBudget } from "../../verifier/budget";
import { RedirectGuard } from "../../verifier/redirect-hops";

const auth: BudgetRule = { name: "auth", configPath: "zones[0].edge.rateLimits[0]", domain: "example.com", paths: ["/login"], requestsPerPeriod: 5, period: 60, mitigationTimeout: 600 };
const HOME = "https://example.com/";
const LOGIN = "https://app.example.com/login";

/** A browser row granted `n` requests to the login route, and the guard over its page. */
function guarded(n: number) {
  const budget = new RunBudget([auth], [[{ url: LOGIN, count: n, kind: "proof" }]]);
  const meter = budget.meter(0, "Browser");
  return { budget, meter, guard: new RedirectGuard(meter) };
}

describe("verifier/redirect-hops (redirects into a counted route, decided before Chromium follows them)", () => {
  it("follows a redirect no rule counts without spending anything", () => {
    const { guard, budget } = guarded(1);
    assert.equal(guard.decide("http://example.com/", HOME), true);
    assert.equal(budget.spentWithinPeriod(auth), 0);
  });

  it("charges a counted hop before it is followed, and holds back the next past the row's budget, naming the rule", () => {
    const { guard, budget } = guarded(1);
    assert.deepEqual([guard.decide(HOME, LOGIN), guard.decide(HOME, `${LOGIN}?next=%2F`)], [true, false]);
    assert.deepEqual(guard.withheld.map((w) => `${w.from} -> ${w.to} (${w.rule.name})`), [`${HOME} -> ${LOGIN}?next=%2F (auth)`]);
    assert.equal(guard.answered(HOME), true);
    assert.equal(budget.spentWithinPeriod(auth), 1);
  });

  it("matches a hop Chromium sent with its charge, and records one it never decided, so the spent count stays exact", () => {
    const { guard, meter, budget } = guarded(3);
    guard.decide(HOME, LOGIN);
    guard.sent(LOGIN);
    guard.sent(LOGIN);
    assert.deepEqual([budget.spentWithinPeriod(auth), meter.unmetered], [2, [LOGIN]]);
  });
});
