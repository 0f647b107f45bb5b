import { strict as assert } from "node:assert";
import { parseStackConfig } from "../../gate/load";
import type { TlsProtocol } from "../../rules/certificate";
import { buildChecks } from "../../verifier/checks";
import { tlsChecks } from "../../verifier/checks/tls";
import { expectationsFor } from "../../verifier/expectations";
import type { Probes } from "../../verifier/probes";
import type { CertificateReport } from "../../verifier/tls";
import { shippedConfig } from "../support/harness";

/** Probes for one hostname's TLS row: the certificate's handshake negotiates `negotiated`; `accepts` are the versions a single-version probe completes. */
function tlsProbes(negotiated: TlsProtocol, accepts: readonly TlsProtocol[], nameError?: string) {
  const probed: TlsProtocol[] = [];
  const certificate: CertificateReport = { trusted: true, nameError, daysLeft: 80, validTo: new Date(Date.now() + 80 * 86_400_000), subject: "example.com", issuer: "test CA", protocol: negotiated };
  const probes = {
    certificate: async () => certificate,
    tlsVersion: async (_host: string, version: TlsProtocol) => {
      probed.push(version);
      return accepts.includes(version) ? { version, result: "accepted" as const } : { version, result: "refused" as const, reason: "ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION" };
    },
  } as unknown as Probes;
  return { probes, probed };
}

describe("verifier TLS rows", () => {
  const prod = expectationsFor(parseStackConfig(shippedConfig("prod")));
  const tlsRow = buildChecks(prod).find((c) => c.area === "TLS" && c.name === "app.example.com")!;

  it("takes TLS 1.3 from the certificate's own handshake when it negotiated 1.3, probing only the older versions", async () => {
    const { probes, probed } = tlsProbes("TLSv1.3", ["TLSv1.2", "TLSv1.3"]);
    const outcome = await tlsRow.run(probes);
    assert.equal(outcome.status, "pass", outcome.detail);
    assert.match(outcome.detail, /offers TLS 1\.2, 1\.3$/);
    assert.deepEqual(probed.sort(), ["TLSv1", "TLSv1.1", "TLSv1.2"]);
  });

  it("probes TLS 1.3 on its own when the normal handshake settled for 1.2, and fails the row when it is refused", async () => {
    const { probes, probed } = tlsProbes("TLSv1.2", ["TLSv1.2"]);
    const outcome = await tlsRow.run(probes);
    assert.equal(outcome.status, "fail");
    assert.match(outcome.detail, /^app\.example\.com refuses TLSv1\.3 \(ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION\)/);
    assert.deepEqual(probed.sort(), ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"]);
  });

  it("explains a name the certificate misses that Universal SSL can never cover, with the rule's fix", async () => {
    const deep = tlsChecks({ ...prod, hostnames: [{ name: "eu.app.example.com", zone: "example.com", declared: "A, proxied" }] })[0];
    const { probes } = tlsProbes("TLSv1.3", ["TLSv1.2", "TLSv1.3"], "Host: eu.app.example.com. is not in the cert's altnames: DNS:example.com, DNS:*.example.com");
    const outcome = await deep.run(probes);
    assert.equal(outcome.status, "fail");
    assert.deepEqual(outcome.detail.split("\n").map((line) => line.split(" (")[0]), [
      "eu.app.example.com's certificate does not cover the name: Host: eu.app.example.com. is not in the cert's altnames: DNS:example.com, DNS:*.example.com",
      "eu.app.example.com is 2 labels below example.com; the zone's Universal SSL certificate",
      "served: example.com by test CA, 80 days left; offers TLS 1.2, 1.3",
    ]);
  });

  it("gives the latency rows the longest request chains, so the runner starts them first", () => {
    const checks = buildChecks(prod);
    const longest = Math.max(...checks.map((c) => c.sequentialRequests ?? 1));
    assert.deepEqual([...new Set(checks.filter((c) => (c.sequentialRequests ?? 1) === longest).map((c) => c.area))], ["Latency"]);
    assert.equal(longest, prod.latency.samples + 1);
  });
});
