/**
 * rules/stray-records.ts: what a TXT value is for (so only like meets like), and which live records left
 * beside the stack's set must go: a second SPF does harm, a verification token stands alone.
 */
import { strict as assert } from "node:assert";
import { strayRecordHarm, txtPurpose } from "../../rules/stray-records";

describe("rules/stray-records", () => {
  it("names a verification token's purpose by its token name, whatever its case", () => {
    assert.deepEqual(["google-site-verification=abc", "Facebook-Domain-Verification=x", "MS=ms123"].map(txtPurpose), ["google-site-verification=", "facebook-domain-verification=", "ms="]);
  });

  it("names a versioned TXT's purpose by its version tag, and free text by none", () => {
    assert.deepEqual(["v=spf1 -all", "v=DMARC1; p=reject", "just a note"].map(txtPurpose), ["spf1", "dmarc1", undefined]);
  });

  it("gives no harm for a verification token left beside the stack's TXT records", () => {
    assert.equal(strayRecordHarm("TXT", "stripe-verification=5f1e"), undefined);
  });

  it("names the permerror for a second SPF record", () => {
    assert.match(strayRecordHarm("TXT", "v=spf1 ~all") ?? "", /^two SPF records at one name are a permerror/);
  });
});
