/**
 * The API adoption report's table of live records the import file leaves in the zone: a verification
 * token beside the stack's TXT records is kept, never told to be deleted.
 */
import { strict as assert } from "node:assert";
import { renderApiReport } from "../../../cli/adopt/api-report";
import type { Draft } from "../../../cli/adopt/draft";
import { importFileFor } from "../../../cli/adopt/import-file";
import type { PlanDocument } from "../../../cli/plan/document";
import { tableRows } from "./table-rows";

const plan: PlanDocument = {
  stack: "s", violations: [], warnings: [], outputs: {},
  resources: [{ urn: "urn:pulumi:s::launch-stack::cloudflare:index/dnsRecord:DnsRecord::google", type: "cloudflare:index/dnsRecord:DnsRecord", name: "google", inputs: { zoneId: "z", name: "example.com", type: "TXT", content: '"google-site-verification=NEW"', ttl: 1, proxied: false } }],
};

describe("adopt --zone report: live records left in the zone", () => {
  it("keeps another service's verification token, naming it one that stands alone", () => {
    const adoption = importFileFor(plan, { zone: { id: "z", name: "example.com" }, records: [{ id: "r1", name: "example.com", type: "TXT", content: '"stripe-verification=5f1e"', ttl: 1, proxied: false, source: "record r1" }], settings: [], rulesets: [] }, "6.22.1");
    const text = renderApiReport(adoption, plan, { notDeclared: [] } as unknown as Draft, "import-s.json", 200);
    const row = tableRows(text.slice(text.indexOf("Live records the import file does not adopt"))).find((r) => r[0] === "TXT example.com");
    assert.deepEqual(row, ["TXT example.com", "r1", "a TXT record that stands alone (a verification token or note), beside the stack's records at this name: pulumi up leaves it as it is; keep it while the service that issued it checks it"]);
    assert.doesNotMatch(text, /delete before the first up/);
  });
});
