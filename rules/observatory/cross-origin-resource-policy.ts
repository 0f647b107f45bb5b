/*
 * This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. If a copy of the MPL
 * was not distributed with this file, You can obtain one at https://mozilla.org/MPL/2.0/.
 * It follows mdn/mdn-http-observatory (MPL-2.0) closely enough to be a derived work of it; see README "Licence".
 */
/**
 * Cross-Origin-Resource-Policy, as the Observatory grades it (src/analyzer/tests/cross-origin-resource-policy.js,
 * `crossOriginResourcePolicyTest`, lines 29-105, commit 94042bb): the field's values joined (so a repeated
 * field is invalid, #562), compared whole; same-site and same-origin score.
 */
import { GradedTest, headerValues, TestOutcome } from "./scan";
import type { ObservatoryResult } from "./score-table";

const BY_VALUE: Record<string, ObservatoryResult> = {
  "same-site": "corp-implemented-with-same-site",
  "same-origin": "corp-implemented-with-same-origin",
  "cross-origin": "corp-implemented-with-cross-origin",
};

export const crossOriginResourcePolicy: GradedTest = {
  name: "cross-origin-resource-policy",
  title: "Cross Origin Resource Policy",
  run(view): TestOutcome {
    // The Observatory collects no <meta> for this field (parseHttpEquivHeaders keeps CSP and referrer only).
    const header = headerValues(view.auto, "cross-origin-resource-policy").join(", ");
    const value = header ? header.slice(0, 256).trim().toLowerCase() : "";
    const result: ObservatoryResult = value ? BY_VALUE[value] ?? "corp-header-invalid" : "corp-not-implemented";
    return { result, pass: result !== "corp-header-invalid" };
  },
};
