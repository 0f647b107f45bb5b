import { strict as assert } from "node:assert";
import type { Evaluation } from "../../offline/evaluate";
import { duplicate, edit, reported, shippedPreview, without } from "./support";

describe("policies: DNS records", () => {
  let prod: Evaluation;
  before(async () => {
    prod = await shippedPreview("prod");
  });

  describe("web-records-proxied", () => {
    it("accepts every web hostname proxied, redirect-only ones included", async () => {
      assert.deepEqual(await reported(prod, "web-records-proxied"), []);
    });

    it("rejects an unproxied web record", async () => {
      const ev = edit(prod, { "example-com-dns-app": (w) => { w.proxied = false; } });
      assert.deepEqual(await reported(ev, "web-records-proxied"), [
        "web record app.example.com (A) is not proxied (launch checklist: edge protection); set proxied: true so traffic passes Cloudflare's WAF and TLS",
      ]);
    });

    it("leaves a web record's TTL to dns-record-ttl", async () => {
      const ev = edit(prod, { "example-com-dns-app": (w) => { w.ttl = 300; } });
      assert.deepEqual(await reported(ev, "web-records-proxied"), []);
    });
  });

  describe("mail-records-not-proxied", () => {
    it("accepts DNS-only verification records", async () => {
      assert.deepEqual(await reported(prod, "mail-records-not-proxied"), []);
    });

    it("rejects a mail host that is proxied, telling it from a web host by its comment", async () => {
      const ev = edit(prod, { "example-com-dns-status": (w) => { w.name = "mail.example.com"; w.comment = "mail: inbound mail host"; } });
      assert.deepEqual(await reported(ev, "mail-records-not-proxied"), [
        "mail record mail.example.com (A) is proxied (Cloudflare DNS: proxied records); mail and verification records must be DNS-only (proxied: false)",
      ]);
    });

    it("rejects a proxied verification record", async () => {
      const ev = edit(prod, { "example-com-dns-caa-issue-pki-goog": (w) => { w.proxied = true; } });
      assert.deepEqual(await reported(ev, "mail-records-not-proxied"), [
        "verification record example.com (CAA) is proxied (Cloudflare DNS: proxied records); mail and verification records must be DNS-only (proxied: false)",
      ]);
    });
  });

  describe("dns-record-ttl", () => {
    it("accepts automatic TTL on every record", async () => {
      assert.deepEqual(await reported(prod, "dns-record-ttl"), []);
    });

    it("rejects a proxied record with a fixed TTL", async () => {
      const ev = edit(prod, { "example-com-dns-status": (w) => { w.ttl = 300; } });
      assert.deepEqual(await reported(ev, "dns-record-ttl"), ["proxied record status.example.com has ttl 300 (Cloudflare DNS: proxied records); proxied records take ttl: 1 (automatic)"]);
    });

    it("accepts a DNS-only record with a TTL between 60 and 86400 seconds", async () => {
      const ev = edit(prod, { "example-com-dns-caa-issue-pki-goog": (w) => { w.ttl = 3600; } });
      assert.deepEqual(await reported(ev, "dns-record-ttl"), []);
    });

    it("rejects a DNS-only record with a TTL under 60 seconds", async () => {
      const ev = edit(prod, { "example-com-dns-caa-issue-pki-goog": (w) => { w.ttl = 30; } });
      assert.deepEqual(await reported(ev, "dns-record-ttl"), ["record example.com has ttl 30 (Cloudflare DNS); use 1 (automatic) or 60–86400 seconds"]);
    });
  });

  describe("caa-allows-universal-ssl", () => {
    it("accepts CAA records allowing every Universal SSL CA", async () => {
      assert.deepEqual(await reported(prod, "caa-allows-universal-ssl"), []);
    });

    it("rejects a CAA set that leaves out one of them", async () => {
      const ev = without(prod, "example-net-dns-caa-issue-sectigo-com");
      assert.deepEqual(await reported(ev, "caa-allows-universal-ssl"), [
        'example.net: CAA issue does not allow sectigo.com, which Cloudflare Universal SSL uses (RFC 8659 §4); add CAA 0 issue "sectigo.com"',
      ]);
    });
  });

  describe("proxied-names-covered-by-certificate", () => {
    it("accepts every proxied name of both zones, apex and one label below", async () => {
      assert.deepEqual(await reported(prod, "proxied-names-covered-by-certificate"), []);
    });

    it("rejects a proxied name two labels below its zone, and leaves a DNS-only one alone", async () => {
      let ev = duplicate(prod, "example-com-dns-status", "example-com-dns-eu-status", (w) => { w.name = "eu.status.example.com"; });
      ev = duplicate(ev, "example-com-dns-status", "example-com-dns-internal", (w) => { w.name = "db.internal.example.com"; w.proxied = false; });
      assert.deepEqual(await reported(ev, "proxied-names-covered-by-certificate"), [
        "eu.status.example.com is 2 labels below example.com; the zone's Universal SSL certificate (example.com, *.example.com) does not cover it, so visitors get a certificate error (RFC 9525 §6.3; Cloudflare Universal SSL limitations); use one label below the zone, e.g. eu-status.example.com (covering deeper names takes Advanced Certificate Manager)",
      ]);
    });
  });

  describe("protected-hosts-proxied", () => {
    it("accepts the shipped stack, whose DNS-only hosts serve nothing the edge protects", async () => {
      assert.deepEqual(await reported(prod, "protected-hosts-proxied"), []);
    });

    it("rejects the app host declared DNS-only, whatever role its comment claims", async () => {
      const ev = edit(prod, { "example-com-dns-app": (w) => { w.proxied = false; w.comment = "dns-only: app origin"; } });
      assert.deepEqual(await reported(ev, "protected-hosts-proxied"), [
        "app.example.com is app.host and serves the portal's login, API and private pages, which only the edge protects (launch checklist: edge protection); remove proxied: false",
      ]);
    });

    it("rejects an authenticated API host declared DNS-only", async () => {
      const ev = edit(prod, { "example-com-dns-api": (w) => { w.proxied = false; } });
      assert.deepEqual(await reported(ev, "protected-hosts-proxied"), [
        "api.example.com serves logged-in pages or APIs (authenticated: true), which only the edge rate-limits and keeps out of caches (launch checklist: edge protection); remove proxied: false",
      ]);
    });
  });
});
