/**
 * `verify-hostnames.ts <hosts|prod> [responseDelayMs] [browser]`: the live audit (every check, all at once)
 * of a generated prod stack whose portal zone serves that many hostnames, or of the shipped prod stack,
 * against the verifier tests' loopback DNS and HTTPS fixture running in its own process (fixture-server.ts).
 * On loopback nothing waits on the network, so the audit is as slow as its CPU work; `responseDelayMs` holds
 * every HTTP answer that long, as the network and an origin do, which is what running checks at once is
 * for. `browser` adds the browser rows (Debian's Chromium, as `--browser required` runs them), launched
 * anew for each audit as a verify run launches it. One audit warms up first.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { RawConfig } from "../../gate/load";
import { parseStackConfig } from "../../gate/load";
import { readStackFile } from "../../offline/stack-file";
import { BrowserPool } from "../../verifier/browser";
import { audit } from "../../verifier/audit";
import { parseConnect } from "../../verifier/connect";
import { expectationsFor } from "../../verifier/expectations";
import { TrustStore } from "../../verifier/trust";
import { generatedStack } from "../generated-stack";
import { REPO } from "../rows";
import { countArg, fail, measure } from "./measured";

/** The stack and answer delay both processes derive from the same arguments. */
export function auditedStack(): { config: RawConfig; delayMs: number } {
  const config = process.argv[2] === "prod" ? readStackFile("prod", REPO) : generatedStack(1, { hosts: countArg("verify-hostnames.ts") });
  return { config, delayMs: Number(process.argv[3] ?? 0) };
}

interface Served {
  dnsPort: number;
  connect: string[];
  caPem: string;
}

async function main(): Promise<void> {
  const { config } = auditedStack();
  const expectations = expectationsFor(parseStackConfig(config), { latencySamples: 2 });
  // Its stdin is the fixture's lifeline: it stops when this process ends, however it ends.
  const server = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", `${__dirname}/fixture-server.ts`, ...process.argv.slice(2)], { stdio: ["pipe", "pipe", "inherit"] });
  let failed: string[] = [];
  try {
    const served = await new Promise<Served>((resolve, reject) => {
      createInterface({ input: server.stdout! }).once("line", (line) => resolve(JSON.parse(line) as Served));
      server.once("exit", (code) => reject(new Error(`the fixture server exited with ${code}`)));
    });
    const withBrowser = process.argv[4] === "browser";
    /** One audit as verify runs it, timed until its scorecard exists (verify prints it, then closes Chromium). */
    const run = async (timed: (audit: () => Promise<void>) => Promise<void>) => {
      const connect = parseConnect(served.connect);
      // Nothing leaves loopback: the page's third-party script is refused, as in the browser tests.
      const browser = withBrowser ? new BrowserPool({ mode: "required", connect, acceptTestCertificates: true, onlyMappedHosts: true }) : undefined;
      const network = { resolver: { host: "127.0.0.1", port: served.dnsPort }, trust: new TrustStore([served.caPem]), connect, dnsTimeoutMs: 1000, browser };
      try {
        await timed(async () => {
          browser?.warm();
          const card = await audit(expectations, { stack: "prod", network, timeoutMs: 15_000 });
          failed = card.rows.filter((r) => r.status === "fail").map((r) => `${r.check}: ${r.detail ?? ""}`);
        });
      } finally {
        await browser?.close();
      }
    };
    await run((audit) => audit());
    await run(measure);
  } finally {
    server.stdin!.end();
  }
  if (failed.length > 0) fail(`${failed.length} checks failed against the passing fixture, e.g. ${failed[0]}`);
}

if (require.main === module) main().catch((e) => fail(String(e?.stack ?? e)));
