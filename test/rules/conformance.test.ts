/**
 * One driver for the conformance cases under test/rules/conformance/: each case in each data file becomes a
 * named test. Our own files are written from the RFC texts (RFC 7208, RFC 9989, RFC 8461, RFC 6376 and
 * RFC 8463), citing sections. pyspf's published RFC 7208 suite (rfc7208-tests.yml, BSD-3-Clause) is not
 * vendored here: the driver runs it when a copy sits at ../shared/vendor/pyspf/rfc7208-tests.yml beside the
 * repository (or at $RFC7208_SUITE), and says it was skipped otherwise.
 *
 * SPF cases are judged through the parser, checkSpf, the plan-time lookup count and the live count driven by
 * a resolver built from the case's zone data (conformance/spf-verdict.ts). Records the project refuses on
 * purpose though the RFC allows them (+all, ?all, ptr, no all) are policy refusals, named in the test title
 * with the reason; RFC findings are judged apart from launch policy.
 */
import { strict as assert } from "node:assert";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse, parseAllDocuments } from "yaml";
import { checkDkim } from "../../rules/dkim";
import { checkDmarc, checkDmarcRecordSet, parseDmarc } from "../../rules/dmarc";
import { organizationalDomainWalk, policyDiscoveryWalk, runTreeWalk, treeWalkNames } from "../../rules/dmarc-tree-walk";
import { Finding } from "../../rules/finding";
import { checkMtaStsPolicy, checkMtaStsTxt } from "../../rules/mta-sts";
import { judgeSpf, SpfJudgement, Verdict, zoneFrom, ZoneData } from "./conformance/spf-verdict";

const DIR = path.join(__dirname, "conformance");
const load = (file: string) => parse(readFileSync(path.join(DIR, file), "utf8"));

/** RFC findings only: launch-policy findings cite the launch checklist. */
const rfcOnly = (findings: readonly Finding[]) => findings.filter((f) => !f.ref?.includes("launch checklist"));
const errorsOf = (findings: readonly Finding[]) => findings.filter((f) => f.severity !== "warning").map((f) => f.message);
const warningsOf = (findings: readonly Finding[]) => findings.filter((f) => f.severity === "warning").map((f) => f.message);
const title = (id: string, c: { spec?: string; statement?: string }) => `${id} (${c.spec})${c.statement ? `: ${c.statement}` : ""}`;

function assertContains(messages: readonly string[], text: string, what: string) {
  assert.ok(messages.some((m) => m.includes(text)), `expected ${what} containing "${text}"; got ${JSON.stringify(messages)}`);
}

/** The record-level verdict the suite's expected check_host() results allow (pass/fail/softfail/neutral need an address). */
function allowedVerdicts(results: string | string[]): Verdict[] {
  return (Array.isArray(results) ? results : [results]).map((r) => (["pass", "fail", "softfail", "neutral"].includes(r) ? "evaluable" : (r as Verdict)));
}

function describeSpf(j: SpfJudgement): string {
  return `${j.verdict}${j.reasons.length ? `: ${j.reasons.join(" | ")}` : ""}`;
}

describe("conformance: RFC 7208 SPF cases written from the RFC (rfc7208-spf.yaml)", () => {
  const file = load("rfc7208-spf.yaml") as { zonedata: ZoneData; cases: Record<string, SpfCase> };
  interface SpfCase { spec: string; statement?: string; domain: string; txt?: string; zone?: ZoneData; verdict: Verdict; lookups?: number; refused?: string[] }
  for (const [id, c] of Object.entries(file.cases)) {
    const refusal = c.refused ? ` [refused by launch policy: ${c.refused.join(", ")}]` : "";
    it(`${title(id, c)}${refusal}`, async () => {
      const data: ZoneData = { ...file.zonedata, ...(c.zone ?? {}) };
      if (c.txt !== undefined) data[c.domain] = [...(data[c.domain] ?? []).filter((e) => !(typeof e === "object" && e !== null && "TXT" in e)), { TXT: c.txt }];
      const j = await judgeSpf(zoneFrom(data), c.domain);
      assert.equal(j.verdict, c.verdict, describeSpf(j));
      if (c.lookups !== undefined) assert.deepEqual([j.planLookups, j.liveLookups], [c.lookups, c.lookups], "plan-time and live lookup counts");
      if (c.refused) for (const word of c.refused) assertContains(j.refusals, word, "a policy refusal");
      else assert.deepEqual(j.refusals, [], "no policy refusal is expected");
    });
  }
});

