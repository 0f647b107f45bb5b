/**
 * The runbook's commands read stack outputs by name (`pulumi stack output dsRecords`, `alertTopicArns`):
 * each name a document gives must be an output the program exports, or the step fails on the day it is
 * needed. docs/alerts.md also names the alert topics the stack creates, so it must name them as declared.
 */
import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Evaluation } from "../offline/evaluate";
import { alertTopicName } from "../rules/aws-names";
import { editedConfig, evaluate, REPO } from "./support/harness";

const DOCS = ["README.md", ...readdirSync(join(REPO, "docs")).filter((f) => f.endsWith(".md")).map((f) => join("docs", f))];

/** Every `pulumi stack output <name>` in the README and docs/, with the file that names it. */
function outputsNamed(): [file: string, output: string][] {
  return DOCS.flatMap((file) => [...readFileSync(join(REPO, file), "utf8").matchAll(/pulumi stack output ([A-Za-z]\w*)/g)].map((m): [string, string] => [file, m[1]]));
}

describe("the stack outputs the documents name", () => {
  let ev: Evaluation;
  // The prod stack with the app's own latency source in eu-west-1, so it has every topic a stack can have.
  before(async () => {
    ev = await evaluate(editedConfig("prod", (c) => {
      c.monitoring.appLatency = { kind: "alb", region: "eu-west-1", loadBalancer: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/portal-prod/50dc6c495c0c9188" };
    }), "prod");
  });

  it("are all outputs the program exports", () => {
    const named = outputsNamed();
    assert.ok(named.some(([, o]) => o === "alertTopicArns"), "docs/alerts.md reads the topics from alertTopicArns");
    assert.deepEqual(named.filter(([, o]) => !(o in ev.outputs)), []);
  });

  it("come with the topic name docs/alerts.md gives, as the program names every topic", () => {
    const doc = readFileSync(join(REPO, "docs", "alerts.md"), "utf8");
    assert.ok(doc.includes(`\`${alertTopicName("<environment>")}\``));
    const names = ev.resources.filter((r) => r.type === "aws:sns/topic:Topic").map((r) => r.wire.name);
    assert.deepEqual(names, [alertTopicName("prod"), alertTopicName("prod")]);
  });
});
