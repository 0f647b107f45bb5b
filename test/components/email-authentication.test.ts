import { strict as assert } from "node:assert";
import { MTA_STS_WORKER_COMPATIBILITY_DATE, mtaStsWorkerSource } from "../../components/mta-sts-worker";
import { parseStackConfig } from "../../gate/load";
import { emailModels } from "../../model/email";
import type { Evaluation } from "../../offline/evaluate";
import { buildMtaStsPolicy, mtaStsId } from "../../rules/mta-sts";
import { configObject, evaluate, inputsOf, ofType, resource, shippedConfig, TYPES } from "../support/harness";

const EMAIL = "launch-stack:email:EmailAuthentication";
const WORKER = "cloudflare:index/workersScript:WorkersScript";
const WORKER_DOMAIN = "cloudflare:index/workersCustomDomain:WorkersCustomDomain";
const ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";
const SES_TOKENS = ["38os8cj27721hbtfvjuljgleu7uqvoc3", "fzs4zm5aud4l022m6m6aeccwai0fvsbp", "h86ogg8epzhzp0wm5w0uuzupnt68a1xu"];
const POLICY = "version: STSv1\r\nmode: testing\r\nmx: smtp.google.com\r\nmax_age: 604800\r\n";

/** Every DNS record a component declares, by resource name, as the provider receives it. */
function recordsUnder(ev: Evaluation, component: string): Record<string, Record<string, any>> {
  const parent = resource(ev, EMAIL, component).urn;
  return Object.fromEntries(ofType(ev, TYPES.dnsRecord).filter((r) => r.parent === parent).map((r) => [r.name, inputsOf(ev, r.type, r.name)]));
}

/** Imports a Worker's ES module source the way the Workers runtime loads it. */
async function loadWorker(source: string): Promise<{ fetch(request: Request): Promise<Response> }> {
  const load = new Function("specifier", "return import(specifier)") as (s: string) => Promise<{ default: { fetch(request: Request): Promise<Response> } }>;
  return (await load(`data:text/javascript,${encodeURIComponent(source)}`)).default;
}

