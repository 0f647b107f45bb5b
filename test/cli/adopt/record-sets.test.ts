/**
 * adopt --zone on a zone holding several live records of one name and type (MX at the apex, SPF twice,
 * round-robin addresses, two MX for a subdomain): records pair by content and are imported by id; what
 * the stack changes is adopted and "will be replaced" in place; every other live record of a declared
 * name and type is "delete before the first up", with what it breaks meanwhile.
 */
import { strict as assert } from "node:assert";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../../cli/adopt";
import type { ImportFile } from "../../../cli/adopt/import-file";
import type { CliIO } from "../../../cli/plan/io";
import { readStackConfig } from "../../../cli/plan/io";
import { Captured, tempDir } from "../plan-fixture";
import { ALL_PERMISSIONS, FakeApi, FakeZone, startFakeCloudflare } from "./cloudflare-api-server";
import { tableRows } from "./table-rows";

const ZONE_ID = "5a1e0c4b9d3f4e2a8b7c6d5e4f3a2b1c";
const DKIM_2048 = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAua2wjavAw2UsE3HCuOY5UbEt4G9UvGISgTTjzo42gHNzTmDtEbWiIiAmf73LypQ83+LFJYAriSkNeb8oDKJu7wS2+o23t+EPv7AAXqP8GmGLBT2wvx40DBcSXxueSpyPY3IFRxDWfqylyryQWecn8A0KipslH0U4yKHSppreT+HxTQfxsGgdRrdZ6DdT2hY5pnbMVN66IJl2wy4NBwtYntxgQOo53Wb/CDtHxtlKL7Qjx2itISA1kUAUexWvF8fh3/3QjEElh0HtBf/bbINxQL811/C9ekjS6QaL5pGbH2cDv++xPoKtbOKms52ShPlbNeVrl8O2sF7GGAcU/3d//QIDAQAB";

let n = 0;
/** An API record with a 32-hex id that says which one it is (`...0001`, `...0002`, ...). */
function rec(name: string, type: string, content: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  n += 1;
  return { id: `${"ab".repeat(14)}${String(n).padStart(4, "0")}`, name, type, content, ttl: 1, proxied: false, comment: null, tags: [], settings: {}, ...extra };
}

const RECORDS = [
  rec("example.com", "A", "203.0.113.10", { proxied: true }),
  rec("example.com", "MX", "aspmx.l.google.com", { priority: 1, ttl: 3600 }),
  rec("example.com", "MX", "alt1.aspmx.l.google.com", { priority: 5, ttl: 3600 }),
  rec("example.com", "MX", "mx.oldhost.example.net", { priority: 10, ttl: 3600 }),
  rec("google._domainkey.example.com", "TXT", `"v=DKIM1; k=rsa; p=${DKIM_2048}"`),
  rec("example.com", "TXT", '"v=spf1 include:_spf.google.com ~all"'),
  rec("example.com", "TXT", '"v=spf1 include:mailgun.org ~all"'),
  rec("example.com", "TXT", '"google-site-verification=rXOxyZounnZasA8Z7oaD3c14JdjS9aKSWvsR1EbUSIQ"'),
  rec("_dmarc.example.com", "TXT", '"v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com"'),
  rec("pool.example.com", "A", "198.51.100.1", { ttl: 300 }),
  rec("pool.example.com", "A", "198.51.100.2", { ttl: 300 }),
  rec("support.example.com", "MX", "mx1.example.net", { priority: 10, ttl: 3600 }),
  rec("support.example.com", "MX", "mx2.example.net", { priority: 20, ttl: 3600 }),
];
const idOf = (type: string, content: string) => String(RECORDS.find((r) => r.type === type && r.content === content)!.id);

const ZONE: FakeZone = {
  id: ZONE_ID, name: "example.com", accountId: "01a7362d577a6c3019a474fd6f485823", plan: "Free Website", records: RECORDS,
  settings: { ssl: "full", min_tls_version: "1.2", tls_1_3: "on", always_use_https: "on", automatic_https_rewrites: "on", security_header: { strict_transport_security: { enabled: false, max_age: 0, include_subdomains: false, preload: false, nosniff: false } } },
  rulesets: {},
};

