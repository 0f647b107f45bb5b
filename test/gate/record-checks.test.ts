import { strict as assert } from "node:assert";
import { checkDnsOnlyHosts } from "../../gate/record-checks";
import { parseStackConfig } from "../../gate/load";
import { edit, reported, shippedPreview } from "../policies/support";
import { configProblems, editedConfig, shippedConfig } from "../support/harness";

const withRecords = (records: unknown[], edit: (c: Record<string, any>) => void = () => undefined) =>
  configProblems(editedConfig("staging", (c) => { c.zones[0].records = records; edit(c); }));

describe("config: extra records are refused when they conflict, naming both keys", () => {
  it("refuses a CNAME beside another record at its name, naming both", async () => {
    assert.deepEqual(await withRecords([{ type: "TXT", name: "help", content: "x=1" }, { type: "CNAME", name: "help", content: "example.zendesk.com" }]), [
      "launch-stack:zones[0].records[1]: CNAME help.example.org cannot share its name with TXT help.example.org from zones[0].records[0]; a CNAME must be the only record at its name (RFC 1034 §3.6.2): move one of them to another name",
    ]);
  });

  it("refuses a record at the DMARC name the email section declares, naming the email key", async () => {
    assert.deepEqual(await withRecords([{ type: "TXT", name: "_dmarc", content: "hello" }]), [
      "launch-stack:zones[0].records[0]: TXT _dmarc.example.org is at a name the email section owns, beside TXT _dmarc.example.org from zones[0].email.dmarc; remove the extra record: the stack declares this name from its own config",
    ]);
  });

  it("refuses a CNAME at a DKIM selector the stack declares", async () => {
    const [line] = await withRecords([{ type: "CNAME", name: "9g8sa9eqvfgrrkwuour057p15nhnn5w4._domainkey", content: "x.dkim.example.net" }]);
    assert.match(line, /^launch-stack:zones\[0\]\.records\[0\]: CNAME 9g8sa9eqvfgrrkwuour057p15nhnn5w4\._domainkey\.example\.org cannot share its name with CNAME .* from zones\[0\]\.email\.senders\[0\]\.dkimTokens\[0\]; /);
  });

  it("refuses CAA at the apex, where the stack declares the Universal SSL set", async () => {
    assert.deepEqual(await withRecords([{ type: "CAA", name: "@", data: { tag: "issue", value: "digicert.com" } }]), [
      'launch-stack:zones[0].records[0]: CAA example.org is at the apex, where the stack declares CAA example.org from zones[0].caaIodef; remove it: the apex CAA set is the stack\'s (Universal SSL CAs plus caaIodef)',
    ]);
  });

  it("refuses an address record at a host the stack declares", async () => {
    assert.deepEqual(await withRecords([{ type: "AAAA", name: "app", content: "2001:db8::1" }]), [
      "launch-stack:zones[0].records[0]: AAAA app.example.org would answer beside the host's address record A app.example.org from zones[0].hosts.app.origin; remove the extra record: the stack declares this name from its own config",
    ]);
  });

  it("refuses an SPF record outside the email section", async () => {
    assert.deepEqual(await withRecords([{ type: "TXT", name: "news", content: "v=spf1 include:servers.mcsv.net -all" }]), [
      "launch-stack:zones[0].records[0]: an SPF record is declared outside the email section, so the zone would publish two (a permerror at every receiver) (RFC 7208 §3.2); declare the sender under email (mailbox, senders, or email.spf terms) and remove this record",
    ]);
  });

  it("refuses a DMARC record outside the email section but accepts a report authorization", async () => {
    const problems = await withRecords([{ type: "TXT", name: "_dmarc.news", content: "v=DMARC1; p=none" }, { type: "TXT", name: "example.com._report._dmarc", content: "v=DMARC1" }]);
    assert.deepEqual(problems, [
      "launch-stack:zones[0].records[0]: a DMARC record is declared outside the email section (RFC 9989 §4.5); set the policy under email.dmarc and remove this record (only <domain>._report._dmarc authorizations belong here)",
    ]);
  });

  it("refuses the same record listed twice", async () => {
    assert.deepEqual(await withRecords([{ type: "A", name: "vpn", content: "198.51.100.9" }, { type: "A", name: "vpn", content: "198.51.100.9", ttl: 300 }]), [
      "launch-stack:zones[0].records[1]: A vpn.example.org repeats A vpn.example.org from zones[0].records[0]; remove one of the two",
    ]);
  });

  it("refuses a record below a delegated name", async () => {
    assert.deepEqual(await withRecords([{ type: "NS", name: "lab", content: "ns1.example.net" }, { type: "A", name: "x.lab", content: "198.51.100.9" }]), [
      "launch-stack:zones[0].records[1]: A x.lab.example.org is below the delegation NS lab.example.org from zones[0].records[0]; declare it in the delegated zone, or remove the NS records",
    ]);
  });

  it("refuses NS at the apex", async () => {
    const [line] = await withRecords([{ type: "NS", name: "@", content: "ns1.example.net" }]);
    assert.match(line, /^launch-stack:zones\[0\]\.records\[0\]: NS at the apex/);
  });

  it("refuses a CNAME into the stack's own zone that points at nothing", async () => {
    assert.deepEqual(await withRecords([{ type: "CNAME", name: "docs", content: "wiki.example.org" }]), [
      "launch-stack:zones[0].records[0]: CNAME docs.example.org points at wiki.example.org, which no record of the example.org zone declares (a dangling record); declare wiki.example.org in example.org or point the CNAME elsewhere",
    ]);
  });

  it("accepts a CNAME into the stack's own zone that points at a declared name", async () => {
    await assert.rejects(withRecords([{ type: "CNAME", name: "portal", content: "app.example.org" }]), /expected the config to be rejected/);
  });

  it("refuses TXT content longer than Cloudflare accepts, and splits long values into 255-octet strings", async () => {
    const [line] = await withRecords([{ type: "TXT", name: "big", content: "a".repeat(2100) }]);
    assert.match(line, /^launch-stack:zones\[0\]\.records\[0\]: TXT content is 2\d{3} characters quoted; Cloudflare accepts at most 2048/);
  });

  it("refuses proxied on a type the proxy cannot carry", async () => {
    assert.deepEqual(await withRecords([{ type: "TXT", name: "x", content: "y", proxied: true }]), [
      'launch-stack:zones[0].records[0]: unknown key "proxied"; remove it or check the spelling',
    ]);
  });

  it("refuses a proxied record deeper than Universal SSL covers", async () => {
    const [line] = await withRecords([{ type: "CNAME", name: "a.b", content: "x.example.net", proxied: true }]);
    assert.match(line, /^launch-stack:zones\[0\]\.records\[0\]\.name: a\.b\.example\.org is 2 labels below example\.org/);
  });

  it("refuses a proxied record with a fixed TTL", async () => {
    const [line] = await withRecords([{ type: "A", name: "shop", content: "198.51.100.9", proxied: true, ttl: 300 }]);
    assert.match(line, /^launch-stack:zones\[0\]\.records\[0\]\.ttl: proxied record shop\.example\.org has ttl 300/);
  });

  it("refuses a comment longer than the Free plan allows, counting the role prefix", async () => {
    assert.deepEqual(await withRecords([{ type: "A", name: "vpn", content: "198.51.100.9", comment: "x".repeat(95) }]), [
      'launch-stack:zones[0].records[0].comment: is 105 characters with its role prefix ("dns-only: "); the free plan allows 100; shorten it',
    ]);
  });

  it("refuses a malformed value per type with the key path", async () => {
    assert.deepEqual(await withRecords([{ type: "A", name: "vpn", content: "2001:db8::1" }, { type: "SRV", name: "_sip._tcp", data: { priority: 1, weight: 1, port: 70000, target: "sip.example.net" } }]), [
      "launch-stack:zones[0].records[0].content: must be an IPv4 address such as 203.0.113.7",
      "launch-stack:zones[0].records[1].data.port: must be at most 65535; got 70000",
    ]);
  });

  it("refuses a CAA below the apex that would block Universal SSL there", async () => {
    const [line] = await withRecords([{ type: "CAA", name: "shop", data: { tag: "issue", value: "letsencrypt.org" } }]);
    assert.equal(line, 'launch-stack:zones[0].records[0]: shop.example.org: CAA issue does not allow pki.goog, which Cloudflare Universal SSL uses (RFC 8659 §4); add CAA 0 issue "pki.goog"');
  });
});

