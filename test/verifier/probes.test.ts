import { strict as assert } from "node:assert";
import { createSocket, Socket } from "node:dgram";
import { createServer, Server } from "node:net";
import { createServer as createTlsServer, Server as TlsServer } from "node:tls";
import { checkCertificate, checkProtocolSupport } from "../../rules/certificate";
import { parseConnect } from "../../verifier/connect";
import { DnsClient } from "../../verifier/dns";
import { request } from "../../verifier/http";
import { inspectCertificate, probeVersion } from "../../verifier/tls";
import { TrustStore } from "../../verifier/trust";
import { FixtureDnsServer } from "./fixture/dns-server";
import { createPki, TestPki } from "./fixture/pki";

async function listen(server: Server | TlsServer): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as { port: number }).port;
}

/** A loopback port with nothing listening: bind, note the port, close. */
async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("verifier probes", () => {
  describe("DNS through --resolver", () => {
    const spf = `v=spf1 ${Array.from({ length: 40 }, (_, i) => `ip4:192.0.2.${i}`).join(" ")} -all`;
    const dns = new FixtureDnsServer({
      records: { "example.com": { TXT: [spf, "google-site-verification=fixture"], A: ["104.16.0.1"] } },
      servfail: new Set(["broken.example.com"]),
    });
    let client: DnsClient;
    let silent: Socket;
    before(async () => {
      client = new DnsClient({ server: { host: "127.0.0.1", port: await dns.start() }, timeoutMs: 100 });
      silent = createSocket("udp4");
      await new Promise<void>((resolve) => silent.bind(0, "127.0.0.1", resolve));
    });
    after(async () => {
      silent.close();
      await dns.stop();
    });

    it("joins a TXT record's strings, retrying over TCP when the answer does not fit UDP", async () => {
      assert.deepEqual(await client.txt("example.com"), [spf, "google-site-verification=fixture"]);
      assert.equal(dns.tcpQueries, 1);
    });

    it("reads a name that does not exist, or has no data of the type, as no records", async () => {
      assert.deepEqual(await client.txt("missing.example.com"), []);
      assert.deepEqual(await client.mx("example.com"), []);
    });

    it("throws SERVFAIL as a fault naming the query and the server", async () => {
      await assert.rejects(client.txt("broken.example.com"), { name: "ProbeFault", message: `TXT broken.example.com: SERVFAIL from 127.0.0.1:${dns.port}` });
    });

    it("throws a timeout as a fault when the server never answers", async () => {
      const mute = new DnsClient({ server: { host: "127.0.0.1", port: silent.address().port }, timeoutMs: 50 });
      await assert.rejects(mute.ns("example.com"), { message: `NS example.com: DNS query timed out from 127.0.0.1:${silent.address().port}` });
    });
  });

  describe("TLS and HTTP", () => {
    let pki: TestPki;
    let legacy: TlsServer;
    let legacyPort: number;
    before(async () => {
      pki = createPki(["example.com"]);
      legacy = createTlsServer({ key: pki.keyPem, cert: pki.certificateFor("expiring", "legacy.example.com"), minVersion: "TLSv1", ciphers: "DEFAULT@SECLEVEL=0" }, (s) => s.end());
      legacyPort = await listen(legacy);
    });
    after(() => legacy.close());
    const options = (trust = new TrustStore([pki.caPem])) => ({ connect: parseConnect([`legacy.example.com:443=127.0.0.1:${legacyPort}`]), trust, signal: new AbortController().signal });

    it("reports a server that still accepts TLS 1.0 and 1.1", async () => {
      const probes = await Promise.all((["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"] as const).map((v) => probeVersion("legacy.example.com", v, options())));
      assert.deepEqual(probes.map((p) => p.result), ["accepted", "accepted", "accepted", "accepted"]);
      assert.deepEqual(checkProtocolSupport("legacy.example.com", probes).map((f) => f.message), ["legacy.example.com accepts TLSv1", "legacy.example.com accepts TLSv1.1"]);
    });

    it("reports a certificate with fewer than 21 days left, through the --connect mapping and the test CA", async () => {
      const cert = await inspectCertificate("legacy.example.com", options());
      assert.deepEqual({ trusted: cert.trusted, nameError: cert.nameError, daysLeft: cert.daysLeft }, { trusted: true, nameError: undefined, daysLeft: 9 });
      assert.match(checkCertificate("legacy.example.com", cert)[0].message, /^legacy\.example\.com's certificate expires in 9 days \(on \d{4}-\d\d-\d\d\)$/);
    });

    it("calls a certificate from an unknown CA untrusted", async () => {
      const cert = await inspectCertificate("legacy.example.com", options(new TrustStore()));
      assert.deepEqual({ trusted: cert.trusted, trustError: cert.trustError }, { trusted: false, trustError: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" });
    });

    it("turns a refused connection into a fault with the reason, for TLS and HTTP alike", async () => {
      const port = await closedPort();
      const refused = { connect: parseConnect([`app.example.com:443=127.0.0.1:${port}`]), trust: new TrustStore(), signal: new AbortController().signal };
      await assert.rejects(probeVersion("app.example.com", "TLSv1.2", refused), { name: "ProbeFault", message: "TLS handshake with app.example.com: connection refused" });
      await assert.rejects(request("https://app.example.com/login", {}, refused), { name: "ProbeFault", message: "GET https://app.example.com/login: connection refused" });
    });
  });

  describe("--connect", () => {
    it("maps name:port to address:port, IPv6 in brackets", () => {
      const map = parseConnect(["app.example.com:443=127.0.0.1:8443", "App.Example.com:80=[::1]:8080"]);
      assert.deepEqual([...map.entries()], [["app.example.com:443", { host: "127.0.0.1", port: 8443 }], ["app.example.com:80", { host: "::1", port: 8080 }]]);
    });

    it("rejects a mapping without both sides, with the option named", () => {
      assert.throws(() => parseConnect(["app.example.com:443"]), { message: '--connect "app.example.com:443" must be name:port=address:port' });
      assert.throws(() => parseConnect(["app.example.com=127.0.0.1:8443"]), { message: '--connect "app.example.com" is not host:port (IPv6 in brackets: [::1]:8443)' });
    });
  });
});
