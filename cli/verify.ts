import { readFileSync } from "node:fs";
import { rootCertificates } from "node:tls";
import { Command, InvalidArgumentError, Option } from "commander";
import { parseArgs } from "./shared/args";
import { parseStackName } from "./shared/stack-name";
import { fromUser } from "./shared/user-directory";
import { ConfigError } from "../config/errors";
import { parseStackConfig } from "../gate/load";
import { readStackFile, stackFilePath } from "../offline/stack-file";
import { audit } from "../verifier/audit";
import { BrowserMode, BrowserPool } from "../verifier/browser";
import { Area, AREAS } from "../verifier/check";
import { parseConnect, parseHostPort } from "../verifier/connect";
import { DEFAULT_LATENCY_SAMPLES, expectationsFor } from "../verifier/expectations";
import { BURST_HARD_CAP, BURST_MARGIN } from "../rules/rate-limit-burst";
import { NO_PROGRESS, Progress, progressBar } from "../verifier/progress";
import { TrustStore } from "../verifier/trust";
import { renderJson, renderTable } from "../verifier/scorecard";

/**
 * `npm run verify -- --stack prod`: audits the live launch against what the stack declares (DNS, TLS,
 * redirects, headers, email, access, latency, exposed secrets) and prints a scorecard. Exit codes: 0 every
 * check passed (warnings allowed), 1 a check failed, 2 a usage or configuration error.
 */

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError("must be a positive whole number");
  return n;
}

function areaList(value: string): Area[] {
  return value.split(",").map((name) => {
    const area = AREAS.find((a) => a.toLowerCase() === name.trim().toLowerCase());
    if (!area) throw new InvalidArgumentError(`"${name}" is not one of ${AREAS.join(", ")}`);
    return area;
  });
}

