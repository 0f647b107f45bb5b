import { strict as assert } from "node:assert";
import type { Check } from "../../verifier/check";
import { ProbeFault } from "../../verifier/faults";
import { createProbes } from "../../verifier/probes";
import { runChecks } from "../../verifier/run";
import { TrustStore } from "../../verifier/trust";

const network = { connect: new Map(), trust: new TrustStore(), dnsTimeoutMs: 100 };
const probes = (signal: AbortSignal) => createProbes(network, signal);

function sleeping(name: string, ms: number, onAbort?: () => void): Check {
  return {
    area: "Latency",
    name,
    criteria: "test",
    run: (p) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => resolve({ status: "pass", detail: `${ms} ms` }), ms);
        p.signal.addEventListener("abort", () => {
          clearTimeout(timer);
          onAbort?.();
        });
      }),
  };
}

describe("verifier check runner", () => {
  it("runs checks concurrently: each finishes only once all have started, which one at a time never would", async () => {
    let started = 0;
    let allStarted: () => void = () => undefined;
    const barrier = new Promise<void>((resolve) => (allStarted = resolve));
    const waiting = (name: string): Check => ({
      area: "Latency",
      name,
      criteria: "test",
      run: async () => {
        if (++started === 5) allStarted();
        await barrier;
        return { status: "pass", detail: "" };
      },
    });
    // Run one at a time, the first would wait for the others until its timeout and fail.
    const rows = await runChecks(["c0", "c1", "c2", "c3", "c4"].map(waiting), { timeoutMs: 5000, probes });
    assert.deepEqual(rows.map((r) => r.status), ["pass", "pass", "pass", "pass", "pass"]);
  });

  it("fails a check that exceeds its timeout with the time it was given, and aborts its probes", async () => {
    let aborted = false;
    const started = performance.now();
    const [slow, quick] = await runChecks([sleeping("slow", 5000, () => (aborted = true)), sleeping("quick", 10)], { timeoutMs: 150, probes });
    const elapsed = performance.now() - started;
    assert.deepEqual({ status: slow.status, detail: slow.detail }, { status: "fail", detail: "timed out after 150 ms" });
    assert.equal(quick.status, "pass");
    assert.equal(aborted, true);
    assert.ok(elapsed < 1000, `took ${Math.round(elapsed)} ms`);
  });

  it("turns a thrown network fault into a failed row with its reason", async () => {
    const failing: Check = { area: "DNS", name: "NS example.com", criteria: "test", run: async () => { throw new ProbeFault("NS example.com: SERVFAIL from 127.0.0.1:5353"); } };
    const [row] = await runChecks([failing], { timeoutMs: 1000, probes });
    assert.deepEqual({ area: row.area, check: row.check, status: row.status, detail: row.detail }, { area: "DNS", check: "NS example.com", status: "fail", detail: "NS example.com: SERVFAIL from 127.0.0.1:5353" });
  });

  it("keeps the rows in check order whatever order they finish in, and reports each as it settles", async () => {
    const settled: string[] = [];
    const rows = await runChecks([sleeping("late", 80), sleeping("early", 5)], { timeoutMs: 1000, probes, onSettled: (r) => settled.push(r.check) });
    assert.deepEqual(rows.map((r) => r.check), ["late", "early"]);
    assert.deepEqual(settled, ["early", "late"]);
  });

  it("starts the checks with the longest request chains first, and still reports rows in check order", async () => {
    const started: string[] = [];
    const chained = (name: string, sequentialRequests?: number): Check => ({
      area: "Latency",
      name,
      criteria: "test",
      sequentialRequests,
      run: async () => {
        started.push(name);
        return { status: "pass", detail: "" };
      },
    });
    const rows = await runChecks([chained("headers"), chained("redirect", 2), chained("tls"), chained("latency", 4)], { timeoutMs: 1000, probes });
    assert.deepEqual(started, ["latency", "redirect", "headers", "tls"]);
    assert.deepEqual(rows.map((r) => r.check), ["headers", "redirect", "tls", "latency"]);
  });
});
