import { strict as assert } from "node:assert";
import { checkObservedRedirect, checkRedirectMap, Redirect } from "../../rules/redirects";

const host = (from: string, to: string, extra: Partial<Redirect> = {}): Redirect => ({ from: { host: from }, to, statusCode: 301, preserveQueryString: true, ...extra });
const served = new Set(["example.com", "app.example.com"]);

describe("rules/redirects: the redirect map", () => {
  it("accepts aliases and legacy paths that land on served hosts in one hop", () => {
    assert.deepEqual(checkRedirectMap([
      { from: { host: "example.com", path: "/login.php" }, to: "https://app.example.com/login", statusCode: 308, preserveQueryString: true },
      host("www.example.com", "https://example.com"),
    ], served), []);
  });

  it("rejects temporary statuses and dropped query strings", () => {
    const found = checkRedirectMap([host("www.example.com", "https://example.com", { statusCode: 302, preserveQueryString: false })], served);
    assert.deepEqual(found.map((f) => f.finding.message), ["redirect from www.example.com uses status 302", "redirect from www.example.com drops the query string"]);
  });

  it("rejects a plain-http target, which costs a second hop", () => {
    assert.deepEqual(checkRedirectMap([host("www.example.com", "http://example.com")], served).map((f) => f.finding.message), ["redirect target http://example.com is not https"]);
  });

  it("rejects a redirect to itself", () => {
    assert.deepEqual(checkRedirectMap([host("example.com", "https://example.com")], served).map((f) => f.finding.message), ["redirect from example.com points at itself (a loop)"]);
  });

  it("rejects a chain and names the final URL to use", () => {
    const found = checkRedirectMap([host("portal.example.com", "https://www.example.com"), host("www.example.com", "https://example.com")], served);
    assert.deepEqual(found.map((f) => [f.index, f.finding.fix]), [[0, "point it straight at https://example.com"]]);
  });

  it("rejects a legacy path whose target path is itself a legacy path", () => {
    const found = checkRedirectMap([
      { from: { host: "example.com", path: "/a" }, to: "https://example.com/b", statusCode: 301, preserveQueryString: true },
      { from: { host: "example.com", path: "/b" }, to: "https://app.example.com/c", statusCode: 301, preserveQueryString: true },
    ], served);
    assert.deepEqual(found.map((f) => f.index), [0]);
  });

  it("rejects a target host the stack does not serve", () => {
    assert.deepEqual(checkRedirectMap([host("www.example.com", "https://shop.example.com")], served).map((f) => f.finding.message), ["redirect target shop.example.com is not a hostname this stack serves"]);
  });
});

describe("rules/redirects: an observed redirect", () => {
  it("passes a single permanent hop to the expected URL", () => {
    assert.deepEqual(checkObservedRedirect("http://www.example.com/a?b=1", "https://example.com/a?b=1", { status: 301, location: "https://example.com/a?b=1" }, { status: 200 }), []);
  });

  it("fails a second hop", () => {
    const [f] = checkObservedRedirect("http://www.example.com/", "https://example.com/", { status: 301, location: "https://example.com/" }, { status: 301, location: "https://example.com/home" });
    assert.equal(f.message, "http://www.example.com/ needs more than one hop: https://example.com/ redirects again (301 to https://example.com/home)");
  });

  it("fails a redirect that loses the path or query", () => {
    const [f] = checkObservedRedirect("https://www.example.com/a?b=1", "https://example.com/a?b=1", { status: 301, location: "https://example.com/" }, { status: 200 });
    assert.equal(f.message, "https://www.example.com/a?b=1 redirects to https://example.com/, expected https://example.com/a?b=1");
  });

  it("fails a loop and a temporary redirect", () => {
    assert.equal(checkObservedRedirect("https://example.com/", "https://example.com/", { status: 301, location: "/" }, undefined)[0].message, "https://example.com/ redirects to itself (a loop)");
    assert.equal(checkObservedRedirect("http://example.com/", "https://example.com/", { status: 302, location: "https://example.com/" }, undefined)[0].message, "http://example.com/ answered 302, not 301/308");
  });
});
