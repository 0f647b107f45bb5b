/**
 * rules/flattened-cname.ts on the answers a resolver gets for a flattened CNAME: any addresses and no CNAME
 * pass, because CDN and load-balancer targets answer rotating, per-location subsets; addresses disjoint from
 * the target's are a warning; no address, or the CNAME itself, fail.
 */
import { strict as assert } from "node:assert";
import { checkFlattenedAnswers } from "../../rules/flattened-cname";

const CDN = ["13.224.0.1", "13.224.0.2", "13.224.0.3", "13.224.0.4"];

describe("rules/flattened-cname", () => {
  it("passes a name that answers a rotating subset of the target's addresses", () => {
    assert.deepEqual(checkFlattenedAnswers("docs.example.com", "d111.cloudfront.net", { addresses: ["13.224.0.3", "13.224.0.1"], targetAddresses: CDN }), []);
  });

  it("passes a name that answers addresses when the target's are unknown", () => {
    assert.deepEqual(checkFlattenedAnswers("docs.example.com", "d111.cloudfront.net", { addresses: ["13.224.0.3"], targetAddresses: [] }), []);
  });

  it("warns, naming per-location answers, when the name's addresses share none with the target's", () => {
    const findings = checkFlattenedAnswers("docs.example.com", "d111.cloudfront.net", { addresses: ["52.84.0.9"], targetAddresses: CDN });
    assert.deepEqual(findings.map((f) => f.severity), ["warning"]);
    assert.match(findings[0].message, /^docs\.example\.com answers 52\.84\.0\.9, none of which d111\.cloudfront\.net answers here \(13\.224\.0\.1, .*\); CDN and load-balancer targets answer per location/);
  });

  it("fails a name that answers no address", () => {
    const findings = checkFlattenedAnswers("docs.example.com", "d111.cloudfront.net", { addresses: [], targetAddresses: CDN });
    assert.deepEqual(findings.map((f) => [f.severity, f.message]), [[undefined, "docs.example.com answers no address, though its flattened CNAME points at d111.cloudfront.net"]]);
  });

  it("fails a name that answers a CNAME, even beside addresses", () => {
    const findings = checkFlattenedAnswers("docs.example.com", "d111.cloudfront.net", { cname: "d111.cloudfront.net", addresses: CDN, targetAddresses: CDN });
    assert.deepEqual(findings.map((f) => [f.severity, f.message]), [[undefined, "docs.example.com answers a CNAME to d111.cloudfront.net, though the stack declares it flattened"]]);
  });
});
