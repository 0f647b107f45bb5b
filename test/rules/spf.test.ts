import { strict as assert } from "node:assert";
import {
  KNOWN_INCLUDE_LOOKUPS,
  SpfDnsResolver,
  buildSpf,
  checkSpf,
  checkSpfRecordSet,
  countSpfLookups,
  parseSpf,
  spfLookupCount,
} from "../../rules/spf";

const messages = (text: string, options = {}) => checkSpf(text, options).map((f) => f.message);
const errors = (text: string, options = {}) => checkSpf(text, options).filter((f) => f.severity === "error").map((f) => f.message);

/** An in-memory DNS: TXT, MX and A records by name; a name listed in `broken` throws like a SERVFAIL. */
function fakeDns(txt: Record<string, string[]>, extra: { mx?: Record<string, string[]>; a?: Record<string, string[]>; broken?: string[] } = {}): SpfDnsResolver & { queries: string[] } {
  const queries: string[] = [];
  const answer = async (table: Record<string, string[]>, name: string, type: string) => {
    queries.push(`${type} ${name}`);
    if (extra.broken?.includes(name)) throw new Error("SERVFAIL");
    return table[name] ?? [];
  };
  return {
    queries,
    resolveTxt: (name) => answer(txt, name, "TXT"),
    resolveMx: (name) => answer(extra.mx ?? {}, name, "MX"),
    resolveAddresses: (name) => answer(extra.a ?? {}, name, "A"),
  };
}