describe("EmailAuthentication (prod stack)", () => {
  let ev: Evaluation;
  let googleKey: string;
  before(async () => {
    ev = await evaluate(shippedConfig("prod"), "prod");
    googleKey = configObject(shippedConfig("prod")).zones[0].email.mailbox.dkim.publicKey;
  });

  it("declares exactly the records model/email.ts derives, DNS-only on automatic TTL with a role comment", () => {
    const models = emailModels(parseStackConfig(shippedConfig("prod")).zones);
    for (const [i, component] of ["example-com-email", "example-net-email"].entries()) {
      const declared = recordsUnder(ev, component);
      const expected = Object.fromEntries(models[i].records.map((r) => [`${component}-${r.key}`, {
        name: r.name, type: r.type, content: r.content, priority: r.priority, proxied: false, ttl: 1, comment: `${r.role}: ${r.purpose}`,
      }]));
      const shape = (d: Record<string, any>) => ({ name: d.name, type: d.type, content: d.content, priority: d.priority, proxied: d.proxied, ttl: d.ttl, comment: d.comment });
      assert.deepEqual(Object.fromEntries(Object.entries(declared).map(([n, d]) => [n, shape(d)])), expected);
    }
  });

  it("gives Google's MX the provider's host and priority, in the zone, never proxied", () => {
    const mx = inputsOf(ev, TYPES.dnsRecord, "example-com-email-mx-smtp-google-com");
    assert.deepEqual(mx, {
      zoneId: (ev.outputs.zoneIds as Record<string, string>)["example.com"],
      name: "example.com", type: "MX", content: "smtp.google.com", priority: 1, proxied: false, ttl: 1, comment: "mail: Google Workspace mailboxes",
    });
  });

  it("gives SES's MAIL FROM subdomain its feedback MX in the app's region and its own SPF", () => {
    const mx = inputsOf(ev, TYPES.dnsRecord, "example-com-email-mx-mail-feedback-smtp-us-east-2-amazonses-com");
    assert.deepEqual([mx.name, mx.type, mx.content, mx.priority, mx.comment], ["mail.example.com", "MX", "feedback-smtp.us-east-2.amazonses.com", 10, "mail: Amazon SES MAIL FROM (bounces)"]);
    const spf = inputsOf(ev, TYPES.dnsRecord, "example-com-email-spf-mail");
    assert.deepEqual([spf.name, spf.type, spf.content, spf.comment], ["mail.example.com", "TXT", '"v=spf1 include:amazonses.com -all"', "mail: SPF for Amazon SES"]);
  });

  it("publishes exactly one SPF record per name across the whole stack, the apex one holding only Google's include", () => {
    const spf = ofType(ev, TYPES.dnsRecord).map((r) => inputsOf(ev, r.type, r.name)).filter((i) => i.type === "TXT" && /^"v=spf1[ "]/.test(i.content));
    assert.deepEqual(spf.map((i) => `${i.name} ${i.content}`).sort(), [
      'example.com "v=spf1 include:_spf.google.com -all"',
      'example.net "v=spf1 -all"',
      'mail.example.com "v=spf1 include:amazonses.com -all"',
    ]);
  });

  it("publishes Google's 2048-bit DKIM key split into two quoted strings of at most 255 characters", () => {
    const dkim = inputsOf(ev, TYPES.dnsRecord, "example-com-email-dkim-google");
    const value = `v=DKIM1; k=rsa; p=${googleKey}`;
    assert.equal(dkim.name, "google._domainkey.example.com");
    assert.equal(dkim.content, `"${value.slice(0, 255)}" "${value.slice(255)}"`);
  });

  it("delegates SES's three Easy DKIM selectors by CNAME", () => {
    for (const token of SES_TOKENS) {
      const cname = inputsOf(ev, TYPES.dnsRecord, `example-com-email-dkim-${token}`);
      assert.deepEqual([cname.name, cname.type, cname.content, cname.proxied], [`${token}._domainkey.example.com`, "CNAME", `${token}.dkim.amazonses.com`, false]);
    }
  });

  it("publishes DMARC p=quarantine with reports to the configured mailbox", () => {
    const dmarc = inputsOf(ev, TYPES.dnsRecord, "example-com-email-dmarc");
    assert.deepEqual([dmarc.name, dmarc.content], ["_dmarc.example.com", '"v=DMARC1; p=quarantine; np=reject; adkim=r; aspf=r; rua=mailto:dmarc-reports@example.com"']);
  });

  it("gives the parked example.net the null-mail set, reporting to example.com", () => {
    assert.deepEqual(Object.values(recordsUnder(ev, "example-net-email")).map((i) => `${i.name} ${i.type} ${i.priority ?? "-"} ${i.content}`).sort(), [
      '_dmarc.example.net TXT - "v=DMARC1; p=reject; sp=reject; np=reject; adkim=s; aspf=s; rua=mailto:dmarc-reports@example.com"',
      "example.net MX 0 .",
      'example.net TXT - "v=spf1 -all"',
    ]);
  });

  it("authorizes example.net's DMARC reports in example.com's zone", () => {
    const auth = inputsOf(ev, TYPES.dnsRecord, "example-com-email-dmarc-report-auth-example-net");
    assert.deepEqual(auth, {
      zoneId: (ev.outputs.zoneIds as Record<string, string>)["example.com"],
      name: "example.net._report._dmarc.example.com", type: "TXT", content: '"v=DMARC1"', proxied: false, ttl: 1,
      comment: "mail: accepts DMARC reports about example.net (RFC 9990)",
    });
  });

  it("publishes the MTA-STS id of the exact policy the Worker serves, and TLS-RPT", () => {
    assert.equal(inputsOf(ev, TYPES.dnsRecord, "example-com-email-mta-sts").content, `"v=STSv1; id=${mtaStsId(POLICY)}"`);
    assert.equal(POLICY, buildMtaStsPolicy({ mode: "testing", mx: ["smtp.google.com"], maxAge: 604800 }));
    assert.deepEqual(
      [inputsOf(ev, TYPES.dnsRecord, "example-com-email-tls-rpt").name, inputsOf(ev, TYPES.dnsRecord, "example-com-email-tls-rpt").content],
      ["_smtp._tls.example.com", '"v=TLSRPTv1; rua=mailto:tls-reports@example.com"'],
    );
  });

  it("uploads the policy Worker as an ES module and binds it to mta-sts.example.com as a custom domain", () => {
    assert.deepEqual(inputsOf(ev, WORKER, "example-com-email-mta-sts-worker"), {
      accountId: ACCOUNT,
      scriptName: "mta-sts-example-com",
      mainModule: "worker.js",
      content: mtaStsWorkerSource("example.com", POLICY),
      compatibilityDate: MTA_STS_WORKER_COMPATIBILITY_DATE,
    });
    assert.deepEqual(inputsOf(ev, WORKER_DOMAIN, "example-com-email-mta-sts-domain"), {
      accountId: ACCOUNT,
      zoneId: (ev.outputs.zoneIds as Record<string, string>)["example.com"],
      hostname: "mta-sts.example.com",
      service: "mta-sts-example-com",
    });
    assert.deepEqual(ofType(ev, WORKER).map((r) => r.name), ["example-com-email-mta-sts-worker"], "only a zone with MTA-STS gets a Worker");
  });

  it("runs a Worker that serves the policy as text/plain at the well-known path and nothing else", async () => {
    const worker = await loadWorker(inputsOf(ev, WORKER, "example-com-email-mta-sts-worker").content);
    const get = await worker.fetch(new Request("https://mta-sts.example.com/.well-known/mta-sts.txt"));
    assert.deepEqual([get.status, get.headers.get("content-type"), await get.text()], [200, "text/plain", POLICY]);
    const head = await worker.fetch(new Request("https://mta-sts.example.com/.well-known/mta-sts.txt", { method: "HEAD" }));
    assert.deepEqual([head.status, await head.text()], [200, ""]);
    assert.equal((await worker.fetch(new Request("https://mta-sts.example.com/"))).status, 404);
    assert.equal((await worker.fetch(new Request("https://mta-sts.example.com/.well-known/mta-sts.txt", { method: "POST" }))).status, 405);
  });

  it("nests every mail resource under the zone's EmailAuthentication, itself under the Site", () => {
    const email = resource(ev, EMAIL, "example-com-email");
    assert.equal(email.parent, resource(ev, "launch-stack:site:Site", "example-com").urn);
    const mail = ev.resources.filter((r) => r.name.startsWith("example-com-email-"));
    assert.ok(mail.length >= 14);
    assert.deepEqual(mail.filter((r) => r.parent !== email.urn).map((r) => r.name), []);
  });

  it("keeps every mail comment within Cloudflare's 100-character limit for comments on Free zones", () => {
    const long = ofType(ev, TYPES.dnsRecord).map((r) => inputsOf(ev, r.type, r.name)).filter((i) => /^(mail|verification):/.test(i.comment) && i.comment.length > 100);
    assert.deepEqual(long.map((i) => i.comment), []);
  });

  it("exports per domain the SPF lookup counts with the figures assumed, DMARC and the MTA-STS policy id", () => {
    const email = ev.outputs.email as Record<string, any>;
    assert.deepEqual(Object.keys(email), ["example.com", "example.net"]);
    assert.deepEqual(email["example.com"].spf.map((s: any) => [s.name, s.lookups, s.limit, s.assumed]), [
      ["example.com", 4, 10, [{ domain: "_spf.google.com", lookups: 4, assumedOn: "2026-11" }]],
      ["mail.example.com", 1, 10, [{ domain: "amazonses.com", lookups: 1, assumedOn: "2026-11" }]],
    ]);
    assert.deepEqual(email["example.com"].mtaSts, { mode: "testing", id: mtaStsId(POLICY), policyUrl: "https://mta-sts.example.com/.well-known/mta-sts.txt" });
    assert.ok(email["example.com"].records.includes("example.net._report._dmarc.example.com TXT \"v=DMARC1\""));
    assert.deepEqual(email["example.net"].spf, [{ name: "example.net", record: "v=spf1 -all", lookups: 0, limit: 10, assumed: [] }]);
  });
});

