import { strict as assert } from "node:assert";
import { PROBE_PATH, PROBE_QUERY } from "../../verifier/expectations";
import type { Scorecard } from "../../verifier/scorecard";
import { Fixture, startProdFixture } from "./fixture/harness";
import { SCRIPT_PATH } from "./fixture/world";

/** "area check" of every failed row, sorted. */
function failures(card: Scorecard): string[] {
  return card.rows.filter((r) => r.status === "fail").map((r) => `${r.area} ${r.check}`).sort();
}

function detail(card: Scorecard, area: string, check: string): string {
  const row = card.rows.find((r) => r.area === area && r.check === check);
  assert.ok(row, `no ${area} row for ${check}`);
  return row.detail;
}

const page = (body: string) => ({ status: 200, type: "text/html; charset=utf-8", body });
const js = (body: string) => ({ status: 200, type: "text/javascript", body });
const PRIVATE_PAGE = `<html><body><h1>Invoices</h1>${"<p>Invoice 2026-0042 for Acme Corp, net 30, total 12,400.00 USD, paid by card ending 4242.</p>".repeat(6)}</body></html>`;

/**
 * The classes an attacker reaches that the first verifier missed, each planted on the prod fixture, and
 * the clean variant of each (valid HTTP a careful launch may serve) that must raise no alarm.
 */
