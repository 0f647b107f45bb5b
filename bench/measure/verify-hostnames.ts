/**
 * `verify-hostnames.ts <hosts> [responseDelayMs]`: the live audit (every check, all at once) of a generated
 * prod stack whose portal zone serves that many hostnames, against the verifier tests' loopback DNS and
 * HTTPS fixture running in its own process (fixture-server.ts). On loopback nothing waits on the network,
 * so the audit is as slow as its CPU work; `responseDelayMs` holds every HTTP answer that long, as the
 * network and an origin do, which is what running checks at once is for. One audit warms up first.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { RawConfig } from "../../config/load";
import { parseStackConfig } from "../../config/load";
import { audit } from "../../verifier/audit";
import { parseConnect } from "../../verifier/connect";
import { expectationsFor } from "../../verifier/expectations";
import { TrustStore } from "../../verifier/trust";
import { generatedStack } from "../generated-stack";
import { countArg, fail, measure } from "./measured";

/** The stack and answer delay both processes derive from the same arguments. */
export function auditedStack(): { config: RawConfig; delayMs: number } {
  return { config: generatedStack(1, { hosts: countArg("verify-hostnames.ts") }), delayMs: Number(process.argv[3] ?? 0) };
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
    const network = {
      resolver: { host: "127.0.0.1", port: served.dnsPort },
      trust: new TrustStore([served.caPem]),
      connect: parseConnect(served.connect),
      dnsTimeoutMs: 1000,
    };
    const run = () => audit(expectations, { stack: "prod", network, timeoutMs: 10_000 });
    await run();
    await measure(async () => {
      failed = (await run()).rows.filter((r) => r.status === "fail").map((r) => `${r.check}: ${r.detail ?? ""}`);
    });
  } finally {
    server.stdin!.end();
  }
  if (failed.length > 0) fail(`${failed.length} checks failed against the passing fixture, e.g. ${failed[0]}`);
}

if (require.main === module) main().catch((e) => fail(String(e?.stack ?? e)));
