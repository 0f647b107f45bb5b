import { strict as assert } from "node:assert";
import { sortHostnames } from "../../rules/hostnames";

describe("rules: hostnames as a set", () => {
  it("sorts by labels from the right: each domain's apex first, then its subdomains alphabetically, domain by domain", () => {
    assert.deepEqual(sortHostnames(["www.example.net", "status.example.com", "app.example.com", "example.net", "a.b.example.com", "example.com", "admin.example.com"]),
      ["example.com", "admin.example.com", "app.example.com", "a.b.example.com", "status.example.com", "example.net", "www.example.net"]);
  });
});
