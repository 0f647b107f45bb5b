import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseStackConfig } from "../../gate/load";
import { expectationsFor } from "../../verifier/expectations";
import { AREAS } from "../../verifier/check";
import { main } from "../../cli/verify";
import type { Scorecard } from "../../verifier/scorecard";
import { REPO, shippedConfig } from "../support/harness";
import { createPki } from "./fixture/pki";
import { RunningFixture, startFixture } from "./fixture/servers";
import { fixtureZones, passingWorld } from "./fixture/world";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function verify(args: string[], cwd = REPO): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["-r", "ts-node/register/transpile-only", join(REPO, "cli", "verify.ts"), ...args], { cwd, env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * Every area but Latency: the CLI's plumbing is under test here, and two audits in two child processes on a
 * shared 2-core machine measure each other, not the fixture (audit.test.ts times a slow endpoint alone).
 */
const CLI_AREAS = AREAS.filter((a) => a !== "Latency").join(",");

function flags(fx: RunningFixture, caFile: string): string[] {
  return ["--resolver", `127.0.0.1:${fx.dnsPort}`, "--ca", caFile, ...fx.connect.flatMap((c) => ["--connect", c]), "--samples", "2", "--timeout", "20000", "--browser", "off", "--only", CLI_AREAS];
}

/** Runs the CLI's main in this process, capturing what it prints (for the paths that never reach the network). */
async function verifyInProcess(args: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await main(["node", "verify.ts", ...args], { stdout: { write: (t: string) => ((stdout += t), true), isTTY: false, columns: 160 }, stderr: { write: (t: string) => ((stderr += t), true), isTTY: false } });
  return { code, stdout, stderr };
}

/** The CLI as a child process, as `npm run verify` runs it: both runs start together to keep the suite fast. */
describe("npm run verify (the CLI, end to end)", function () {
  let passing: Run;
  let failing: Run;
  const fixtures: RunningFixture[] = [];
  const dir = mkdtempSync(join(tmpdir(), "launch-stack-verify-cli-"));

  before(async function () {
    // Two child processes each load ts-node and the Pulumi SDK: generous on a loaded machine.
    this.timeout(90_000);
    const config = parseStackConfig(shippedConfig("prod"));
    const e = expectationsFor(config);
    const pki = createPki(fixtureZones(e));
    const good = await startFixture(passingWorld(config, e), e, pki);
    const badWorld = passingWorld(config, e);
    badWorld.hosts["app.example.com"].corsBug = "reflect";
    const bad = await startFixture(badWorld, e, pki);
    fixtures.push(good, bad);
    const caFile = join(dir, "ca.pem");
    writeFileSync(caFile, pki.caPem);
    [passing, failing] = await Promise.all([verify(["--stack", "prod", ...flags(good, caFile)]), verify(["--stack", "prod", "--json", ...flags(bad, caFile)])]);
  });
  after(async () => {
    await Promise.all(fixtures.map((f) => f.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it("prints the scorecard table and exits 0 against the passing fixture", () => {
    assert.equal(passing.code, 0, passing.stderr || passing.stdout);
    assert.match(passing.stdout, /│ Area\s+│ Check\s+│ Pass criteria\s+│ Result\s+│ Detail\s+│/);
    // Cells wrap at the table's width, so match each row by its first line.
    assert.match(passing.stdout, /│ TLS\s+│ app\.example\.com\s+│ trusted certificate covering[^│]*│ ✔ pass\s+│ example\.com by launch-stack test CA, 89 days left;/);
    assert.match(passing.stdout, /\n100 checks: 98 passed, 2 warned, 0 failed in \d+\.\d s; stack prod is ready for production traffic\n$/);
    assert.equal(passing.stderr, "", "no progress display when stderr is not a terminal");
  });

  it("exits 1 against a failing fixture and prints one JSON document naming the failed rows", () => {
    assert.equal(failing.code, 1, failing.stderr);
    const card = JSON.parse(failing.stdout) as Scorecard;
    assert.equal(card.passed, false);
    assert.deepEqual(card.summary, { pass: 95, warn: 2, fail: 3, total: 100 });
    assert.deepEqual(card.rows.filter((r) => r.status === "fail").map((r) => r.check), ["Observatory grade app.example.com", "CORS https://app.example.com/", "CORS https://app.example.com/api/"]);
    assert.deepEqual(Object.keys(card.rows[0]), ["area", "check", "criteria", "status", "detail", "durationMs"]);
  });

  it("prints each configuration problem on its own line and exits 2, without a stack trace", async () => {
    writeFileSync(join(dir, "Pulumi.broken.yaml"), "config:\n  launch-stack:environment: production\n");
    const broken = await verifyInProcess(["--stack", "broken", "--cwd", dir]);
    assert.equal(broken.code, 2);
    assert.equal(broken.stdout, "");
    assert.match(broken.stderr, /^verify: Pulumi\.broken\.yaml is invalid:\n  launch-stack:environment: must be one of "staging", "prod"; got "production"\n/);
    assert.doesNotMatch(broken.stderr, /\n\s+at /);
  });

  it("exits 2 with one line for a malformed --connect", async () => {
    assert.deepEqual(await verifyInProcess(["--stack", "prod", "--connect", "app.example.com:443"]), {
      code: 2,
      stdout: "",
      stderr: 'verify: --connect "app.example.com:443" must be name:port=address:port\n',
    });
  });

  it("exits 2 when --stack is missing", async () => {
    const run = await verifyInProcess([]);
    assert.deepEqual({ code: run.code, stderr: run.stderr }, { code: 2, stderr: "error: required option '--stack <name>' not specified\n" });
  });

  it("reads an org/project/stack name's file by its last segment, as plan and handover do", async () => {
    const run = await verifyInProcess(["--stack", "acme/launch-stack/absent", "--cwd", REPO]);
    assert.deepEqual({ code: run.code, stderr: run.stderr }, { code: 2, stderr: `verify: no stack file ${join(REPO, "Pulumi.absent.yaml")}; pass --stack <name> of an existing Pulumi.<name>.yaml\n` });
  });

  it("warns in --help that --burst spends the login route's rate-limit budget and can block this address", async () => {
    const run = await verifyInProcess(["--help"]);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /--burst\s+opt-in: prove the login route's rate limit\s+live with a bounded burst/);
    assert.match(run.stdout, /--burst spends the login route's real rate-limit budget: .*\n.*never another host.*\n.*at most the declared limit plus 3 \(never more than 100\) and within the rule's period\.\n.*blocks this machine's address on the rule's routes for the mitigation timeout/);
  });

  it("exits 2 when --only selects just the rate-limit rows without --burst", async () => {
    const run = await verifyInProcess(["--stack", "prod", "--only", "RateLimits"]);
    assert.deepEqual({ code: run.code, stderr: run.stderr }, { code: 2, stderr: "verify: --only RateLimits: the rate-limit rows run only with --burst (it spends the login route's budget; see --help)\n" });
  });

  it("adds the burst row with --burst, sent to the fixture's edge, which limits on time", async () => {
    const [good] = fixtures;
    const world = passingWorld(parseStackConfig(shippedConfig("prod")), expectationsFor(parseStackConfig(shippedConfig("prod"))));
    const limited = await startFixture(world, expectationsFor(parseStackConfig(shippedConfig("prod"))), good.pki);
    fixtures.push(limited);
    const run = await verifyInProcess(["--stack", "prod", "--json", "--burst", ...flags(limited, join(dir, "ca.pem")).slice(0, -2), "--only", "RateLimits"]);
    assert.equal(run.code, 0, run.stdout);
    const card = JSON.parse(run.stdout) as Scorecard;
    assert.deepEqual(card.rows.map((r) => [r.area, r.check, r.status]), [["RateLimits", "https://app.example.com/login (rule auth)", "pass"]]);
    assert.match(card.rows[0].detail, /^the edge answered 429 at request 6 of at most 8/);
  });
});