describe("adopt --zone: several live records of one name and type", () => {
  let api: FakeApi;
  let dir: string;
  let run: Captured;
  let file: ImportFile;
  let sets: string[][];

  before(async () => {
    api = await startFakeCloudflare([ZONE], { full: ALL_PERMISSIONS });
    dir = tempDir("adopt-sets");
    let stdout = "";
    let stderr = "";
    const io: CliIO = { out: (t) => void (stdout += t), err: (t) => void (stderr += t), readConfig: readStackConfig, env: { CLOUDFLARE_API_TOKEN: "full", CLOUDFLARE_BASE_URL: api.baseURL, COLUMNS: "200" } };
    const code = await main(["--zone", "example.com", "--stack", "sets", "--cwd", dir], io);
    run = { code, stdout, stderr };
    if (code > 1) throw new Error(stderr);
    file = JSON.parse(readFileSync(join(dir, "import-sets.json"), "utf8"));
    const section = stdout.slice(stdout.indexOf("Live records at a name and type the stack declares"));
    sets = tableRows(section.slice(0, section.indexOf("\n\n") > 0 ? section.indexOf("\n\n") : undefined)).slice(1);
  });
  after(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const imported = () => new Set(file.resources.map((e) => e.id));
  const row = (record: string, live: string) => sets.find((r) => r[0] === record && r[2] === live);

  it("writes the draft and the import file, and the draft's plan passes", () => {
    assert.equal(run.code, 0, run.stdout + run.stderr);
  });

  it("imports both round-robin addresses of a name by their content", () => {
    assert.ok(imported().has(`${ZONE_ID}/${idOf("A", "198.51.100.1")}`) && imported().has(`${ZONE_ID}/${idOf("A", "198.51.100.2")}`), JSON.stringify(file, null, 1));
  });

  it("imports both MX records of a subdomain by their content, leaving neither to delete", () => {
    assert.ok(imported().has(`${ZONE_ID}/${idOf("MX", "mx1.example.net")}`) && imported().has(`${ZONE_ID}/${idOf("MX", "mx2.example.net")}`));
    assert.ok(!sets.some((r) => r[0] === "MX support.example.com"));
  });

  it("adopts the live apex MX most like the stack's and says it will be replaced in place", () => {
    assert.ok(imported().has(`${ZONE_ID}/${idOf("MX", "aspmx.l.google.com")}`));
    assert.deepEqual(row("MX example.com", "1 aspmx.l.google.com"), ["MX example.com", idOf("MX", "aspmx.l.google.com"), "1 aspmx.l.google.com", "will be replaced", "imported, then updated in place to 1 smtp.google.com"]);
  });

  it("tells a person to delete each other apex MX before the first up, because a stray MX receives mail", () => {
    for (const live of ["5 alt1.aspmx.l.google.com", "10 mx.oldhost.example.net"]) {
      const r = row("MX example.com", live);
      assert.ok(r, `no row for MX ${live}:\n${run.stdout}`);
      assert.equal(r![3], "delete before the first up");
      assert.match(r![4], /^a stray MX receives mail: senders deliver to it by its priority \(RFC 5321 §5\.1\)/);
      assert.ok(!imported().has(`${ZONE_ID}/${r![1]}`));
    }
  });

  it("adopts one of two live SPF records and tells a person to delete the other before the first up, naming the permerror", () => {
    const spf = sets.filter((r) => r[0] === "TXT example.com");
    assert.deepEqual(spf.map((r) => r[3]).sort(), ["delete before the first up", "will be replaced"]);
    assert.match(spf.find((r) => r[3] === "delete before the first up")![4], /^two SPF records at one name are a permerror \(RFC 7208 §4\.5\)/);
  });

  it("never sets a verification TXT against an SPF record", () => {
    assert.ok(imported().has(`${ZONE_ID}/${idOf("TXT", '"google-site-verification=rXOxyZounnZasA8Z7oaD3c14JdjS9aKSWvsR1EbUSIQ"')}`));
    assert.ok(!sets.some((r) => r[2].startsWith("google-site-verification")));
  });

  it("lists a stray apex MX beside the mailbox provider's as a launch-bar problem for a person", () => {
    const problem = tableRows(run.stdout).find((r) => r[0].startsWith("example.com also lists MX 10 mx.oldhost.example.net beside Google Workspace's"));
    assert.ok(problem, run.stdout);
    assert.deepEqual(problem!.slice(1), ["the draft declares only the provider's MX; delete this one before the first pulumi up, once nothing relies on it", "a person"]);
  });
});

describe("adopt --zone-file: several live records of one name and type", () => {
  it("lists, by line, the live records a person imports by hand or deletes before the first up", async () => {
    const dir = tempDir("adopt-sets-file");
    try {
      writeFileSync(join(dir, "zone.txt"), [
        "$ORIGIN example.com.", "@ 1 IN A 203.0.113.10 ; cf_tags=cf-proxied:true", "@ 3600 IN MX 1 aspmx.l.google.com.", "@ 3600 IN MX 10 mx.oldhost.example.net.",
        `google._domainkey 3600 IN TXT "v=DKIM1; k=rsa; p=${DKIM_2048}"`, '@ 3600 IN TXT "v=spf1 include:_spf.google.com ~all"', '@ 3600 IN TXT "v=spf1 include:mailgun.org ~all"',
        '_dmarc 3600 IN TXT "v=DMARC1; p=quarantine; np=reject; adkim=r; aspf=r; rua=mailto:dmarc@example.com"', "pool 300 IN A 198.51.100.1", "pool 300 IN A 198.51.100.2",
      ].join("\n"));
      let stdout = "";
      const io: CliIO = { out: (t) => void (stdout += t), err: () => undefined, readConfig: readStackConfig, env: { COLUMNS: "200" } };
      assert.equal(await main(["--zone-file", join(dir, "zone.txt"), "--stack", "f", "--cwd", dir], io), 0, stdout);
      const section = stdout.slice(stdout.indexOf("Live records at a name and type the stack declares"));
      const rows = tableRows(section.slice(0, section.indexOf("\n\n"))).slice(1);
      assert.deepEqual(rows.map((r) => r.slice(0, 4)), [
        ["MX example.com", "zone.txt:3", "1 aspmx.l.google.com", "will be replaced"],
        ["MX example.com", "zone.txt:4", "10 mx.oldhost.example.net", "delete before the first up"],
        ["TXT example.com", "zone.txt:6", "v=spf1 include:_spf.google.com ~all", "will be replaced"],
        ["TXT example.com", "zone.txt:7", "v=spf1 include:mailgun.org ~all", "delete before the first up"],
      ]);
      assert.match(rows[0][4], /^the stack declares 1 smtp\.google\.com here: import this record by hand \(docs\/import\.md\) so the up updates it in place, or delete it before the first up$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
