import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

/**
 * The GitHub workflows, read as data: what triggers them, which jobs exist, the least privilege each job is
 * given, and that secrets only ever travel through `env:` and `with:`, never through a script that could
 * print them. GitHub masks known secrets in logs, but a transformed secret (base64, a substring) is not masked.
 */

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, string>;
}

interface Job {
  readonly if?: string;
  readonly needs?: string | string[];
  readonly environment?: string | { name: string };
  readonly permissions?: Record<string, string> | string;
  readonly concurrency?: { group: string; "cancel-in-progress"?: boolean };
  readonly strategy?: { matrix?: Record<string, unknown> };
  readonly steps: Step[];
}

interface Workflow {
  readonly on: Record<string, unknown>;
  readonly permissions?: Record<string, string> | string;
  readonly jobs: Record<string, Job>;
}

const WORKFLOWS = join(__dirname, "..", ".github", "workflows");
const load = (file: string): Workflow => parse(readFileSync(join(WORKFLOWS, file), "utf8")) as Workflow;
const all = readdirSync(WORKFLOWS).filter((file) => /\.ya?ml$/.test(file)).map((file) => ({ file, workflow: load(file) }));
const pr = load("pr.yml");
const deploy = load("deploy.yml");

const FORK_GUARD = "github.event.pull_request.head.repo.full_name == github.repository";
const uses = (job: Job, action: string) => job.steps.filter((step) => step.uses?.startsWith(`${action}@`));
const commentsOnPr = (job: Job) => uses(job, "marocchino/sticky-pull-request-comment").length > 0 || uses(job, "pulumi/actions").some((step) => step.with?.["comment-on-pr"] === true);
const runScripts = (job: Job) => job.steps.flatMap((step) => (step.run ? [step.run] : []));

/** Every string in the document with the path of keys that leads to it. */
function strings(value: unknown, path: string[] = []): { path: string[]; text: string }[] {
  if (typeof value === "string") return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => strings(item, [...path, String(index)]));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => strings(item, [...path, key]));
  return [];
}