describe("EmailAuthentication (staging stack)", () => {
  let ev: Evaluation;
  before(async () => {
    ev = await evaluate(shippedConfig("staging"), "staging");
  });

  it("sends through SES only: no apex MX, no MTA-STS Worker, v=spf1 -all at the apex", () => {
    assert.deepEqual(Object.values(recordsUnder(ev, "example-org-email")).map((i) => `${i.name} ${i.type} ${i.priority ?? "-"} ${i.content}`).sort(), [
      "9g8sa9eqvfgrrkwuour057p15nhnn5w4._domainkey.example.org CNAME - 9g8sa9eqvfgrrkwuour057p15nhnn5w4.dkim.amazonses.com",
      '_dmarc.example.org TXT - "v=DMARC1; p=quarantine; np=reject; adkim=r; aspf=r; rua=mailto:dmarc-reports@example.org"',
      "cjd4qusslgng8biocjrdsl3i5k1rpv8q._domainkey.example.org CNAME - cjd4qusslgng8biocjrdsl3i5k1rpv8q.dkim.amazonses.com",
      "eas0q78nl71jvcm9r4ihxc7wb8ldzr4s._domainkey.example.org CNAME - eas0q78nl71jvcm9r4ihxc7wb8ldzr4s.dkim.amazonses.com",
      'example.org TXT - "v=spf1 -all"',
      "mail.example.org MX 10 feedback-smtp.us-east-2.amazonses.com",
      'mail.example.org TXT - "v=spf1 include:amazonses.com -all"',
    ]);
    assert.deepEqual(ofType(ev, WORKER), []);
    assert.deepEqual(ofType(ev, WORKER_DOMAIN), []);
  });
});
