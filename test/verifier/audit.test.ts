import { strict as assert } from "node:assert";
import { PROBE_PATH, PROBE_QUERY } from "../../verifier/expectations";
import { audit } from "../../verifier/audit";
import type { Scorecard } from "../../verifier/scorecard";
import { startProdFixture, Fixture } from "./fixture/harness";
import { dkimKey, SCRIPT_PATH } from "./fixture/world";

const probe = (url: string) => `${url}${PROBE_PATH}?${PROBE_QUERY}`;

/** "area check" of every failed row, sorted. */
function failures(card: Scorecard): string[] {
  return card.rows.filter((r) => r.status === "fail").map((r) => `${r.area} ${r.check}`).sort();
}

function detail(card: Scorecard, area: string, check: string): string {
  const row = card.rows.find((r) => r.area === area && r.check === check);
  assert.ok(row, `no ${area} row for ${check}; have ${card.rows.map((r) => `${r.area} ${r.check}`).join(", ")}`);
  return row.detail;
}

/**
 * The passing fixture is audited in full; each failing fixture breaks one thing and audits the areas that
 * thing can reach, asserting exactly which rows fail and why.
 */
describe("verifier audit against a loopback launch of the prod stack", function () {
  let fx: Fixture;

  before(async function () {
    fx = await startProdFixture();
  });
  after(async () => fx?.stop());
  afterEach(() => fx.reset());

  it("maps every URL the audit can request to the loopback servers, so nothing leaves 127.0.0.1", () => {
    const e = fx.expectations;
    const urls = [
      ...e.redirects.flatMap((r) => [r.requested, r.expected]),
      ...e.headers.map((h) => h.url),
      ...e.access.privateUrls,
      ...e.access.corsUrls,
      ...e.latency.urls,
      ...e.secrets.pages,
      ...e.email.flatMap((m) => (m.mtaSts ? [m.mtaSts.url] : [])),
    ];
    const unmapped = urls.map((u) => new URL(u)).filter((u) => !fx.network.connect.has(`${u.hostname}:${u.port || (u.protocol === "https:" ? 443 : 80)}`));
    assert.deepEqual(unmapped.map(String), []);
    assert.deepEqual([...new Set([...fx.network.connect.values()].map((t) => t.host))], ["127.0.0.1"]);
    assert.equal(fx.network.resolver?.host, "127.0.0.1");
  });

  it("passes every row of the passing fixture, within the stack's own rate limits", async () => {
    fx.running.requests.length = 0;
    const card = await fx.audit();
    // Without a browser (this fixture has none) the browser rows warn that they were skipped, and do not fail.
    // The auth rule's 5 per 60 s, less one for a person at this address, covers the legacy redirects, the
    // login page they and the secrets scan share, and one latency sample (test/verifier/budget.test.ts).
    assert.deepEqual(card.rows.filter((r) => r.status !== "pass" && r.area !== "Browser").map((r) => `${r.status} ${r.area} ${r.check}`), []);
    assert.deepEqual(fx.running.requests.filter((r) => r.status === 429).map((r) => `${r.host}${r.path}`), [], "the fixture's edge limited none of the audit's requests");
    assert.deepEqual(card.rows.filter((r) => r.area === "Browser").map((r) => `${r.status} ${r.detail}`), ["warn skipped: no browser (no browser configured)", "warn skipped: no browser (no browser configured)"]);
    assert.equal(card.passed, true);
    assert.deepEqual([...new Set(card.rows.map((r) => r.area))], ["DNS", "TLS", "Redirects", "Headers", "Email", "Access", "Latency", "Secrets", "Exposure", "Browser"]);
  });

  it("carries the stack's p95 alarm sources into the scorecard (and its --json)", async () => {
    const card = await fx.audit(["DNS"]);
    assert.deepEqual(card.p95Watch?.map((w) => w.watchedBy), ["canary ls-prod-api-health", "canary ls-prod-homepage", "canary ls-prod-login"]);
  });

  it("catches an expired certificate on the hostname that serves it", async () => {
    fx.world.certificates["status.example.com"] = "expired";
    const card = await fx.audit(["TLS", "Redirects", "Headers"]);
    assert.deepEqual(failures(card), ["Headers https://status.example.com/", `Redirects ${probe("http://status.example.com")}`, "TLS status.example.com"]);
    assert.match(detail(card, "TLS", "status.example.com"), /^status\.example\.com's certificate expired on \d{4}-\d\d-\d\d \(launch checklist: SSL\/TLS\)/);
    assert.match(detail(card, "Headers", "https://status.example.com/"), /certificate has expired/);
  });

  it("catches a certificate that does not cover the hostname", async () => {
    fx.world.certificates["admin.example.com"] = "wrong-name";
    const card = await fx.audit(["TLS"]);
    assert.match(detail(card, "TLS", "admin.example.com"), /admin\.example\.com's certificate does not cover the name: Hostname\/IP does not match certificate's altnames/);
  });

  it("catches a redirect that needs a second hop", async () => {
    // The origin adds a trailing slash, so every redirect landing on the apex probe URL hops again.
    fx.world.override = (req) => (req.scheme === "https" && req.host === "example.com" && req.path === PROBE_PATH ? { status: 301, headers: { location: `${PROBE_PATH}/${req.query}` } } : undefined);
    const card = await fx.audit(["Redirects"]);
    assert.deepEqual(failures(card), [
      `Redirects ${probe("http://example.com")}`,
      `Redirects ${probe("https://example.net")}`,
      `Redirects ${probe("https://www.example.com")}`,
      `Redirects ${probe("https://www.example.net")}`,
    ]);
    assert.equal(
      detail(card, "Redirects", probe("https://www.example.com")),
      `${probe("https://www.example.com")} needs more than one hop: ${probe("https://example.com")} redirects again (301 to ${PROBE_PATH}/?${PROBE_QUERY}) (launch checklist: canonical redirects); point the first redirect at the final URL`,
    );
  });

  it("catches a redirect loop", async () => {
    fx.world.redirects[probe("https://www.example.com")] = probe("https://www.example.com");
    const card = await fx.audit(["Redirects"]);
    assert.deepEqual(failures(card), [`Redirects ${probe("https://www.example.com")}`]);
    assert.match(detail(card, "Redirects", probe("https://www.example.com")), /redirects to itself \(a loop\)/);
  });

  it("catches a missing HSTS header", async () => {
    delete fx.world.hosts["example.com"].headers["strict-transport-security"];
    const card = await fx.audit(["Headers"]);
    assert.deepEqual(failures(card), ["Headers Observatory grade example.com", "Headers https://example.com/"]);
    assert.equal(detail(card, "Headers", "https://example.com/"), "HSTS is off (launch checklist: SSL/TLS); enable strict_transport_security");
  });

  it("catches an HSTS max-age that differs from the declared one", async () => {
    fx.world.hosts["app.example.com"].headers["strict-transport-security"] = "max-age=31536000";
    const card = await fx.audit(["Headers"]);
    assert.deepEqual(failures(card), ["Headers https://app.example.com/"]);
    assert.match(detail(card, "Headers", "https://app.example.com/"), /^HSTS includeSubDomains is off, declared on/);
  });

  it("catches a duplicate SPF record", async () => {
    fx.world.dns.records["example.com"].TXT!.push("v=spf1 include:sendgrid.net ~all");
    const card = await fx.audit(["DNS", "Email"]);
    assert.deepEqual(failures(card), ["Email SPF example.com"]);
    assert.match(detail(card, "Email", "SPF example.com"), /^2 TXT records at the name start with v=spf1; more than one is a PermError/);
  });

  it("counts SPF lookups live, through the provider's include, and catches 11", async () => {
    // The declared record is unchanged; the provider's include grew to ten nested includes.
    const records = fx.world.dns.records;
    const nested = Array.from({ length: 10 }, (_, i) => `_netblocks${i}.google.com`);
    for (const [i, name] of nested.entries()) records[name] = { TXT: [`v=spf1 ip4:192.0.2.${i}/32 ~all`] };
    records["_spf.google.com"].TXT = [`v=spf1 ${nested.map((n) => `include:${n}`).join(" ")} ~all`];
    const card = await fx.audit(["DNS", "Email"]);
    assert.deepEqual(failures(card), ["Email SPF example.com"]);
    assert.match(detail(card, "Email", "SPF example.com"), /^SPF for example\.com needs 11 DNS lookups; the limit is 10 \(include:_spf\.google\.com=11\)/);
  });

  it("catches an external DMARC report address that has not authorized the reports", async () => {
    delete fx.world.dns.records["example.net._report._dmarc.example.com"];
    const card = await fx.audit(["DNS", "Email"]);
    assert.deepEqual(failures(card), ["DNS TXT example.net._report._dmarc.example.com", "Email DMARC example.net"]);
    assert.match(detail(card, "Email", "DMARC example.net"), /^no TXT record at example\.net\._report\._dmarc\.example\.com starts with v=DMARC1, so receivers never send reports to that destination/);
  });

  it("catches a TLS-RPT report address on a domain whose live MX is the null MX", async () => {
    fx.world.dns.records["_smtp._tls.example.com"].TXT = ["v=TLSRPTv1; rua=mailto:tls-reports@example.net"];
    const card = await fx.audit(["Email"]);
    assert.deepEqual(failures(card), ["Email TLS-RPT example.com"]);
    assert.match(detail(card, "Email", "TLS-RPT example.com"), /^TLS-RPT report address tls-reports@example\.net is on example\.net, which publishes a null MX and accepts no mail/);
  });

  it("catches a DMARC report address on a domain whose live MX is the null MX", async () => {
    fx.world.dns.records["_dmarc.example.com"].TXT = ["v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@example.net"];
    const card = await fx.audit(["Email"]);
    assert.ok(failures(card).includes("Email DMARC example.com"), failures(card).join());
    assert.match(detail(card, "Email", "DMARC example.com"), /DMARC report address dmarc-reports@example\.net is on example\.net, which publishes a null MX and accepts no mail/);
  });

  it("says no DMARC record governs a zone whose _dmarc record is missing and whose tree walk finds none", async () => {
    delete fx.world.dns.records["_dmarc.example.net"];
    const card = await fx.audit(["Email"]);
    assert.equal(detail(card, "Email", "DMARC example.net"), "no TXT record at _dmarc starts with v=DMARC1; no DMARC record governs example.net (2 tree-walk queries), so receivers apply no DMARC policy (RFC 9989 §4.10.1); publish one DMARC record, e.g. v=DMARC1; p=quarantine; rua=mailto:<address>");
  });

  it("names the public suffix DMARC record receivers walk up to when a zone's _dmarc record is missing", async () => {
    delete fx.world.dns.records["_dmarc.example.net"];
    fx.world.dns.records["_dmarc.net"] = { TXT: ["v=DMARC1; p=reject; psd=y"] };
    const card = await fx.audit(["Email"]);
    assert.match(detail(card, "Email", "DMARC example.net"), /; receivers apply the record at _dmarc\.net instead \("v=DMARC1; p=reject; psd=y", 2 tree-walk queries\) \(RFC 9989 §4\.10\.1\);/);
  });

  it("catches a 1024-bit DKIM key, and that it is not the declared key", async () => {
    fx.world.dns.records["google._domainkey.example.com"].TXT = [`v=DKIM1; k=rsa; p=${dkimKey(1024)}`];
    const card = await fx.audit(["DNS", "Email"]);
    assert.deepEqual(failures(card), ["DNS TXT google._domainkey.example.com", "Email DKIM google._domainkey.example.com"]);
    assert.match(detail(card, "Email", "DKIM google._domainkey.example.com"), /^DKIM RSA key is 1024 bits; 2048 is the launch gate/);
  });

  it("checks a provider-hosted DKIM key behind its CNAME", async () => {
    const target = "38os8cj27721hbtfvjuljgleu7uqvoc3.dkim.amazonses.com";
    fx.world.dns.records[target].TXT = [`v=DKIM1; k=rsa; p=${dkimKey(1024)}`];
    const card = await fx.audit(["DNS", "Email"]);
    assert.deepEqual(failures(card), ["Email DKIM 38os8cj27721hbtfvjuljgleu7uqvoc3._domainkey.example.com"]);
  });

  it("catches an MTA-STS policy that misses the MX host", async () => {
    fx.world.hosts["mta-sts.example.com"].pages["/.well-known/mta-sts.txt"].body = "version: STSv1\r\nmode: testing\r\nmx: aspmx.l.google.com\r\nmax_age: 604800\r\n";
    const card = await fx.audit(["DNS", "Email"]);
    assert.deepEqual(failures(card), ["Email MTA-STS example.com"]);
    assert.equal(
      detail(card, "Email", "MTA-STS example.com"),
      [
        "https://mta-sts.example.com/.well-known/mta-sts.txt serves a policy that differs from the declared one, while _mta-sts.example.com keeps the declared id (RFC 8461 §3.1); redeploy the MTA-STS Worker with pulumi up; senders only refetch when the id changes",
        'MX host smtp.google.com matches no mx: pattern in the MTA-STS policy (RFC 8461 §4.1); add "mx: smtp.google.com" to the policy',
      ].join("\n"),
    );
  });

  it("catches a private path that answers an anonymous request with 200", async () => {
    fx.world.hosts["app.example.com"].privatePaths = ["/dashboard", "/account", "/settings"];
    fx.world.hosts["app.example.com"].pages["/billing"] = { status: 200, type: "text/html", body: "<h1>Invoices</h1>" };
    const card = await fx.audit(["Access"]);
    assert.deepEqual(failures(card), ["Access https://app.example.com/billing"]);
    assert.match(detail(card, "Access", "https://app.example.com/billing"), /^https:\/\/app\.example\.com\/billing answered 200 to an anonymous request/);
  });

  it("catches an endpoint that reflects an untrusted Origin", async () => {
    fx.world.hosts["api.example.com"].corsBug = "reflect";
    const card = await fx.audit(["Access"]);
    assert.deepEqual(failures(card), ["Access CORS https://api.example.com/"]);
    assert.match(detail(card, "Access", "CORS https://api.example.com/"), /^GET https:\/\/api\.example\.com\/ reflects the untrusted Origin https:\/\/untrusted-origin\.invalid in Access-Control-Allow-Origin with credentials/);
  });

  it("catches a live key in a first-party script without printing the key", async () => {
    const key = "AKIAZ3XQ7R2MPL8VN4TW";
    fx.world.hosts["example.com"].pages[SCRIPT_PATH].body += `\nconst s3 = new S3({ accessKeyId: "${key}" });`;
    const card = await fx.audit(["Secrets"]);
    assert.deepEqual(failures(card), ["Secrets https://example.com/"]);
    const text = detail(card, "Secrets", "https://example.com/");
    assert.match(text, /^aws access key id \(secretlint aws\) in https:\/\/example\.com\/assets\/app\.js line 2: AKIA… \(20 characters\)/);
    assert.ok(!JSON.stringify(card).includes(key), "the scorecard must not repeat the key");
  });

  describe("latency, against the 500 ms budget", () => {
    const API = "https://app.example.com/api/health";
    /** The Latency row of `url` alone: a delayed page would add its delay to rows running beside it (fixture/clock.ts). */
    const auditLatencyOf = (url: string) => audit({ ...fx.expectations, latency: { ...fx.expectations.latency, urls: [url] } }, { stack: "prod", network: fx.network, timeoutMs: 15000, areas: ["Latency"] });

    it("passes every core endpoint that answers at once, on the fixture's clock whatever the machine's load", async () => {
      const card = await fx.audit(["Latency"]);
      assert.deepEqual(card.rows.map((r) => `${r.status} ${r.detail}`), fx.expectations.latency.urls.map(() => "pass p95 0 ms, median 0 ms over 2 requests"));
    });

    it("passes an endpoint 1 ms under the budget", async () => {
      fx.world.hosts["app.example.com"].pages["/api/health"].delayMs = 499;
      const [row] = (await auditLatencyOf(API)).rows;
      assert.deepEqual([row.status, row.detail], ["pass", "p95 499 ms, median 499 ms over 2 requests"]);
    });

    it("catches an endpoint at the budget, naming its p95", async () => {
      fx.world.hosts["app.example.com"].pages["/api/health"].delayMs = 500;
      const [row] = (await auditLatencyOf(API)).rows;
      assert.equal(row.status, "fail");
      assert.match(row.detail, /^https:\/\/app\.example\.com\/api\/health p95 is 500 ms over 2 requests; the budget is 500 ms \(launch checklist: performance\)/);
    });

    it("measures wall-clock time: a page that really sleeps 600 ms fails with a p95 of at least that", async () => {
      fx.clock.real();
      fx.world.hosts["app.example.com"].pages["/api/health"].delayMs = 600;
      const [row] = (await auditLatencyOf(API)).rows;
      assert.equal(row.status, "fail", row.detail);
      // The client's clock starts before the server's sleep, so the time cannot come out shorter; load only lengthens it.
      const p95 = Number(/p95 is (\d+) ms/.exec(row.detail)?.[1]);
      assert.ok(p95 >= 600, row.detail);
    });
  });

  it("reports a hostname answering its origin address as not proxied", async () => {
    fx.world.dns.records["app.example.com"] = { A: ["203.0.113.20"] };
    const card = await fx.audit(["DNS"]);
    assert.deepEqual(failures(card), ["DNS app.example.com"]);
    assert.match(detail(card, "DNS", "app.example.com"), /^app\.example\.com answers 203\.0\.113\.20, outside Cloudflare's edge ranges/);
  });

  it("reports an MX host the stack does not declare", async () => {
    fx.world.dns.records["example.com"].MX!.push({ preference: 5, exchange: "mx.old-host.example" });
    const card = await fx.audit(["DNS"]);
    assert.deepEqual(failures(card), ["DNS MX example.com"]);
    assert.equal(detail(card, "DNS", "MX example.com"), 'MX example.com also serves "5 mx.old-host.example", which the stack does not declare (launch checklist: DNS and hostnames); delete the stray record: it routes mail or trust to a place nobody declared');
  });

  it("reports a zone delegated elsewhere", async () => {
    fx.world.dns.records["example.net"].NS = ["ns1.registrar-parking.example"];
    const card = await fx.audit(["DNS"]);
    assert.deepEqual(failures(card), ["DNS NS example.net"]);
  });

  it("turns SERVFAIL into a failed row naming the query", async () => {
    fx.world.dns.servfail.add("_dmarc.example.com");
    const card = await fx.audit(["DNS", "Email"]);
    // example.net reports to example.com, whose Organizational Domain the tree walk cannot find while that query fails.
    assert.deepEqual(failures(card), ["DNS TXT _dmarc.example.com", "Email DMARC example.com", "Email DMARC example.net"]);
    assert.equal(detail(card, "Email", "DMARC example.com"), `TXT _dmarc.example.com: SERVFAIL from 127.0.0.1:${fx.running.dnsPort}`);
  });
});