describe("verifier audit: what an attacker and a browser would find", function () {
  let fx: Fixture;

  before(async function () {
    fx = await startProdFixture();
  });
  after(async () => fx?.stop());
  afterEach(() => fx.reset());

  describe("CORS", () => {
    const cases: [bug: "containing" | "ending-with" | "null" | "any-scheme", origin: RegExp][] = [
      ["containing", /untrusted Origin https:\/\/example\.com\.untrusted-origin\.invalid/],
      ["ending-with", /untrusted Origin https:\/\/untrustedexample\.com /],
      ["null", /untrusted Origin null/],
      ["any-scheme", /untrusted Origin http:\/\/app\.example\.com /],
    ];
    for (const [bug, origin] of cases) {
      it(`catches an origin check that also grants an origin ${bug === "null" ? "of null" : bug === "any-scheme" ? "over http://" : `${bug} a trusted host`}`, async () => {
        fx.world.hosts["api.example.com"].corsBug = bug;
        const card = await fx.audit(["Access"]);
        assert.deepEqual(failures(card), ["Access CORS https://api.example.com/"]);
        assert.match(detail(card, "Access", "CORS https://api.example.com/"), origin);
      });
    }
  });

  describe("private paths", () => {
    it("catches a redirect to login whose body still carries the private page", async () => {
      fx.world.hosts["app.example.com"].privateBody = PRIVATE_PAGE;
      const card = await fx.audit(["Access"]);
      assert.deepEqual(failures(card), ["/account", "/billing", "/dashboard", "/settings"].map((p) => `Access https://app.example.com${p}`));
      assert.match(detail(card, "Access", "https://app.example.com/billing"), /answers an anonymous request 302 but its body carries \d+ characters of page content \("Invoices Invoice 2026-0042/);
    });

    it("passes a redirect to login with a short redirect notice in its body", async () => {
      fx.world.hosts["app.example.com"].privateBody = `<html><head><title>302 Found</title></head><body><h1>302 Found</h1><hr><center>nginx</center><p>Redirecting to <a href="/login">/login</a></p></body></html>`;
      const card = await fx.audit(["Access"]);
      assert.deepEqual(failures(card), []);
    });
  });

  describe("HSTS on redirects", () => {
    it("catches an HTTPS host whose redirects carry no HSTS", async () => {
      fx.world.redirectHeaders["www.example.com"] = {};
      const card = await fx.audit(["Redirects"]);
      const www = (path: string) => `https://www.example.com${path}`;
      assert.deepEqual(failures(card), [`${www("/client-area")}?${PROBE_QUERY}`, `${www(PROBE_PATH)}?${PROBE_QUERY}`, `${www("/login.php")}?${PROBE_QUERY}`].map((u) => `Redirects ${u}`).sort());
      assert.match(detail(card, "Redirects", `${www(PROBE_PATH)}?${PROBE_QUERY}`), /redirects \(301\) without Strict-Transport-Security \(RFC 6797 §7\.1\)/);
    });

    it("catches a private path redirect without HSTS", async () => {
      delete fx.world.hosts["app.example.com"].headers["strict-transport-security"];
      const card = await fx.audit(["Access"]);
      assert.ok(failures(card).includes("Access https://app.example.com/dashboard"));
    });
  });

  describe("bundles", () => {
    const KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";

    function withScripts(head: string, files: Record<string, ReturnType<typeof js>>) {
      const site = fx.world.hosts["example.com"];
      site.pages["/"] = page(`<!doctype html><html><head>${head}</head><body>portal</body></html>`);
      Object.assign(site.pages, files);
    }

    it("follows a module preload to a chunk holding a key", async () => {
      withScripts(`<script type="module" src="/assets/index-a1.js"></script><link rel="modulepreload" href="/assets/vendor-b2.js">`, {
        "/assets/index-a1.js": js(`import "./vendor-b2.js";`),
        "/assets/vendor-b2.js": js(`const stripe = "${KEY}";`),
      });
      const card = await fx.audit(["Secrets"]);
      assert.match(detail(card, "Secrets", "https://example.com/"), /^Stripe secret key in https:\/\/example\.com\/assets\/vendor-b2\.js line 1: sk_l… \(32 characters\)/);
    });

    it("follows a lazily imported chunk two levels down", async () => {
      withScripts(`<script type="module" src="/assets/index.js"></script>`, {
        "/assets/index.js": js(`const Billing = () => import("./billing-c3.js");`),
        "/assets/billing-c3.js": js(`export const load = () => import("/assets/stripe-admin-d4.js");`),
        "/assets/stripe-admin-d4.js": js(`export default {key: "${KEY}"};`),
      });
      const card = await fx.audit(["Secrets"]);
      assert.match(detail(card, "Secrets", "https://example.com/"), /stripe-admin-d4\.js line 1/);
    });

    it("scans the file a redirecting script URL lands on, not the empty redirect", async () => {
      withScripts(`<script src="/app.js"></script>`, { "/assets/app.4f2a.js": js(`var k = "${KEY}";`) });
      fx.world.redirects["https://example.com/app.js"] = "https://example.com/assets/app.4f2a.js";
      const card = await fx.audit(["Secrets"]);
      assert.match(detail(card, "Secrets", "https://example.com/"), /in https:\/\/example\.com\/app\.js \(→ https:\/\/example\.com\/assets\/app\.4f2a\.js\) line 1/);
    });

    it("catches the stack's own secret names assigned in a bundle and a connection URL with its password", async () => {
      fx.world.hosts["example.com"].pages[SCRIPT_PATH] = js(`const env={SESSION_SECRET:"9f8e7d6c5b4a39281706f5e4",API_BASE:"https://api.example.com"};\nconst db="postgres://portal:Tr0ub4dor3@db.internal:5432/portal";`);
      const card = await fx.audit(["Secrets"]);
      const text = detail(card, "Secrets", "https://example.com/");
      assert.match(text, /the stack's secret SESSION_SECRET in https:\/\/example\.com\/assets\/app\.js line 1: 9f8e… \(24 characters\)/);
      assert.match(text, /postgre sql connection \(secretlint database-connection-string\) in https:\/\/example\.com\/assets\/app\.js line 2: post… \(54 characters\)/);
      assert.ok(!text.includes("Tr0ub4dor3") && !text.includes("9f8e7d6c5b4a"));
    });
  });

  describe("false alarms on a clean launch", () => {
    it("reads a header sent twice with the same value once", async () => {
      fx.world.override = (req) => {
        if (req.scheme !== "https" || req.host !== "example.com" || req.path !== "/") return undefined;
        const h = fx.world.hosts["example.com"].headers;
        return { status: 200, headers: { ...h, "x-content-type-options": ["nosniff", "nosniff"], "x-frame-options": ["DENY", "DENY"], "strict-transport-security": [h["strict-transport-security"], h["strict-transport-security"]] }, body: "ok" };
      };
      const card = await fx.audit(["Headers"]);
      // The Observatory itself reads a repeated field as one comma-joined value, so a client's scan marks
      // these invalid: the grade row says what that scan would say, the header row what browsers do.
      assert.deepEqual(failures(card), ["Headers Observatory grade example.com"]);
    });

    it("still fails a header sent twice with conflicting values", async () => {
      fx.world.override = (req) => (req.scheme === "https" && req.host === "example.com" && req.path === "/" ? { status: 200, headers: { ...fx.world.hosts["example.com"].headers, "x-frame-options": ["DENY", "SAMEORIGIN"] }, body: "ok" } : undefined);
      const card = await fx.audit(["Headers"]);
      assert.deepEqual(failures(card), ["Headers Observatory grade example.com", "Headers https://example.com/"]);
    });

    it("does not report a search-only key in a page as a leak", async () => {
      fx.world.hosts["example.com"].pages[SCRIPT_PATH] = js(`const search = algoliasearch("LAT9XZ3K2Q", "d8f1b2c3e4a5968778695a4b3c2d1e0f");\nconst cfg = { searchApiKey: "d8f1b2c3e4a5968778695a4b3c2d1e0f", ALGOLIA_SEARCH_ONLY_KEY: "d8f1b2c3e4a5968778695a4b3c2d1e0f", NEXT_PUBLIC_MAPS_KEY: "m4ps0123456789abcdef" };`);
      const card = await fx.audit(["Secrets"]);
      assert.deepEqual(failures(card), []);
    });
  });

  describe("output", () => {
    it("reports a wrong-name certificate as not covering the name, not as untrusted, and keeps what was served", async () => {
      fx.world.certificates["admin.example.com"] = "wrong-name";
      const card = await fx.audit(["TLS"]);
      const text = detail(card, "TLS", "admin.example.com");
      assert.match(text, /^admin\.example\.com's certificate does not cover the name/);
      assert.ok(!text.includes("not trusted"), text);
      assert.match(text, /\nserved: unrelated\.example\.org by launch-stack test CA, \d+ days left; offers TLS 1\.2, 1\.3$/);
    });

    it("reports a declared CAA entry that is not served once", async () => {
      fx.world.dns.records["example.com"].CAA = fx.world.dns.records["example.com"].CAA!.filter((c) => !(c.tag === "issue" && c.value === "pki.goog"));
      const card = await fx.audit(["DNS"]);
      const text = detail(card, "DNS", "CAA example.com");
      assert.equal(text.split("\n").length, 1, text);
      assert.match(text, /^CAA issue "pki\.goog" is declared but not served at example\.com/);
    });
  });
});
