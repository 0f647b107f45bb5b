import { strict as assert } from "node:assert";
import { BurstRule, burstSize, checkBurst } from "../../rules/rate-limit-burst";

const auth: BurstRule = { name: "auth", requestsPerPeriod: 5, period: 60, mitigationTimeout: 600, action: "block" };
const URL = "https://app.example.com/login";
const result = (spent: number, sent: number, limitedAt?: number) => ({ spent, sent, limitedAt, elapsedMs: 100, outOfTime: false });

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
});
