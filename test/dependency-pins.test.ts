import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "./support/harness";

/**
 * Every dependency is pinned to one exact version, the one the lockfile installs (BRIEF: "Pin exact
 * versions that install on Node 20"): a caret range lets a fresh `npm install` move a library under the
 * tests, and a pin that differs from the lockfile makes `npm ci` refuse to install.
 */
const readJson = (path: string) => JSON.parse(readFileSync(join(REPO, path), "utf8"));
const lock = readJson("package-lock.json") as { packages: Record<string, { version?: string }> };
const EXACT = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

describe("dependency pins", () => {
  for (const manifest of ["package.json", "policies/package.json"]) {
    const pkg = readJson(manifest) as Record<string, Record<string, string> | undefined>;
    const deps = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies });

    it(`${manifest} pins every dependency to one exact version`, () => {
      assert.deepEqual(deps.filter(([, range]) => !EXACT.test(range)).map(([name, range]) => `${name}@${range}`), []);
    });

    it(`${manifest} pins the versions the lockfile installs`, () => {
      const installed = (name: string) => lock.packages[`node_modules/${name}`]?.version;
      assert.deepEqual(deps.filter(([name, version]) => installed(name) !== version).map(([name, version]) => `${name}: ${version} pinned, ${installed(name)} locked`), []);
    });
  }
});
