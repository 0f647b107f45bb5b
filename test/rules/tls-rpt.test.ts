import { strict as assert } from "node:assert";
import { buildTlsRpt, checkTlsRpt } from "../../rules/tls-rpt";

describe("rules/tls-rpt", () => {
  it("builds v=TLSRPTv1; rua=mailto:... and adds mailto: to a bare address", () => {
    assert.equal(buildTlsRpt(["tls@example.com", "https://reports.example.net/tlsrpt"]), "v=TLSRPTv1; rua=mailto:tls@example.com,https://reports.example.net/tlsrpt");
  });

  it("accepts the record it builds", () => {
    assert.deepEqual(checkTlsRpt([buildTlsRpt(["tls@example.com"])]), []);
  });

  it("rejects two TLS-RPT records", () => {
    const [finding] = checkTlsRpt(["v=TLSRPTv1; rua=mailto:a@example.com", "v=TLSRPTv1; rua=mailto:b@example.com"]);
    assert.equal(finding.message, "2 TXT records at _smtp._tls start with v=TLSRPTv1; senders then send no reports");
    assert.equal(finding.ref, "RFC 8460 §3");
  });

  it("rejects a name without a TLS-RPT record, ignoring other TXT records", () => {
    assert.deepEqual(checkTlsRpt(["rua=mailto:a@example.com; v=TLSRPTv1"]).map((f) => f.message), ["no TXT record at _smtp._tls starts with v=TLSRPTv1"]);
  });

  it("rejects a record without rua", () => {
    assert.deepEqual(checkTlsRpt(["v=TLSRPTv1;"]).map((f) => f.message), ["TLS-RPT record has no rua= destination"]);
  });

  it("rejects a destination that is neither mailto: nor https:", () => {
    assert.deepEqual(checkTlsRpt(["v=TLSRPTv1; rua=http://reports.example.net/tlsrpt"]).map((f) => f.message), [
      'TLS-RPT rua destination "http://reports.example.net/tlsrpt" is not a mailto: or https: URI',
    ]);
  });

  it("accepts several destinations separated by commas", () => {
    assert.deepEqual(checkTlsRpt(["v=TLSRPTv1; rua=mailto:a@example.com, https://reports.example.net/v1"]), []);
  });
});
