/**
 * API records (the documented shapes of GET /zones/{zone_id}/dns_records) into the live-zone model: the
 * presentation form a zone file holds, so an API read drafts exactly as an export does.
 */
import { strict as assert } from "node:assert";
import { liveRecordFromApi } from "../../../cli/adopt/api-records";
import { toExtraRecord } from "../../../cli/adopt/records";

const base = { id: "372e67954025e0ba6aaa6d586b9e0b59", ttl: 3600, proxied: false, comment: null };

describe("Cloudflare API records as live records", () => {
  it("keeps the record id for the import file and names it as the record's source", () => {
    const r = liveRecordFromApi({ ...base, name: "Vpn.Example.com", type: "A", content: "198.51.100.7", comment: "Office VPN" });
    assert.deepEqual(r, { name: "vpn.example.com", type: "A", ttl: 3600, content: "198.51.100.7", proxied: false, comment: "Office VPN", source: `record ${base.id}`, id: base.id });
  });

  it("builds an SRV record from its data, not from the display content", () => {
    const r = liveRecordFromApi({ ...base, name: "_sip._tls.example.com", type: "SRV", content: "1 443 sipdir.online.lync.com", priority: 100, data: { priority: 100, weight: 1, port: 443, target: "sipdir.online.lync.com" } });
    assert.equal(r.content, "100 1 443 sipdir.online.lync.com.");
    assert.deepEqual(toExtraRecord(r, "example.com"), { record: { type: "SRV", name: "_sip._tls", ttl: 3600, data: { priority: 100, weight: 1, port: 443, target: "sipdir.online.lync.com" } } });
  });

  it("takes an MX record's priority from the record", () => {
    assert.equal(liveRecordFromApi({ ...base, name: "example.com", type: "MX", content: "example-com.mail.protection.outlook.com", priority: 0 }).content, "0 example-com.mail.protection.outlook.com.");
  });

  it("quotes a TXT value the API returns bare, and keeps a quoted one as it is", () => {
    assert.equal(liveRecordFromApi({ ...base, name: "example.com", type: "TXT", content: 'v=spf1 -all "x"' }).content, '"v=spf1 -all \\"x\\""');
    assert.equal(liveRecordFromApi({ ...base, name: "example.com", type: "TXT", content: '"a" "b"' }).content, '"a" "b"');
  });

  it("quotes a CAA value from its data", () => {
    const r = liveRecordFromApi({ ...base, name: "shop.example.com", type: "CAA", content: "0 issue letsencrypt.org", data: { flags: 0, tag: "issue", value: "letsencrypt.org" } });
    assert.equal(r.content, '0 issue "letsencrypt.org"');
  });

  it("reads TLSA, SSHFP and DS data under the API's snake_case names", () => {
    assert.equal(liveRecordFromApi({ ...base, name: "_443._tcp.vpn.example.com", type: "TLSA", data: { usage: 3, selector: 1, matching_type: 1, certificate: "0c72" } }).content, "3 1 1 0c72");
    assert.equal(liveRecordFromApi({ ...base, name: "vpn.example.com", type: "SSHFP", data: { algorithm: 4, type: 2, fingerprint: "1234" } }).content, "4 2 1234");
    assert.equal(liveRecordFromApi({ ...base, name: "lab.example.com", type: "DS", data: { key_tag: 2371, algorithm: 13, digest_type: 2, digest: "ab12" } }).content, "2371 13 2 ab12");
  });

  it("reads a proxied CNAME with its proxied state and a trailing-dot target", () => {
    const r = liveRecordFromApi({ ...base, ttl: 1, proxied: true, name: "courses.example.com", type: "CNAME", content: "example-courses.example.net" });
    assert.deepEqual([r.content, r.proxied, r.ttl], ["example-courses.example.net.", true, 1]);
  });
});