function readCa(file: string): string {
  try {
    return readFileSync(fromUser(file), "utf8");
  } catch (error) {
    throw new Error(`--ca ${file}: ${(error as { code?: string }).code === "ENOENT" ? "no such file" : (error as Error).message}`);
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

interface Flags {
  stack: string;
  json: boolean;
  resolver?: string;
  ca?: string;
  connect: string[];
  timeout: number;
  samples: number;
  only?: Area[];
  browser: BrowserMode;
  burst: boolean;
  cwd: string;
}

const BURST_WARNING = `--burst spends the login route's real rate-limit budget: after the other rows, it sends GET requests
to the login route on the stack's app host (never another host) until the edge answers 429 or its
challenge, at most the declared limit plus ${BURST_MARGIN} (never more than ${BURST_HARD_CAP}) and within the rule's period.
Once it trips, the edge blocks this machine's address on the rule's routes for the mitigation timeout
(prod: 600 s): run it from a machine whose users can wait that long, never from a shared office address.`;

/** Where the CLI writes: the process's streams, or a test's. */
export interface Output {
  stdout: Pick<NodeJS.WriteStream, "write" | "isTTY" | "columns">;
  stderr: Pick<NodeJS.WriteStream, "write" | "isTTY">;
}

export async function main(argv: readonly string[], out: Output = process): Promise<number> {
  const program = new Command()
    .name("verify")
    .usage("--stack <name> [--json] [--resolver address:port] [--ca file] [--connect name:port=address:port ...] [--timeout ms] [--samples n] [--browser mode] [--burst] [--only areas] [--cwd dir]")
    .description("Audit the live launch against what the stack declares and print a scorecard.")
    .requiredOption("--stack <name>", "stack whose Pulumi.<stack>.yaml declares the launch, e.g. prod")
    .option("--json", "print one JSON document instead of the table (no progress display)", false)
    .option("--resolver <address:port>", "DNS server to ask instead of the system's, e.g. 1.1.1.1:53")
    .option("--ca <file>", "PEM file of extra trusted CA certificates (added to the system roots)")
    .option("--connect <name:port=address:port>", "connect to address:port for name:port, like curl --connect-to (repeatable)", collect, [])
    .option("--timeout <ms>", "per-check timeout in milliseconds", positiveInt, 10000)
    .option("--samples <n>", "requests per core endpoint for the latency p95", positiveInt, DEFAULT_LATENCY_SAMPLES)
    .option("--burst", "opt-in: prove the login route's rate limit live with a bounded burst (spends the budget: see below)", false)
    .addOption(new Option("--browser <mode>", "headless Chromium rows: auto (skipped when /usr/bin/chromium is absent), required (absent fails), off").choices(["auto", "required", "off"]).default("auto"))
    .option("--only <areas>", `comma-separated areas to check (${AREAS.join(", ")})`, areaList)
    .option("--cwd <dir>", "the Pulumi project directory (relative to where you ran npm)", process.cwd())
    .addHelpText("after", `\n${BURST_WARNING}\n`)
    .configureOutput({ writeOut: (text) => out.stdout.write(text), writeErr: (text) => out.stderr.write(text) });
  const parsed = parseArgs<Flags>(program, argv.slice(2));
  if ("exitCode" in parsed) return parsed.exitCode;
  const flags = parsed.options;
  const fail = (message: string) => {
    out.stderr.write(`verify: ${message}\n`);
    return 2;
  };
  // `--stack` in any form Pulumi accepts; files and the audit's stack field use its last segment.
  let stack: string;
  try {
    stack = parseStackName(flags.stack).name;
  } catch (error) {
    return fail((error as Error).message);
  }

  // Rate-limit rows exist only with --burst: a selection of nothing else would check nothing.
  if (flags.only?.every((a) => a === "RateLimits") && !flags.burst) return fail("--only RateLimits: the rate-limit rows run only with --burst (it spends the login route's budget; see --help)");

  let network;
  try {
    network = {
      resolver: flags.resolver === undefined ? undefined : parseHostPort(flags.resolver, "--resolver"),
      trust: new TrustStore(flags.ca === undefined ? undefined : [...rootCertificates, readCa(flags.ca)]),
      connect: parseConnect(flags.connect),
      dnsTimeoutMs: Math.max(200, Math.min(2000, Math.floor(flags.timeout / 3))),
      browser: new BrowserPool({ mode: flags.browser, connect: parseConnect(flags.connect), acceptTestCertificates: flags.ca !== undefined }),
    };
  } catch (error) {
    return fail((error as Error).message);
  }

  let config;
  try {
    config = parseStackConfig(readStackFile(stack, fromUser(flags.cwd)));
  } catch (error) {
    if (error instanceof ConfigError) return fail(`Pulumi.${stack}.yaml is invalid:\n${error.problems.map((p) => `  ${p}`).join("\n")}`);
    if ((error as { code?: string }).code === "ENOENT") return fail(`no stack file ${stackFilePath(stack, fromUser(flags.cwd))}; pass --stack <name> of an existing Pulumi.<name>.yaml`);
    return fail(`cannot read the stack: ${(error as Error).message}`);
  }

  let progress: Progress = NO_PROGRESS;
  // Chromium starts while the stack is read and the network rows run; the browser rows find it launched.
  if (!flags.only || flags.only.includes("Browser")) network.browser.warm();
  const card = await audit(expectationsFor(config, { latencySamples: flags.samples, burst: flags.burst ? { timeoutMs: flags.timeout } : undefined }), {
    stack,
    network,
    timeoutMs: flags.timeout,
    areas: flags.only,
    onStart: (total) => {
      if (!flags.json && out.stderr.isTTY) progress = progressBar(total, out.stderr as NodeJS.WriteStream);
    },
    onSettled: (row) => progress.settled(row),
  });
  progress.stop();
  // The scorecard first: closing Chromium takes a moment the reader need not wait for.
  out.stdout.write(flags.json ? renderJson(card) : renderTable(card, { width: out.stdout.columns ?? 160, color: out.stdout.isTTY === true }));
  await network.browser.close();
  return card.passed ? 0 : 1;
}

if (require.main === module) main(process.argv).then((code) => (process.exitCode = code));
