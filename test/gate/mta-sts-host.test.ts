/**
 * The MTA-STS policy host is a Worker custom domain (components/email-authentication.ts): an extra record on
 * mta-sts.<domain> would fail the custom domain at apply, so the config refuses it, naming both keys.
 */
import { strict as assert } from "node:assert";
import { parseStackConfig } from "../../gate/load";
import { configProblems, editedConfig } from "../support/harness";

const withRecord = (record: Record<string, unknown>) => configProblems(editedConfig("prod", (c) => { c.zones[0].records = [...(c.zones[0].records ?? []), record]; }));

describe("config: no extra record on the MTA-STS Worker's hostname", () => {
  it("refuses a CNAME on mta-sts.<domain>, naming the email section's mtaSts key", async () => {
    const problems = await withRecord({ type: "CNAME", name: "mta-sts", content: "mta-sts.hosted.example.org" });
    assert.equal(problems.length, 1, problems.join("\n"));
    assert.match(problems[0], /^launch-stack:zones\[0\]\.records\[\d+\]: CNAME mta-sts\.example\.com is on the hostname of the Worker custom domain mta-sts\.example\.com from zones\[0\]\.email\.mtaSts; remove the extra record: Cloudflare answers a Worker custom domain's hostname with a record of its own, and adds no custom domain beside another$/);
  });

  it("refuses a TXT there too, since the custom domain takes the whole hostname", async () => {
    const problems = await withRecord({ type: "TXT", name: "mta-sts", content: "note=1" });
    assert.match(problems.join("\n"), /TXT mta-sts\.example\.com is on the hostname of the Worker custom domain/);
  });

  it("accepts a record at a name beside it", () => {
    assert.doesNotThrow(() => parseStackConfig(editedConfig("prod", (c) => { c.zones[0].records = [...(c.zones[0].records ?? []), { type: "TXT", name: "mta-sts-docs", content: "note=1" }]; })));
  });
});
