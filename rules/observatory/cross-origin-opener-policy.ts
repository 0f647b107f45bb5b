/*
 * This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. If a copy of the MPL
 * was not distributed with this file, You can obtain one at https://mozilla.org/MPL/2.0/.
 * It follows mdn/mdn-http-observatory (MPL-2.0) closely enough to be a derived work of it; see README "Licence".
 */
/**
 * Cross-Origin-Opener-Policy, as the Observatory grades it (src/analyzer/tests/cross-origin-opener-policy.js,
 * `crossOriginOpenerPolicyTest`, lines 28-89, commit 94042bb, algorithm 6): one token; the isolating
 * values score, unsafe-none is neutral, anything else loses points.
 */
import { GradedTest, headerValues, TestOutcome } from "./scan";
import type { ObservatoryResult } from "./score-table";
import { structuredToken } from "./structured-token";

const BY_TOKEN: Record<string, ObservatoryResult> = {
  "same-origin": "coop-implemented-with-same-origin",
  "same-origin-allow-popups": "coop-implemented-with-same-origin-allow-popups",
  "noopener-allow-popups": "coop-implemented-with-noopener-allow-popups",
  "unsafe-none": "coop-implemented-with-unsafe-none",
};

export const crossOriginOpenerPolicy: GradedTest = {
  name: "cross-origin-opener-policy",
  title: "Cross Origin Opener Policy",
  run(view): TestOutcome {
    const values = headerValues(view.auto, "cross-origin-opener-policy");
    let result: ObservatoryResult = "coop-not-implemented";
    if (values.length > 1) result = "coop-header-invalid";
    else if (values[0]) result = BY_TOKEN[structuredToken(values[0].slice(0, 1024).trim()) ?? ""] ?? "coop-header-invalid";
    return { result, pass: result !== "coop-header-invalid" };
  },
};
