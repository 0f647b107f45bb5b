import { strict as assert } from "node:assert";
import { BurstRule, burstSize, checkBurst, expectedRange } from "../../rules/rate-limit-burst";

const auth: BurstRule = { name: "auth", requestsPerPeriod: 5, period: 60, mitigationTimeout: 600, action: "block" };
const URL = "https://app.example.com/login";
/** `uncertain`: of `spent`, the requests the stack's redirect rules answered (the edge may not count them). */
const result = (spent: number, sent: number, limitedAt?: number, uncertain = 0) => ({ spent, uncertain, sent, limitedAt, elapsedMs: 100, outOfTime: false });

describe("rules/rate-limit-burst", () => {
  it("sizes the burst as what the limit leaves after the run's own requests, plus the margin", () => {
    assert.deepEqual([burstSize(auth), burstSize(auth, 4), burstSize(auth, 5), burstSize(auth, 9)], [8, 4, 3, 3]);
  });

  it("passes an edge that limits right after what the run left of the limit", () => {
    assert.deepEqual(checkBurst(URL, auth, result(4, 2, 2)), []);
  });

  it("passes an edge that limits from the first request when the run had spent the whole limit", () => {
    assert.deepEqual(checkBurst(URL, { ...auth, requestsPerPeriod: 1 }, result(1, 1, 1)), []);
  });

  it("warns that the threshold is unproven when the edge limits from the first request although the run left room", () => {
    const [f] = checkBurst(URL, auth, result(4, 1, 1));
    assert.equal(f.severity, "warning");
    assert.match(f.message, /was limited from the first burst request \(rule auth: 5 per 60 s, block for 600 s; this run had already sent 4 requests the rule counts within its period\)/);
  });

  it("fails an edge that lets the margin through past what the run left, counting from there", () => {
    const [f] = checkBurst(URL, auth, result(4, 4));
    assert.equal(f.severity, undefined);
    assert.match(f.message, /answered 4 burst requests in 0\.1 s without a 429 or challenge, 3 past the declared limit/);
  });

  it("expects the edge to limit anywhere between counting and not counting the redirect-answered requests", () => {
    assert.deepEqual([expectedRange(auth, 4, 3), expectedRange(auth, 4, 0), expectedRange(auth, 5, 5)], ["request 2 to 5", "request 2", "request 1 to 6"]);
  });

  it("passes an edge that counted the redirect-answered requests, limiting at the low end of the range", () => {
    assert.deepEqual(checkBurst(URL, auth, result(4, 2, 2, 3)), []);
  });

  it("passes an edge that did not count the redirect-answered requests, within the margin past the high end", () => {
    assert.deepEqual(checkBurst(URL, auth, result(4, 5, 5, 3)), []);
    assert.deepEqual(checkBurst(URL, auth, result(4, 7, 7, 3)), []);
  });

  it("passes an edge that limits from the first request when counting the redirect-answered requests spent the whole limit", () => {
    assert.deepEqual(checkBurst(URL, auth, result(5, 1, 1, 3)), []);
  });

  it("fails an edge that lets the margin through past the high end, counting from what the limit leaves without the redirect-answered requests", () => {
    const [f] = checkBurst(URL, auth, result(4, 7, undefined, 3));
    assert.equal(f.severity, undefined);
    assert.match(f.message, /answered 7 burst requests in 0\.1 s without a 429 or challenge, 3 past the declared limit \(rule auth: 5 per 60 s, block for 600 s; this run had already sent 4 requests the rule counts within its period, 3 of them answered by the stack's redirect rules, which the edge may not count\)/);
  });

  it("warns, never passes, a later rule's burst on a route an earlier rule's burst tripped, naming both rules", () => {
    const strict: BurstRule = { ...auth, name: "auth-strict", requestsPerPeriod: 3 };
    const [f] = checkBurst(URL, auth, { ...result(9, 0), blockedBy: strict });
    assert.equal(f.severity, "warning");
    assert.match(f.message, /rule auth's threshold is unproven: rule auth-strict's burst tripped on the same route first/);
    assert.match(f.fix ?? "", /wait out rule auth-strict's mitigation timeout \(600 s\), then npm run verify -- --stack <name> --burst --only RateLimits with only rule auth covering the login route/);
  });
});