/**
 * pyspf cases whose message-level result differs from our record-level judgement on purpose. The suite asks
 * what one message from one address gets; the rules judge the record for every sender.
 */
const PYSPF_RECORD_LEVEL: Readonly<Record<string, string>> = {
  "include-at-limit":
    "the sender matches ip4 before mx, the 11th lookup; any sender that does not match earlier gets a PermError, so the record is refused (policy: a record must be within 10 lookups on every path)",
};

const PYSPF_SUITE = process.env.RFC7208_SUITE ?? path.resolve(__dirname, "../../../shared/vendor/pyspf/rfc7208-tests.yml");

describe("conformance: pyspf's RFC 7208 test suite (rfc7208-tests.yml)", () => {
  if (!existsSync(PYSPF_SUITE)) {
    it.skip(`skipped: no copy at ${PYSPF_SUITE} (the suite is BSD-3-Clause test data kept outside this repository; place it there, with its LICENSE, to run it)`, () => undefined);
    return;
  }
  interface PyspfCase { spec?: string | number; description?: string; helo?: string; mailfrom?: string; result: string | string[] }
  const docs = parseAllDocuments(readFileSync(PYSPF_SUITE, "utf8")).map((d) => d.toJS() as { description: string; tests: Record<string, PyspfCase>; zonedata?: ZoneData } | null);
  for (const doc of docs) {
    if (!doc) continue;
    const zone = zoneFrom(doc.zonedata ?? {});
    describe(doc.description, () => {
      for (const [id, c] of Object.entries(doc.tests)) {
        const from = String(c.mailfrom ?? "");
        const domain = from.includes("@") ? from.slice(from.lastIndexOf("@") + 1) : from || String(c.helo ?? "");
        const recordLevel = PYSPF_RECORD_LEVEL[id];
        it(`${id} (RFC 7208 ${c.spec}): expected ${c.result}${recordLevel ? ` [refused by launch policy: ${recordLevel}]` : ""}`, async function () {
          const j = await judgeSpf(zone, domain);
          if (j.refusals.length > 0) this.test!.title += ` [refused by launch policy: ${j.refusals.join("; ")}]`;
          if (recordLevel) {
            assert.equal(j.verdict, "permerror", describeSpf(j));
            return;
          }
          assert.ok(allowedVerdicts(c.result).includes(j.verdict), `expected ${c.result}, our rules say ${describeSpf(j)}`);
          if (j.verdict === "evaluable") assert.equal(j.planLookups, j.liveLookups, "plan-time and live lookup counts");
        });
      }
    });
  }
});

