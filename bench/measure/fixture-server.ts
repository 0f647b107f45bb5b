/**
 * `fixture-server.ts <hosts> [responseDelayMs]`: the verifier tests' loopback DNS and HTTPS servers for the
 * generated stack verify-hostnames.ts audits, in a process of their own, as the real servers run on other
 * machines: the audit's time is then the verifier's, not the verifier's plus the servers' TLS work on the
 * same event loop. Prints `{ dnsPort, connect, caPem }` as one JSON line when serving; stops when its
 * stdin closes (verify-hostnames.ts ending, whichever way).
 */
import { parseStackConfig } from "../../gate/load";
import { expectationsFor } from "../../verifier/expectations";
import { FixtureClock } from "../../test/verifier/fixture/clock";
import { startFixture } from "../../test/verifier/fixture/servers";
import { route } from "../../test/verifier/fixture/web-server";
import { passingWorld } from "../../test/verifier/fixture/world";
import { auditedStack } from "./verify-hostnames";
import { fail } from "./measured";

async function main(): Promise<void> {
  const { config, delayMs } = auditedStack();
  const expectations = expectationsFor(parseStackConfig(config), { latencySamples: 2 });
  const world = passingWorld(parseStackConfig(config), expectations);
  // The bench times run after run against this one server, well within a rule's period: the declared limits
  // would answer later runs 429 (each run alone stays within them; test/verifier/budget.test.ts proves it).
  world.rateLimits = [];
  if (delayMs > 0) {
    const served = { ...world };
    world.override = (req) => ({ ...route(served, req), delayMs });
  }
  // Real time: the tests' virtual clock answers a delayed page at once, which would time nothing.
  const clock = new FixtureClock();
  clock.real();
  const running = await startFixture(world, expectations, undefined, clock);
  process.stdin.once("close", () => void running.stop().then(() => process.exit(0)));
  process.stdin.resume();
  process.stdout.write(`${JSON.stringify({ dnsPort: running.dnsPort, connect: running.connect, caPem: running.pki.caPem })}\n`);
}

main().catch((e) => fail(String(e?.stack ?? e)));