describe("GitHub workflows", function () {
  describe("every workflow", function () {
    for (const { file, workflow } of all) {
      it(`${file} grants nothing at the top level and gives every job an explicit permission set`, function () {
        assert.deepEqual(workflow.permissions, {});
        for (const [name, job] of Object.entries(workflow.jobs)) {
          assert.equal(typeof job.permissions, "object", `${name} has no permissions block (or uses a write-all/read-all shorthand)`);
        }
      });

      it(`${file} gives pull-requests: write only to jobs that comment, id-token: write only to jobs that use AWS OIDC, issues: write only to jobs that open issues`, function () {
        for (const [name, job] of Object.entries(workflow.jobs)) {
          const permissions = job.permissions as Record<string, string>;
          assert.equal(permissions["pull-requests"] === "write", commentsOnPr(job), `${name}: pull-requests`);
          assert.equal(permissions["id-token"] === "write", uses(job, "aws-actions/configure-aws-credentials").length > 0, `${name}: id-token`);
          assert.equal(permissions.issues === "write", runScripts(job).some((script) => /gh issue (create|comment)/.test(script)), `${name}: issues`);
          const other = Object.entries(permissions).filter(([scope, level]) => level === "write" && !["pull-requests", "id-token", "issues"].includes(scope));
          assert.deepEqual(other, [], `${name} has other write scopes`);
        }
      });

      it(`${file} uses secrets only as env: or with: values`, function () {
        const secretUses = strings(workflow).filter(({ text }) => /\$\{\{[^}]*\bsecrets\./.test(text));
        for (const { path } of secretUses) {
          assert.ok(["env", "with"].includes(path[path.length - 2]), `secret used at ${path.join(".")}`);
        }
      });

      it(`${file} never names a secret, or an env var holding one, in a run: script`, function () {
        for (const [name, job] of Object.entries(workflow.jobs)) {
          const secretVars = job.steps.flatMap((step) => Object.entries(step.env ?? {}))
            .filter(([, value]) => /\bsecrets\./.test(value))
            .map(([key]) => key);
          for (const script of runScripts(job)) {
            assert.doesNotMatch(script, /secrets\./, `${name} run script references secrets`);
            for (const variable of secretVars) assert.doesNotMatch(script, new RegExp(`\\$\\{?${variable}\\b`), `${name} run script reads ${variable}`);
          }
        }
      });

      it(`${file} pins every action to a major version or a commit`, function () {
        for (const job of Object.values(workflow.jobs)) {
          for (const step of job.steps.filter((step) => step.uses)) {
            assert.match(step.uses as string, /^[\w.-]+\/[\w./-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/);
          }
        }
      });
    }
  });

  describe("pr.yml", function () {
    it("runs on pull requests only, never pull_request_target", function () {
      assert.deepEqual(Object.keys(pr.on), ["pull_request"]);
    });

    it("has the test, plan, stacks and preview jobs", function () {
      assert.deepEqual(Object.keys(pr.jobs), ["test", "plan", "stacks", "preview"]);
    });

    it("installs with npm ci and runs npm test on Node 20 with the npm cache, without credentials", function () {
      const { steps } = pr.jobs.test;
      assert.deepEqual(uses(pr.jobs.test, "actions/setup-node")[0].with, { "node-version": 20, cache: "npm" });
      assert.deepEqual(runScripts(pr.jobs.test), ["npm ci --no-audit --no-fund", "npm test"]);
      assert.equal(steps.some((step) => step.env), false);
    });

    it("plans every Pulumi.<stack>.yaml offline, diffed against the base branch, with full history checked out", function () {
      const job = pr.jobs.plan;
      assert.equal(uses(job, "actions/checkout")[0].with?.["fetch-depth"], 0);
      const plan = job.steps.find((step) => step.run?.includes("npm run --silent plan"));
      assert.ok(plan?.run);
      assert.match(plan.run, /for file in Pulumi\.\*\.yaml; do/);
      assert.match(plan.run, /npm run --silent plan -- --stack "\$stack" --json --diff "origin\/\$BASE_REF"[^\n]* > "plan\/\$stack\.json" 2> "plan\/\$stack\.err" \|\| status=1/);
      assert.equal(plan.env?.BASE_REF, "${{ github.base_ref }}");
    });

    it("passes --allow-mass-change only when the pull request has the allow-mass-change label, and plans again when labels change", function () {
      const plan = pr.jobs.plan.steps.find((step) => step.run?.includes("npm run --silent plan"));
      assert.equal(plan?.env?.ALLOW_MASS_CHANGE, "${{ contains(github.event.pull_request.labels.*.name, 'allow-mass-change') }}");
      assert.match(plan?.run ?? "", /if \[ "\$ALLOW_MASS_CHANGE" = "true" \]; then allow="--allow-mass-change"; fi/);
      assert.match(plan?.run ?? "", /--diff "origin\/\$BASE_REF" \$allow >/);
      assert.deepEqual((pr.on.pull_request as { types: string[] }).types, ["opened", "synchronize", "reopened", "labeled", "unlabeled"]);
    });

    it("assembles one comment within GitHub's limit and keeps the full plans as the plan artifact", function () {
      const job = pr.jobs.plan;
      const plan = job.steps.find((step) => step.run?.includes("npm run --silent plan-comment"));
      assert.match(plan?.run ?? "", /npm run --silent plan-comment -- --full plan\/comment-full\.md plan\/\*\.json > plan-comment\.md/);
      const [artifact] = uses(job, "actions/upload-artifact");
      assert.deepEqual(artifact.with, { name: "plan", path: "plan/" });
      assert.equal(artifact.if, "always()");
    });

    it("posts the plan as one sticky comment, only for pull requests from this repository", function () {
      const [comment] = uses(pr.jobs.plan, "marocchino/sticky-pull-request-comment");
      assert.equal(comment.if, FORK_GUARD);
      assert.equal(comment.with?.path, "plan-comment.md");
      assert.equal(pr.jobs.plan.steps.some((step) => step.env && Object.values(step.env).some((value) => value.includes("secrets."))), false);
    });

    it("previews every discovered stack with the policy pack and a PR comment, only when credentials exist and never for forks", function () {
      const job = pr.jobs.preview;
      assert.match(job.if ?? "", /vars\.PULUMI_CI == 'true'/);
      assert.ok(job.if?.includes(FORK_GUARD));
      assert.deepEqual(job.strategy?.matrix, { include: "${{ fromJSON(needs.stacks.outputs.all) }}" });
      assert.deepEqual(runScripts(pr.jobs.stacks).slice(-1), ['npm run --silent stacks -- --github-output >> "$GITHUB_OUTPUT"']);
      const [preview] = uses(job, "pulumi/actions");
      assert.equal(preview.uses, "pulumi/actions@v6");
      assert.deepEqual(
        { command: preview.with?.command, stack: preview.with?.["stack-name"], policyPacks: preview.with?.policyPacks, policyPackConfigs: preview.with?.policyPackConfigs, diff: preview.with?.diff, comment: preview.with?.["comment-on-pr"] },
        { command: "preview", stack: "${{ matrix.stack }}", policyPacks: "policies", policyPackConfigs: "${{ matrix.packConfig }}", diff: true, comment: true },
      );
      assert.deepEqual(Object.keys(preview.env ?? {}), ["PULUMI_ACCESS_TOKEN", "CLOUDFLARE_API_TOKEN"]);
    });

    it("gets AWS credentials through OIDC with a role, not access keys", function () {
      const [aws] = uses(pr.jobs.preview, "aws-actions/configure-aws-credentials");
      assert.deepEqual(aws.with, { "role-to-assume": "${{ vars.AWS_PREVIEW_ROLE_ARN }}", "aws-region": "us-east-1" });
    });
  });

  describe("deploy.yml", function () {
    it("runs on pushes to main only", function () {
      assert.deepEqual(deploy.on, { push: { branches: ["main"] } });
    });

    it("finds the stacks from Pulumi.<stack>.yaml, deploys the others first, then previews and applies prod", function () {
      assert.deepEqual(Object.keys(deploy.jobs), ["stacks", "deploy", "preview", "apply"]);
      assert.match(deploy.jobs.stacks.if ?? "", /vars\.PULUMI_CI == 'true'/);
      assert.deepEqual(runScripts(deploy.jobs.stacks).slice(-1), ['npm run --silent stacks -- --github-output >> "$GITHUB_OUTPUT"']);
      assert.deepEqual(deploy.jobs.deploy.strategy?.matrix, { include: "${{ fromJSON(needs.stacks.outputs.direct) }}" });
      assert.deepEqual(deploy.jobs.preview.strategy?.matrix, { include: "${{ fromJSON(needs.stacks.outputs.gated) }}" });
      assert.deepEqual(deploy.jobs.apply.strategy?.matrix, { include: "${{ fromJSON(needs.stacks.outputs.gated) }}" });
      assert.deepEqual(deploy.jobs.preview.needs, ["stacks", "deploy"]);
      assert.deepEqual(deploy.jobs.apply.needs, ["stacks", "preview"]);
      assert.match(deploy.jobs.preview.if ?? "", /needs\.deploy\.result == 'success' \|\| needs\.deploy\.result == 'skipped'/);
    });

    it("applies only behind the stack's GitHub environment, production for prod (required reviewers), and previews without one", function () {
      assert.equal(deploy.jobs.apply.environment, "${{ matrix.githubEnvironment }}");
      assert.equal(deploy.jobs.deploy.environment, "${{ matrix.githubEnvironment }}");
      assert.equal(deploy.jobs.preview.environment, undefined);
    });

    it("saves the reviewed preview as an update plan, shows it in the job summary and keeps it as an artifact", function () {
      const job = deploy.jobs.preview;
      const [preview] = uses(job, "pulumi/actions");
      assert.deepEqual(
        { command: preview.with?.command, plan: preview.with?.plan, summary: preview.with?.["comment-on-summary"], policyPackConfigs: preview.with?.policyPackConfigs },
        { command: "preview", plan: "update-plan-${{ matrix.stack }}.json", summary: true, policyPackConfigs: "${{ matrix.packConfig }}" },
      );
      const [upload] = uses(job, "actions/upload-artifact");
      assert.deepEqual(upload.with, { name: "update-plan-${{ matrix.stack }}", path: "update-plan-${{ matrix.stack }}.json", "if-no-files-found": "error", "retention-days": 7 });
      assert.ok(job.steps.indexOf(upload) > job.steps.indexOf(preview));
    });

    it("after approval, runs pulumi up held to that update plan (pulumi up --plan)", function () {
      const job = deploy.jobs.apply;
      const [download] = uses(job, "actions/download-artifact");
      const [up] = uses(job, "pulumi/actions");
      assert.deepEqual(download.with, { name: "update-plan-${{ matrix.stack }}" });
      assert.deepEqual({ command: up.with?.command, plan: up.with?.plan, policyPacks: up.with?.policyPacks }, { command: "up", plan: "update-plan-${{ matrix.stack }}.json", policyPacks: "policies" });
      assert.ok(job.steps.indexOf(up) > job.steps.indexOf(download));
    });

    it("runs pulumi up with the policy pack for every other stack, after its offline plan", function () {
      const job = deploy.jobs.deploy;
      const [up] = uses(job, "pulumi/actions");
      assert.deepEqual(
        { command: up.with?.command, stack: up.with?.["stack-name"], policyPacks: up.with?.policyPacks, policyPackConfigs: up.with?.policyPackConfigs },
        { command: "up", stack: "${{ matrix.stack }}", policyPacks: "policies", policyPackConfigs: "${{ matrix.packConfig }}" },
      );
      const plan = job.steps.findIndex((step) => step.run === 'npm run plan -- --stack "${{ matrix.stack }}"');
      assert.ok(plan >= 0 && job.steps.indexOf(up) > plan);
    });

    it("serializes deploys per stack and never cancels one in progress", function () {
      for (const name of ["deploy", "apply"]) assert.deepEqual(deploy.jobs[name].concurrency, { group: "deploy-${{ matrix.stack }}", "cancel-in-progress": false });
    });
  });

  describe("drift.yml", function () {
    const drift = load("drift.yml");
    const job = drift.jobs.drift;

    it("runs daily and on demand", function () {
      assert.deepEqual(Object.keys(drift.on), ["schedule", "workflow_dispatch"]);
      assert.equal((drift.on.schedule as { cron: string }[]).length, 1);
    });

    it("checks every discovered stack", function () {
      assert.deepEqual(job.strategy?.matrix, { include: "${{ fromJSON(needs.stacks.outputs.all) }}" });
    });

    it("runs pulumi preview --refresh --expect-no-changes with the pack, then npm run verify, both to the end", function () {
      const [preview] = uses(job, "pulumi/actions");
      assert.deepEqual(
        { command: preview.with?.command, refresh: preview.with?.refresh, expect: preview.with?.["expect-no-changes"], pack: preview.with?.policyPacks },
        { command: "preview", refresh: true, expect: true, pack: "policies" },
      );
      const verify = job.steps.find((step) => step.run === 'npm run verify -- --stack "${{ matrix.stack }}"');
      assert.ok(verify);
      for (const step of [preview, verify]) assert.equal((step as { "continue-on-error"?: boolean })["continue-on-error"], true);
    });

    it("opens or updates one drift issue per stack when either fails, then fails the job", function () {
      const report = job.steps.find((step) => step.name === "Open or update the stack's drift issue");
      const condition = "steps.preview.outcome == 'failure' || steps.verify.outcome == 'failure'";
      assert.equal(report?.if, condition);
      assert.match(report?.run ?? "", /gh issue list --state open --label drift/);
      assert.match(report?.run ?? "", /gh issue comment "\$number"/);
      assert.match(report?.run ?? "", /gh issue create --title "\$title" --label drift/);
      assert.equal(report?.env?.GH_TOKEN, "${{ github.token }}");
      const last = job.steps[job.steps.length - 1];
      assert.deepEqual({ if: last.if, run: last.run }, { if: condition, run: "exit 1" });
    });

    it("never runs the CLI with --debug or a high -v", function () {
      for (const { workflow } of all) {
        for (const { text } of strings(workflow)) assert.doesNotMatch(text, /--debug|\s-v\s*=?\s*[3-9]|--verbose/);
      }
    });
  });
});