describe("gate: a DNS-only host is judged by the site model's host roles, as the pack judges it", () => {
  // Each prod host with an origin, and the DNS record the Site component declares for it.
  const hosts = { "@": "example-com-dns-apex", app: "example-com-dns-app", api: "example-com-dns-api", admin: "example-com-dns-admin", status: "example-com-dns-status" };

  /** The gate's lines for `label` made DNS-only, and protected-hosts-proxied's for the same record made DNS-only. */
  async function bothJudge(label: keyof typeof hosts) {
    const config = parseStackConfig(shippedConfig("prod"));
    config.zones[0].hosts[label].proxied = false;
    const gate = checkDnsOnlyHosts(config);
    const pack = await reported(edit(await shippedPreview("prod"), { [hosts[label]]: (w) => { w.proxied = false; } }), "protected-hosts-proxied");
    return { gate, pack };
  }

  for (const label of Object.keys(hosts) as (keyof typeof hosts)[]) {
    it(`reports the ${label} host made DNS-only with exactly the pack's findings, at its proxied key`, async () => {
      const { gate, pack } = await bothJudge(label);
      assert.deepEqual(gate.map((p) => p.message), pack);
      for (const p of gate) assert.deepEqual(p.path, [`zones[0].hosts${label === "@" ? '["@"]' : `.${label}`}.proxied`]);
    });
  }

  it("refuses the apex (legacy-path redirects), app (app.host), api and admin (authenticated) and accepts status", async () => {
    const refused = [];
    for (const label of Object.keys(hosts) as (keyof typeof hosts)[]) if ((await bothJudge(label)).gate.length > 0) refused.push(label);
    assert.deepEqual(refused, ["@", "app", "api", "admin"]);
  });
});