describe("conformance: RFC 9989 DMARC cases (rfc9989-dmarc.yaml)", () => {
  interface RecordCase { spec: string; statement?: string; record: string; valid?: boolean; error?: string; warning?: string; p?: string }
  interface SetCase { spec: string; statement?: string; records: string[]; valid?: boolean; error?: string }
  interface WalkCase { spec: string; statement?: string; zone: Record<string, string>; organizational?: Record<string, string>; queries?: Record<string, string[]>; policy?: Record<string, string[]> }
  const file = load("rfc9989-dmarc.yaml") as { records: Record<string, RecordCase>; record_sets: Record<string, SetCase>; walks: Record<string, WalkCase> };

  describe("records", () => {
    for (const [id, c] of Object.entries(file.records)) {
      it(title(id, c), () => {
        const findings = rfcOnly(checkDmarc(c.record, { environment: "staging" }));
        if (c.valid) assert.deepEqual(errorsOf(findings), []);
        if (c.error) assertContains(errorsOf(findings), c.error, "an RFC error");
        if (c.warning) assertContains(warningsOf(findings), c.warning, "a warning");
        if (c.p) assert.equal((parseDmarc(c.record).p ?? "none").toLowerCase(), c.p);
      });
    }
  });

  describe("record sets", () => {
    for (const [id, c] of Object.entries(file.record_sets)) {
      it(title(id, c), () => {
        const messages = errorsOf(checkDmarcRecordSet(c.records));
        if (c.valid) assert.deepEqual(messages, []);
        if (c.error) assertContains(messages, c.error, "an RFC error");
      });
    }
  });

  describe("DNS Tree Walk", () => {
    for (const [id, c] of Object.entries(file.walks)) {
      it(title(id, c), () => {
        const txt = (query: string) => {
          const record = c.zone[query.replace(/^_dmarc\./, "")];
          return record === undefined ? [] : [record];
        };
        for (const [name, org] of Object.entries(c.organizational ?? {})) {
          assert.equal(runTreeWalk(organizationalDomainWalk(name), txt).organizationalDomain, org, `Organizational Domain of ${name}`);
        }
        for (const [name, names] of Object.entries(c.queries ?? {})) {
          assert.deepEqual(treeWalkNames(name), names);
          assert.ok(runTreeWalk(organizationalDomainWalk(name), txt).queries.length <= 8);
        }
        for (const [name, [source, policyDomain]] of Object.entries(c.policy ?? {})) {
          const found = runTreeWalk(policyDiscoveryWalk(name), txt);
          assert.deepEqual([found.source, found.policyDomain], [source, policyDomain], `policy record for ${name}`);
        }
      });
    }
  });
});

describe("conformance: RFC 8461 MTA-STS cases (rfc8461-mta-sts.yaml)", () => {
  interface TxtCase { spec: string; statement?: string; records: string[]; valid?: boolean; error?: string }
  interface PolicyCase { spec: string; statement?: string; policy: string; mx: string[]; valid?: boolean; error?: string }
  const file = load("rfc8461-mta-sts.yaml") as { txt: Record<string, TxtCase>; policies: Record<string, PolicyCase> };
  for (const [id, c] of Object.entries(file.txt)) {
    it(`TXT ${title(id, c)}`, () => {
      const messages = errorsOf(checkMtaStsTxt(c.records));
      if (c.valid) assert.deepEqual(messages, []);
      if (c.error) assertContains(messages, c.error, "an RFC error");
    });
  }
  for (const [id, c] of Object.entries(file.policies)) {
    it(`policy ${title(id, c)}`, () => {
      const messages = errorsOf(checkMtaStsPolicy(c.policy, c.mx));
      if (c.valid) assert.deepEqual(messages, []);
      if (c.error) assertContains(messages, c.error, "an RFC error");
    });
  }
});

describe("conformance: DKIM key records, RFC 6376 §3.6.1 and RFC 8463 (dkim-key-records.yaml)", () => {
  interface KeyCase { spec: string; statement?: string; record: string; valid?: boolean; error?: string; refused?: string; signing?: boolean }
  const file = load("dkim-key-records.yaml") as { keys: Record<string, KeyCase> };
  for (const [id, c] of Object.entries(file.keys)) {
    it(`${title(id, c)}${c.refused ? ` [refused by launch policy: ${c.refused}]` : ""}`, () => {
      const findings = checkDkim(c.record, { environment: "staging", signing: c.signing });
      const refusals = c.refused ? findings.filter((f) => f.message.includes(c.refused!)) : [];
      const rfc = errorsOf(findings.filter((f) => !refusals.includes(f)));
      if (c.valid) assert.deepEqual(rfc, []);
      if (c.error) assertContains(rfc, c.error, "an RFC error");
      if (c.refused) assert.equal(refusals.length, 1, `expected the refusal "${c.refused}"; got ${JSON.stringify(findings.map((f) => f.message))}`);
    });
  }
});
