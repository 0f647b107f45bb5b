import { strict as assert } from "node:assert";
import type { IncomingHttpHeaders } from "node:http";
import { nodeHeaders } from "../../verifier/observatory-scan";

describe("responses as the Observatory's HTTP client presents them", () => {
  it("joins a repeated field with a comma, as Node does under axios", () => {
    assert.deepEqual(nodeHeaders({ "x-frame-options": ["DENY", "DENY"] }), { "x-frame-options": "DENY, DENY" });
  });

  // verifier/http.ts keeps every repeat apart, Content-Type included, whatever Node's own types say.
  it("keeps the first of a repeated Content-Type, as Node does", () => {
    assert.deepEqual(nodeHeaders({ "content-type": ["text/html", "application/json"] } as unknown as IncomingHttpHeaders), { "content-type": "text/html" });
  });

  it("keeps Set-Cookie a list, one cookie per entry", () => {
    assert.deepEqual(nodeHeaders({ "set-cookie": ["a=1", "b=2"], "x-content-type-options": "nosniff" }), { "set-cookie": ["a=1", "b=2"], "x-content-type-options": "nosniff" });
  });
});
