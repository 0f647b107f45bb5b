/**
 * The layer order, enforced by dependency-cruiser (test/layers.test.ts runs it over the repo):
 *
 *   rules < config < model < gate < components, policies, verifier, offline < cli
 *
 * rules/ holds the pure checks and facts (no Pulumi); config/ the schema, its types and the checks that read
 * config alone; model/ what will be declared, derived from parsed config; gate/ the cross-field checks that
 * need the model and the loader that runs them all; then the program's components, the policy pack, the
 * live verifier and the offline engine; cli/ on top. A module imports only its own layer and the ones below.
 * index.ts (the program), test/ and bench/ sit above everything, so nothing in the layers imports them.
 */
const TIERS = [["rules"], ["config"], ["model"], ["gate"], ["components", "policies", "verifier", "offline"], ["cli"]];
const ABOVE_ALL = ["index\\.ts$", "test/", "bench/"];

const layerRules = TIERS.flatMap((tier, i) => {
  const higher = TIERS.slice(i + 1).flat().map((folder) => `${folder}/`);
  return tier.map((folder) => ({
    name: `${folder}-imports-no-higher-layer`,
    comment: `${folder}/ may import only ${TIERS.slice(0, i + 1).flat().join(", ")}; move the shared piece down a layer instead`,
    severity: "error",
    from: { path: `^${folder}/` },
    to: { path: `^(${[...higher, ...ABOVE_ALL].join("|")})` },
  }));
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: "rules-import-no-pulumi",
      comment: "rules/ is plain functions over plain data, shared by the program, the pack and the verifier; no Pulumi SDK",
      severity: "error",
      from: { path: "^rules/" },
      to: { path: "@pulumi/" },
    },
  ],
  options: {
    // Type-only imports count: a layer that needs a type from above is as tangled as one that calls it.
    tsPreCompilationDeps: true,
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|policies/dist)/" },
    enhancedResolveOptions: { extensions: [".ts", ".js", ".json"] },
  },
};
