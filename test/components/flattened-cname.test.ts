/**
 * `flattenCname` on an extra CNAME record: the provider receives `settings.flattenCname`, the offline plan
 * shows the record flattened, and the config refuses it on the free plan or on a proxied record, naming the key.
 */
import { strict as assert } from "node:assert";
import { resourceDetails } from "../../cli/plan/details";
import type { Evaluation } from "../../offline/evaluate";
import { configProblems, editedConfig, evaluate, inputsOf, TYPES } from "../support/harness";

const DOCS = { type: "CNAME", name: "docs", content: "docs.example.org", flattenCname: true };

describe("ExtraRecords: a flattened CNAME", () => {
  let ev: Evaluation;
  before(async () => {
    ev = await evaluate(editedConfig("prod", (c) => { c.zones[0].records = [...(c.zones[0].records ?? []), DOCS]; }), "prod");
  });

  it("sends settings.flattenCname to the provider on a DNS-only CNAME of a paid zone", () => {
    const i = inputsOf(ev, TYPES.dnsRecord, "example-com-records-cname-docs");
    assert.deepEqual([i.type, i.name, i.content, i.proxied, i.settings], ["CNAME", "docs.example.com", "docs.example.org", false, { flattenCname: true }]);
  });

  it("sends no settings for a CNAME that does not ask for flattening", async () => {
    const plain = await evaluate(editedConfig("prod", (c) => { c.zones[0].records = [...(c.zones[0].records ?? []), { type: "CNAME", name: "docs", content: "docs.example.org" }]; }), "prod");
    assert.equal(inputsOf(plain, TYPES.dnsRecord, "example-com-records-cname-docs").settings, undefined);
  });

  it("shows the record as flattened in the offline plan", () => {
    assert.deepEqual(resourceDetails(TYPES.dnsRecord, inputsOf(ev, TYPES.dnsRecord, "example-com-records-cname-docs")), ["CNAME docs.example.com → docs.example.org (DNS only, flattened)"]);
  });

  it("refuses flattenCname on the free plan, naming the key and the fix", async () => {
    assert.deepEqual(await configProblems(editedConfig("staging", (c) => { c.zones[0].records = [DOCS]; })), [
      "launch-stack:zones[0].records[0].flattenCname: per-record CNAME flattening needs a paid plan (on free only the apex CNAME is flattened) (Cloudflare DNS: CNAME flattening); remove flattenCname, or move the zone to pro or above",
    ]);
  });

  it("refuses flattenCname on a proxied CNAME", async () => {
    const problems = await configProblems(editedConfig("prod", (c) => { c.zones[0].records = [...(c.zones[0].records ?? []), { ...DOCS, proxied: true }]; }));
    assert.ok(problems.some((p) => /^launch-stack:zones\[0\]\.records\[\d+\]\.flattenCname: a proxied CNAME cannot take flattenCname: Cloudflare answers it with its own addresses already \(Cloudflare DNS: CNAME flattening\); remove flattenCname, or set proxied: false$/.test(p)), problems.join("\n"));
  });
});
