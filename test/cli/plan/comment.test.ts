import { strict as assert } from "node:assert";
import { cutMarkdown, GITHUB_COMMENT_LIMIT, renderComment } from "../../../cli/plan/comment";
import { diffPlans } from "../../../cli/plan/diff";
import type { PlanDocument, PlanResource } from "../../../cli/plan/document";

const RECORD = "cloudflare:index/dnsRecord:DnsRecord";
const record = (i: number): PlanResource => ({
  urn: `urn:pulumi:prod::launch-stack::launch-stack:index:LaunchStack$${RECORD}::host-${i}`,
  type: RECORD,
  name: `host-${i}`,
  inputs: { zoneId: "431ceb26431ceb26431ceb26431ceb26", name: `host-${i}.example.com`, type: "TXT", content: `"v=verification ${"x".repeat(60)} ${i}"`, ttl: 300 },
});
const plan = (stack: string, resources: PlanResource[]): PlanDocument => ({ stack, resources, violations: [], warnings: [], outputs: {} });
const FULL_PLAN = "the `plan` artifact of [this workflow run](https://github.com/acme/launch-stack/actions/runs/1)";

const lines = (text: string, pattern: RegExp) => text.split("\n").filter((l) => pattern.test(l)).length;

describe("the pull-request comment of every stack's plan", () => {
  describe("with a very large diff (3,000 records added to prod, 40 to staging)", () => {
    const prodHead = plan("prod", Array.from({ length: 3000 }, (_, i) => record(i)));
    const stagingHead = plan("staging", Array.from({ length: 40 }, (_, i) => record(i)));
    const comment = renderComment([
      { stack: "staging", doc: stagingHead, diff: diffPlans(plan("staging", []), stagingHead, "origin/main") },
      { stack: "prod", doc: prodHead, diff: diffPlans(plan("prod", []), prodHead, "origin/main") },
    ], { fullPlan: FULL_PLAN });

    it("stays under GitHub's 65,536-character limit", () => {
      assert.ok(comment.length <= GITHUB_COMMENT_LIMIT, `${comment.length} characters`);
      assert.ok(comment.length > GITHUB_COMMENT_LIMIT / 2, "uses the room it has");
    });

    it("opens with one summary row per stack and where the full plans are", () => {
      assert.deepEqual(comment.split("\n").slice(0, 8), [
        "## Offline plan",
        "",
        "| Stack | Policy verdict | Changes |",
        "|---|---|---|",
        "| ✅ `staging` | no policy violations | Changes against origin/main: 40 to add, 0 to delete, 0 to update |",
        "| ✅ `prod` | no policy violations | Changes against origin/main: 3000 to add, 0 to delete, 0 to update |",
        "",
        `Full plans: ${FULL_PLAN}.`,
      ]);
    });

    it("keeps the short stack whole and cuts the long one, pointing to the full plan", () => {
      assert.match(comment, /host-39\.example\.com/);
      assert.equal(lines(comment, /^\*\*Cut to fit a comment\.\*\* The full plan of this stack is in the `plan` artifact/), 1);
      assert.ok(comment.indexOf("Cut to fit") > comment.indexOf("<summary><b>prod</b>"));
    });

    it("folds each stack into its own <details> and leaves every code fence and <details> closed", () => {
      assert.equal(lines(comment, /^<summary><b>(staging|prod)<\/b>: /), 2);
      assert.equal(lines(comment, /<details[\s>]/), lines(comment, /<\/details>/));
      assert.equal(lines(comment, /^```/) % 2, 0);
    });
  });

  it("leaves plans that fit untouched", () => {
    const head = plan("prod", [record(1)]);
    const comment = renderComment([{ stack: "prod", doc: head, diff: diffPlans(head, head, "origin/main") }], { fullPlan: FULL_PLAN });
    assert.doesNotMatch(comment, /Cut to fit/);
    assert.match(comment, /<summary><b>prod<\/b>: No changes against origin\/main<\/summary>/);
  });

  it("shows a stack whose plan failed with its error, open", () => {
    const comment = renderComment([{ stack: "qa", error: "error: no stack qa: Pulumi.qa.yaml does not exist" }], { fullPlan: FULL_PLAN });
    assert.match(comment, /\| ❌ `qa` \| the plan failed \| \|/);
    assert.match(comment, /<details open>\n<summary>❌ <b>qa<\/b>: the plan failed<\/summary>\n\n```\nerror: no stack qa/);
  });

  it("cuts markdown at a line, closing the open fence and <details>", () => {
    const text = ["<details>", "<summary>x</summary>", "", "```diff", ...Array.from({ length: 100 }, (_, i) => `+ line ${i}`), "```", "</details>"].join("\n");
    const cut = cutMarkdown(text, 300, "see the artifact.");
    assert.ok(cut.length <= 300);
    assert.match(cut, /\+ line \d+\n```\n\n\*\*Cut to fit a comment\.\*\* see the artifact\.\n<\/details>\n$/);
  });
});
