import { strict as assert } from "node:assert";
import { canonicalPath, pathKey, prefixCovers, prefixesOverlap } from "../../rules/paths";
import { coversPath } from "../../rules/expression";

describe("rules/paths", () => {
  it("decodes percent-encoded unreserved characters and upper-cases the other encodings, as Cloudflare's RFC 3986 normalization does", () => {
    assert.equal(canonicalPath("/%68ello/%7euser/a%2fb"), "/hello/~user/a%2Fb");
  });

  it("removes dot segments (RFC 3986 §5.2.4)", () => {
    assert.equal(canonicalPath("/assets/../api/./v1"), "/api/v1");
    assert.equal(canonicalPath("/a/b/.."), "/a/");
  });

  it("merges doubled slashes and turns backslashes into slashes, as Cloudflare normalization does", () => {
    assert.equal(canonicalPath("//account\\\\settings"), "/account/settings");
  });

  it("keeps the case in the canonical path and drops it in the comparison key", () => {
    assert.equal(canonicalPath("/Dashboard"), "/Dashboard");
    assert.equal(pathKey("/Dashboard"), "/dashboard");
  });

  it("treats a prefix as covering every spelling of a path under it", () => {
    assert.equal(prefixCovers("/api/", "/%41PI//v1/../orders"), true);
    assert.equal(prefixCovers("/api/", "/apis"), false);
  });

  it("finds overlap in both directions", () => {
    assert.equal(prefixesOverlap("/", "/account"), true);
    assert.equal(prefixesOverlap("/account/exports/", "/account"), true);
    assert.equal(prefixesOverlap("/assets/", "/account"), false);
  });

  it("is what coversPath compares rule literals with", () => {
    assert.equal(coversPath('starts_with(lower(http.request.uri.path), "/dashboard")', "/%64ashboard/x"), true);
  });
});
