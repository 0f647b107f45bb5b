/*
 * This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. If a copy of the MPL
 * was not distributed with this file, You can obtain one at https://mozilla.org/MPL/2.0/.
 * It follows mdn/mdn-http-observatory (MPL-2.0) closely enough to be a derived work of it; see README "Licence".
 */
/**
 * Cross-Origin-Embedder-Policy, as the Observatory grades it (src/analyzer/tests/cross-origin-embedder-policy.js,
 * `crossOriginEmbedderPolicyTest`, lines 27-82, commit 94042bb, algorithm 6): one token; require-corp and
 * credentialless score, unsafe-none is neutral, anything else loses points.
 */
import { GradedTest, headerValues, TestOutcome } from "./scan";
import type { ObservatoryResult } from "./score-table";
import { structuredToken } from "./structured-token";

const BY_TOKEN: Record<string, ObservatoryResult> = {
  "require-corp": "coep-implemented-with-require-corp",
  credentialless: "coep-implemented-with-credentialless",
  "unsafe-none": "coep-implemented-with-unsafe-none",
};

export const crossOriginEmbedderPolicy: GradedTest = {
  name: "cross-origin-embedder-policy",
  title: "Cross Origin Embedder Policy",
  run(view): TestOutcome {
    const values = headerValues(view.auto, "cross-origin-embedder-policy");
    let result: ObservatoryResult = "coep-not-implemented";
    if (values.length > 1) result = "coep-header-invalid";
    else if (values[0]) result = BY_TOKEN[structuredToken(values[0].slice(0, 1024).trim()) ?? ""] ?? "coep-header-invalid";
    return { result, pass: result !== "coep-header-invalid" };
  },
};
