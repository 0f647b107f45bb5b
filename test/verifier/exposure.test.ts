import { strict as assert } from "node:assert";
import type { Scorecard } from "../../verifier/scorecard";
import { Fixture, startProdFixture } from "./fixture/harness";
import type { FixtureResponse } from "./fixture/web-server";
import { SCRIPT_PATH } from "./fixture/world";

function row(card: Scorecard, check: string) {
  const r = card.rows.find((x) => x.area === "Exposure" && x.check === check);
  assert.ok(r, `no Exposure row for ${check}`);
  return r;
}

const text = (body: string, type = "text/plain") => ({ status: 200, type, body });

/** Exposure rows on the prod fixture: each planted exposure fails its host's row; the clean fixture passes. */
describe("verifier exposure rows", function () {
  let fx: Fixture;

  before(async function () {
    fx = await startProdFixture();
  });
  after(async () => fx?.stop());
  afterEach(() => fx.reset());

  it("passes every served host of the clean fixture, including a single-page app that answers every path 200", async () => {
    fx.world.hosts["status.example.com"].pages["/.env"] = text("<!doctype html><div id=root></div>", "text/html");
    const card = await fx.audit(["Exposure"]);
    assert.deepEqual(card.rows.map((r) => `${r.check} ${r.status}`), ["https://example.com pass", "https://admin.example.com pass", "https://api.example.com pass", "https://app.example.com pass", "https://status.example.com pass"]);
  });

  const files: [path: string, body: string, message: RegExp][] = [
    ["/.env", "DATABASE_URL=postgres://u:p@db/portal\nSTRIPE_SECRET_KEY=sk_live_x\n", /serves an environment file/],
    ["/.git/config", "[core]\n\trepositoryformatversion = 0\n", /serves the Git repository's config/],
    ["/.git/HEAD", "ref: refs/heads/main\n", /serves the Git repository's HEAD/],
    ["/.DS_Store", "\0\0\0\x01Bud1\0\0\x10\0", /serves a macOS folder index/],
    ["/server-status", "<h1>Apache Server Status for app.example.com</h1>Server uptime: 3 days", /serves Apache's server-status page/],
  ];
  for (const [path, body, message] of files) {
    it(`catches ${path} served at the root`, async () => {
      fx.world.hosts["app.example.com"].pages[path] = text(body);
      const card = await fx.audit(["Exposure"]);
      assert.deepEqual(card.rows.filter((r) => r.status === "fail").map((r) => r.check), ["https://app.example.com"]);
      assert.match(row(card, "https://app.example.com").detail, message);
    });
  }

  it("catches a directory listing of the scripts' folder", async () => {
    fx.world.hosts["example.com"].pages["/assets/"] = text(`<html><head><title>Index of /assets/</title></head><body><h1>Index of /assets/</h1><a href="app.js">app.js</a></body></html>`, "text/html");
    const card = await fx.audit(["Exposure"]);
    assert.match(row(card, "https://example.com").detail, /^https:\/\/example\.com\/assets\/ lists its directory's files/);
  });

  it("catches a first-party source map, named by the script or beside it", async () => {
    const site = fx.world.hosts["example.com"];
    site.pages[SCRIPT_PATH] = text(`${site.pages[SCRIPT_PATH].body}\n//# sourceMappingURL=app.js.map`, "text/javascript");
    site.pages[`${SCRIPT_PATH}.map`] = text(`{"version":3,"sources":["src/billing.ts"],"mappings":"AAAA"}`, "application/json");
    const card = await fx.audit(["Exposure"]);
    assert.match(row(card, "https://example.com").detail, /^https:\/\/example\.com\/assets\/app\.js\.map serves the source map of a first-party script/);
  });

  it("catches a stack trace, a debug page and a server version in error pages", async () => {
    fx.world.override = (req): FixtureResponse | undefined => {
      if (req.host !== "api.example.com" || !req.path.startsWith("/launch-verify-")) return undefined;
      if (req.path.includes("%")) return { status: 400, headers: { "content-type": "text/html" }, body: "URIError: URI malformed\n    at decodeURIComponent (<anonymous>)\n    at decode_param (/srv/portal/node_modules/express/lib/router/layer.js:172:12)" };
      return { status: 404, headers: { "content-type": "text/html", server: "nginx/1.18.0 (Ubuntu)", "x-powered-by": "Express" }, body: "<h1>Page not found (404)</h1><p>You're seeing this error because you have <code>DEBUG = True</code> in your Django settings file.</p>" };
    };
    const card = await fx.audit(["Exposure"]);
    const lines = row(card, "https://api.example.com").detail.split("\n").map((l) => l.split(" (launch")[0]);
    assert.deepEqual(lines.filter((l) => !l.startsWith("https://api.example.com/.well-known")), [
      "a random path's error page (404) shows Django's debug page",
      "a random path's error page (404) names the server software's version in Server: nginx/1.18.0",
      "a malformed request's error page (400) shows a Node.js stack trace",
    ]);
  });

  it("warns, without failing, when security.txt is missing or expired", async () => {
    delete fx.world.hosts["status.example.com"].pages["/.well-known/security.txt"];
    fx.world.hosts["admin.example.com"].pages["/.well-known/security.txt"] = text("Contact: mailto:security@example.com\nExpires: 2024-01-01T00:00:00Z\n");
    const card = await fx.audit(["Exposure"]);
    assert.equal(row(card, "https://status.example.com").status, "warn");
    assert.match(row(card, "https://status.example.com").detail, /^https:\/\/status\.example\.com\/\.well-known\/security\.txt is not served \(404, text\/plain\) \(RFC 9116\)/);
    assert.equal(row(card, "https://admin.example.com").status, "warn");
    assert.match(row(card, "https://admin.example.com").detail, /security\.txt expired on 2024-01-01/);
    assert.equal(card.passed, true);
  });
});
