import { strict as assert } from "node:assert";
import { routesExpression } from "../../model/site";
import { coversPath } from "../../rules/expression";
import { checkRateLimitCoverage } from "../../rules/rate-limits";

const REQUIRED = ["/login", "/password/reset", "/invitations/accept", "/api/", "/webhooks/"];
const auth = { expression: routesExpression(["/login", "/password/reset", "/invitations/accept"]), action: "block" };
const api = { expression: routesExpression(["/api/", "/webhooks/"]), action: "managed_challenge" };

describe("rules/rate-limits", () => {
  describe("coversPath", () => {
    it("matches a path under a literal prefix, whatever the case", () => {
      assert.equal(coversPath('starts_with(lower(http.request.uri.path), "/api/")', "/API/v1/orders"), true);
    });

    it("ignores literals that are not paths, such as hostnames", () => {
      assert.equal(coversPath('http.host eq "app.example.com"', "/login"), false);
    });
  });

  describe("checkRateLimitCoverage", () => {
    it("accepts the login, reset, invitation, API and webhook paths covered by rules that block or challenge", () => {
      assert.deepEqual(checkRateLimitCoverage([auth, api], REQUIRED), []);
    });

    it("names every path no rule covers, with the checklist and the fix", () => {
      assert.deepEqual(checkRateLimitCoverage([auth], REQUIRED), [{
        message: "no enabled rate-limit rule that blocks or challenges covers /api/, /webhooks/",
        ref: "launch checklist: rate limiting",
        fix: 'add them to the routes of a rate-limit rule (zones[].edge.rateLimits) with action "block" or "managed_challenge"',
      }]);
    });

    it("does not count a rule that only logs", () => {
      assert.deepEqual(checkRateLimitCoverage([auth, { ...api, action: "log" }], ["/webhooks/"]).map((f) => f.message), [
        "no enabled rate-limit rule that blocks or challenges covers /webhooks/",
      ]);
    });

    it("does not count a disabled rule", () => {
      assert.deepEqual(checkRateLimitCoverage([{ ...auth, enabled: false }, api], ["/login"]).map((f) => f.message), [
        "no enabled rate-limit rule that blocks or challenges covers /login",
      ]);
    });

    it("requires nothing of a zone with no required paths", () => {
      assert.deepEqual(checkRateLimitCoverage([], []), []);
    });
  });
});