describe("rules/spf", () => {
  describe("parseSpf", () => {
    it("reads qualifiers, mechanisms, values, CIDR lengths and modifiers", () => {
      const record = parseSpf("v=spf1 ip4:192.0.2.0/24 -a:mail.example.com/28//64 ~mx include:_spf.google.com redirect=_spf.example.net exp=explain.example.com");
      assert.deepEqual(
        record.terms.map((t) => (t.kind === "mechanism" ? [t.qualifier, t.mechanism, t.value, t.cidr] : [t.name, t.value])),
        [
          ["+", "ip4", "192.0.2.0", "/24"],
          ["-", "a", "mail.example.com", "/28//64"],
          ["~", "mx", undefined, undefined],
          ["+", "include", "_spf.google.com", undefined],
          ["redirect", "_spf.example.net"],
          ["exp", "explain.example.com"],
        ],
      );
      assert.deepEqual(record.problems, []);
    });

    it("accepts : and / inside an a or mx domain-spec and takes the CIDR lengths from the end (RFC 7208 §7.1)", () => {
      const record = parseSpf("v=spf1 a:foo:bar/baz.example.com mx:a/b.example.com/24//64 ptr:x/y.example.com -all");
      assert.deepEqual(record.problems, []);
      assert.deepEqual(record.terms.slice(0, 3).map((t) => (t.kind === "mechanism" ? [t.value, t.cidr] : [])), [["foo:bar/baz.example.com", undefined], ["a/b.example.com", "/24//64"], ["x/y.example.com", undefined]]);
    });

    it("refuses a port after the domain, since com:8080 is not a toplabel", () => {
      assert.deepEqual(parseSpf("v=spf1 a:example.com:8080 -all").problems.map((p) => p.message), ['SPF term "a:example.com:8080" needs a fully qualified domain name']);
    });

    it("accepts a toplabel with inner hyphens such as xn--zckzah", () => {
      assert.deepEqual(parseSpf("v=spf1 a:foo.example.xn--zckzah -all").problems, []);
    });

    it("tolerates several spaces between terms", () => {
      assert.equal(parseSpf("v=spf1  mx   -all ").terms.length, 2);
    });

    it("treats mechanism names case-insensitively", () => {
      const [term] = parseSpf("v=spf1 INCLUDE:_spf.google.com -all").terms;
      assert.equal(term.kind === "mechanism" && term.mechanism, "include");
    });
  });

  describe("checkSpfRecordSet", () => {
    it("accepts one SPF record among other TXT records at the name", () => {
      assert.deepEqual(checkSpfRecordSet(["google-site-verification=abc", "v=spf1 -all"]), []);
    });

    it("rejects two SPF records at one name as a PermError", () => {
      const [finding] = checkSpfRecordSet(["v=spf1 include:_spf.google.com -all", "v=spf1 include:amazonses.com -all"]);
      assert.equal(finding.message, "2 TXT records at the name start with v=spf1; more than one is a PermError");
      assert.equal(finding.ref, "RFC 7208 §4.5");
      assert.equal(finding.fix, "merge them into a single SPF record");
    });

    it("reports a name with no SPF record", () => {
      assert.equal(checkSpfRecordSet(["google-site-verification=abc"])[0].message, "no TXT record at the name starts with v=spf1");
    });

    it("does not take v=spf10 for an SPF record", () => {
      assert.equal(checkSpfRecordSet(["v=spf10 -all"]).length, 1);
    });
  });

  describe("checkSpf: the all mechanism", () => {
    it("accepts a record ending in -all", () => {
      assert.deepEqual(checkSpf("v=spf1 include:_spf.google.com -all"), []);
    });

    it("rejects +all", () => {
      const [finding] = checkSpf("v=spf1 +all");
      assert.equal(finding.message, "SPF ends in +all, which authorizes every host on the Internet to send as this domain");
      assert.equal(finding.ref, "RFC 7208 §5.1");
      assert.equal(finding.fix, "end the record with -all (or ~all while validating)");
    });

    it("rejects a bare all, which means +all", () => {
      assert.deepEqual(messages("v=spf1 mx all"), ["SPF ends in all with no qualifier, which means +all and authorizes every host on the Internet"]);
    });

    it("rejects ?all", () => {
      assert.deepEqual(messages("v=spf1 mx ?all"), ["SPF ends in ?all (neutral), which gives receivers no policy to enforce"]);
    });

    it("rejects ~all by default, as -all is the launch gate", () => {
      assert.deepEqual(messages("v=spf1 mx ~all"), ["SPF ends in ~all (softfail); the launch gate is -all"]);
    });

    it("accepts ~all while validating", () => {
      assert.deepEqual(checkSpf("v=spf1 mx ~all", { allowSoftFail: true }), []);
    });

    it("rejects a record with neither all nor redirect, which means ?all", () => {
      const [finding] = checkSpf("v=spf1 include:_spf.google.com");
      assert.equal(finding.message, "SPF has neither all nor redirect=, so unmatched senders get neutral, the same as ?all");
      assert.equal(finding.ref, "RFC 7208 §4.7");
    });

    it("accepts a record that ends in redirect= instead of all", () => {
      assert.deepEqual(checkSpf("v=spf1 ip4:192.0.2.1 redirect=_spf.example.com"), [
        {
          message: "include:_spf.example.com is not in the known-include table, so it is counted as 1 DNS lookup and its nested lookups are unknown",
          ref: "RFC 7208 §4.6.4",
          fix: "check the provider's SPF record and confirm the total stays within 10 (the live verifier counts for real)",
          severity: "warning",
        },
      ]);
    });

    it("rejects mechanisms after all, which are never evaluated", () => {
      assert.deepEqual(errors("v=spf1 -all ip4:192.0.2.1"), ["SPF has mechanisms after all (ip4:192.0.2.1), which are never evaluated"]);
    });

    it("accepts modifiers after all", () => {
      assert.deepEqual(checkSpf("v=spf1 mx -all exp=explain.example.com"), []);
    });

    it("warns that redirect= is ignored when all is present", () => {
      const findings = checkSpf("v=spf1 -all redirect=_spf.example.com");
      assert.deepEqual(findings.map((f) => [f.severity, f.message]), [["warning", "SPF has both all and redirect=_spf.example.com; redirect= is ignored when all is present"]]);
    });
  });

  describe("checkSpf: terms", () => {
    it("rejects ptr", () => {
      const [finding] = checkSpf("v=spf1 ptr -all");
      assert.equal(finding.message, 'SPF uses "ptr", which is slow, unreliable and should not be used');
      assert.equal(finding.ref, "RFC 7208 §5.5");
    });

    it("rejects an unknown macro letter", () => {
      const [finding] = checkSpf("v=spf1 exists:%{z}.spf.example.com -all");
      assert.equal(finding.message, 'SPF term "exists:%{z}.spf.example.com" has a malformed macro: %{z} is not a valid macro');
      assert.equal(finding.ref, "RFC 7208 §7.1");
    });

    it("rejects a macro that is never closed", () => {
      assert.match(errors("v=spf1 include:%{d.example.com -all")[0], /a %\{ is never closed/);
    });

    it("rejects a lone percent sign", () => {
      assert.match(errors("v=spf1 exists:100%.example.com -all")[0], /"%" must start %\{\.\.\.\}, %%, %_ or %-/);
    });

    it("accepts well-formed macros with transformers and delimiters", () => {
      assert.deepEqual(errors("v=spf1 exists:%{ir}.%{l1r+-}._spf.%{d} -all"), []);
    });

    it("rejects an invalid IPv4 network", () => {
      assert.deepEqual(errors("v=spf1 ip4:300.1.1.1 -all"), ['SPF term "ip4:300.1.1.1" is not a valid IPv4 network']);
    });

    it("rejects an IPv4 prefix longer than 32", () => {
      assert.deepEqual(errors("v=spf1 ip4:192.0.2.0/33 -all"), ['SPF term "ip4:192.0.2.0/33" is not a valid IPv4 network']);
    });

    it("accepts an IPv6 network", () => {
      assert.deepEqual(checkSpf("v=spf1 ip6:2001:db8::/32 -all"), []);
    });

    it("rejects an unknown mechanism", () => {
      const [finding] = checkSpf("v=spf1 ipv4:192.0.2.1 -all");
      assert.equal(finding.message, 'SPF term "ipv4:192.0.2.1" is not a known mechanism or modifier');
      assert.equal(finding.ref, "RFC 7208 §4.6.1");
    });

    it("rejects an include without a domain", () => {
      assert.deepEqual(errors("v=spf1 include -all"), ['SPF term "include" needs a domain: include:<domain>']);
    });

    it("rejects an include of a name without a top-level label", () => {
      assert.deepEqual(errors("v=spf1 include:localhost -all"), ['SPF term "include:localhost" needs a fully qualified domain name']);
    });

    it("rejects redirect= given twice", () => {
      assert.ok(errors("v=spf1 redirect=a.example.com redirect=b.example.com").includes("SPF has redirect= 2 times; each may appear at most once"));
    });

    it("warns about an unknown modifier, which receivers ignore", () => {
      const findings = checkSpf("v=spf1 mx -all redirct=_spf.example.com");
      assert.deepEqual(findings.map((f) => [f.severity, f.message]), [["warning", 'SPF modifier "redirct=_spf.example.com" is not defined and receivers ignore it']]);
    });

    it("rejects text that is not an SPF record", () => {
      assert.deepEqual(messages("spf1 -all"), ['record does not start with "v=spf1"']);
    });
  });

  describe("checkSpf: size", () => {
    const ips = (n: number) => Array.from({ length: n }, (_, i) => `ip4:192.0.${Math.floor(i / 250)}.${i % 250}`).join(" ");

    it("warns when the record is over 450 bytes", () => {
      const record = `v=spf1 ${ips(32)} -all`;
      assert.ok(record.length > 450 && record.length <= 512);
      assert.deepEqual(messages(record), [`SPF record is ${record.length} bytes; keep it within 450`]);
    });

    it("rejects a record over 512 bytes", () => {
      const record = `v=spf1 ${ips(35)} -all`;
      assert.deepEqual(errors(record), [`SPF record is ${record.length} bytes; the limit is 512`]);
    });
  });

  describe("spfLookupCount", () => {
    it("counts include, a, mx, ptr and exists, but not ip4, ip6, all or exp", () => {
      const count = spfLookupCount("v=spf1 a mx ptr exists:%{i}.x.example.com ip4:192.0.2.1 ip6:2001:db8::1 include:amazonses.com -all exp=e.example.com");
      assert.equal(count.count, 5);
    });

    it("reports which assumed include figures it used", () => {
      const count = spfLookupCount("v=spf1 include:_spf.google.com include:sendgrid.net -all");
      assert.equal(count.count, 5);
      assert.deepEqual(count.assumed, [
        { domain: "_spf.google.com", lookups: 4, assumedOn: "2026-11" },
        { domain: "sendgrid.net", lookups: 1, assumedOn: "2026-11" },
      ]);
      assert.deepEqual(count.unknown, []);
    });

    it("counts an unknown include as one lookup and lists it", () => {
      const count = spfLookupCount("v=spf1 include:mail.vendor.example -all");
      assert.equal(count.count, 1);
      assert.deepEqual(count.unknown, ["mail.vendor.example"]);
      assert.deepEqual(count.terms, [{ term: "include:mail.vendor.example", lookups: 1, basis: "unknown" }]);
    });

    it("costs a redirect like an include", () => {
      assert.equal(spfLookupCount("v=spf1 redirect=_spf.google.com").count, 4);
    });

    it("does not count a redirect that all makes unreachable", () => {
      assert.equal(spfLookupCount("v=spf1 -all redirect=_spf.google.com").count, 0);
    });

    it("takes an injected include-cost resolver", () => {
      const count = spfLookupCount("v=spf1 include:a.example.net -all", (d) => (d === "a.example.net" ? { lookups: 7 } : undefined));
      assert.equal(count.count, 7);
    });

    it("dates every entry of the known-include table 2026-11", () => {
      assert.deepEqual(new Set(Object.values(KNOWN_INCLUDE_LOOKUPS).map((k) => k.assumedOn)), new Set(["2026-11"]));
    });
  });

  describe("checkSpf: lookup limit", () => {
    it("rejects 11 lookups and names the assumed figures", () => {
      const [finding] = checkSpf("v=spf1 include:_spf.google.com include:mailgun.org include:sendgrid.net a -all");
      assert.equal(
        finding.message,
        "SPF needs 11 DNS lookups; the limit is 10 (include:_spf.google.com=4 assumed 2026-11, include:mailgun.org=5 assumed 2026-11, include:sendgrid.net=1 assumed 2026-11, a=1)",
      );
      assert.equal(finding.ref, "RFC 7208 §4.6.4");
      assert.equal(finding.severity, "error");
    });

    it("accepts exactly 10 lookups", () => {
      assert.deepEqual(checkSpf("v=spf1 include:_spf.google.com include:mailgun.org include:sendgrid.net -all"), []);
    });

    it("warns that an unknown include's nested cost is unknown", () => {
      const findings = checkSpf("v=spf1 include:mail.vendor.example -all");
      assert.deepEqual(findings.map((f) => [f.severity, f.message]), [
        ["warning", "include:mail.vendor.example is not in the known-include table, so it is counted as 1 DNS lookup and its nested lookups are unknown"],
      ]);
    });
  });

  describe("buildSpf", () => {
    it("orders terms ip4, ip6, a, mx, include, all", () => {
      const text = buildSpf({ includes: ["_spf.google.com", "amazonses.com"], ip4: ["192.0.2.0/24"], ip6: ["2001:db8::/32"], a: true, mx: ["mail.example.com"], all: "-all" });
      assert.equal(text, "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a mx:mail.example.com include:_spf.google.com include:amazonses.com -all");
    });

    it("drops duplicate includes, case-insensitively", () => {
      assert.equal(buildSpf({ includes: ["_spf.google.com", "_SPF.google.com"], all: "~all" }), "v=spf1 include:_spf.google.com ~all");
    });

    it("builds the null SPF record for a domain that sends no mail", () => {
      assert.equal(buildSpf({ all: "-all" }), "v=spf1 -all");
    });

    it("builds records that pass checkSpf", () => {
      assert.deepEqual(checkSpf(buildSpf({ includes: ["spf.protection.outlook.com", "spf.mtasv.net"], ip4: ["192.0.2.1"], all: "-all" })), []);
    });
  });

  describe("countSpfLookups (live)", () => {
    it("follows include chains and counts each top-level term's total", async () => {
      const dns = fakeDns({
        "example.com": ["google-site-verification=x", "v=spf1 include:a.example.net include:b.example.net mx -all"],
        "a.example.net": ["v=spf1 include:c.example.net ip4:192.0.2.0/24 -all"],
        "c.example.net": ["v=spf1 ip4:198.51.100.0/24 -all"],
        "b.example.net": ["v=spf1 a ~all"],
      }, { mx: { "example.com": ["mx1.example.com"] }, a: { "b.example.net": ["192.0.2.9"] } });
      const result = await countSpfLookups("example.com", dns);
      assert.equal(result.lookups, 5);
      assert.equal(result.voidLookups, 0);
      assert.deepEqual(result.terms, [
        { term: "include:a.example.net", lookups: 2 },
        { term: "include:b.example.net", lookups: 2 },
        { term: "mx", lookups: 1 },
      ]);
      assert.deepEqual(result.findings, []);
    });

    it("reports more than 10 lookups with the counted breakdown", async () => {
      const includes = ["n1", "n2", "n3", "n4", "n5", "n6"].map((n) => `${n}.example.net`);
      const txt: Record<string, string[]> = { "example.com": [`v=spf1 ${includes.map((i) => `include:${i}`).join(" ")} -all`] };
      for (const i of includes) txt[i] = ["v=spf1 a -all"];
      const result = await countSpfLookups("example.com", fakeDns(txt, { a: Object.fromEntries(includes.map((i) => [i, ["192.0.2.1"]])) }));
      assert.equal(result.lookups, 12);
      assert.deepEqual(result.findings.map((f) => f.message), [
        `SPF for example.com needs 12 DNS lookups; the limit is 10 (${includes.map((i) => `include:${i}=2`).join(", ")})`,
      ]);
    });

    it("follows redirect= when the record has no all", async () => {
      const dns = fakeDns({ "example.com": ["v=spf1 redirect=_spf.example.net"], "_spf.example.net": ["v=spf1 include:x.example.net -all"], "x.example.net": ["v=spf1 -all"] });
      const result = await countSpfLookups("example.com", dns);
      assert.equal(result.lookups, 2);
    });

    it("detects an include loop and does not follow it", async () => {
      const dns = fakeDns({ "loop.example": ["v=spf1 include:x.example -all"], "x.example": ["v=spf1 include:LOOP.example. -all"] });
      const result = await countSpfLookups("loop.example", dns);
      assert.equal(result.lookups, 2);
      assert.deepEqual(result.findings.map((f) => f.message), ["SPF include loop: loop.example -> x.example -> LOOP.example."]);
    });

    it("counts void lookups and rejects more than 2", async () => {
      const dns = fakeDns({ "example.com": ["v=spf1 include:gone1.example include:gone2.example a:gone3.example -all"] });
      const result = await countSpfLookups("example.com", dns);
      assert.equal(result.voidLookups, 3);
      assert.deepEqual(result.findings.map((f) => f.message), [
        "example.com references gone1.example, which has no SPF record, so SPF evaluation is a PermError",
        "example.com references gone2.example, which has no SPF record, so SPF evaluation is a PermError",
        "SPF for example.com makes 3 void DNS lookups; the limit is 2",
      ]);
    });

    it("counts an mx with no MX records as a void lookup", async () => {
      const result = await countSpfLookups("example.com", fakeDns({ "example.com": ["v=spf1 mx -all"] }));
      assert.equal(result.voidLookups, 1);
      assert.deepEqual(result.findings, []);
    });

    it("rejects an mx term whose name has more than 10 MX hosts", async () => {
      const hosts = Array.from({ length: 11 }, (_, i) => `mx${i}.example.com`);
      const result = await countSpfLookups("example.com", fakeDns({ "example.com": ["v=spf1 mx -all"] }, { mx: { "example.com": hosts } }));
      assert.deepEqual(result.findings.map((f) => f.message), ["mx:example.com has 11 MX hosts; an mx term may look up at most 10"]);
    });

    it("rejects an include target that publishes two SPF records", async () => {
      const dns = fakeDns({ "example.com": ["v=spf1 include:two.example -all"], "two.example": ["v=spf1 -all", "v=spf1 ~all"] });
      const result = await countSpfLookups("example.com", dns);
      assert.deepEqual(result.findings.map((f) => f.message), ["two.example has 2 SPF records, so SPF evaluation is a PermError"]);
    });

    it("reports a nested record's syntax error with its name", async () => {
      const dns = fakeDns({ "example.com": ["v=spf1 include:bad.example -all"], "bad.example": ["v=spf1 ip4:999.0.0.1 -all"] });
      const result = await countSpfLookups("example.com", dns);
      assert.deepEqual(result.findings.map((f) => f.message), ['bad.example: SPF term "ip4:999.0.0.1" is not a valid IPv4 network']);
    });

    it("reports a failing DNS query as a TempError", async () => {
      const dns = fakeDns({ "example.com": ["v=spf1 include:flaky.example -all"] }, { broken: ["flaky.example"] });
      const result = await countSpfLookups("example.com", dns);
      assert.deepEqual(result.findings.map((f) => f.message), ["DNS lookup for flaky.example TXT failed (SERVFAIL), so SPF evaluation is a TempError"]);
    });

    it("does not resolve names that contain macros", async () => {
      const dns = fakeDns({ "example.com": ["v=spf1 exists:%{i}._spf.example.com include:%{d}.example.net -all"] });
      const result = await countSpfLookups("example.com", dns);
      assert.equal(result.lookups, 2);
      assert.deepEqual(dns.queries, ["TXT example.com"]);
      assert.equal(result.findings[0].severity, "warning");
    });

    it("works with only a TXT resolver", async () => {
      const result = await countSpfLookups("example.com", { resolveTxt: async () => ["v=spf1 a mx -all"] });
      assert.equal(result.lookups, 2);
      assert.equal(result.voidLookups, 0);
    });
  });
});
