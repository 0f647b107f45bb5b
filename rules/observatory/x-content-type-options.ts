/*
 * This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. If a copy of the MPL
 * was not distributed with this file, You can obtain one at https://mozilla.org/MPL/2.0/.
 * It follows mdn/mdn-http-observatory (MPL-2.0) closely enough to be a derived work of it; see README "Licence".
 */
/**
 * X-Content-Type-Options, as the Observatory grades it (src/analyzer/tests/x-content-type-options.js,
 * `xContentTypeOptionsTest`, lines 25-53, commit 94042bb): the first value of the field on the graded
 * response must be `nosniff`, trimmed and case-insensitive. A field sent twice arrives joined
 * ("nosniff, nosniff") and is invalid there, though browsers accept it.
 */
import { firstHeader, GradedTest, TestOutcome } from "./scan";
import type { ObservatoryResult } from "./score-table";

export const xContentTypeOptions: GradedTest = {
  name: "x-content-type-options",
  title: "X-Content-Type-Options",
  run(view): TestOutcome {
    const header = firstHeader(view.auto, "x-content-type-options");
    let result: ObservatoryResult = "x-content-type-options-not-implemented";
    if (header) result = header.slice(0, 256).trim().toLowerCase() === "nosniff" ? "x-content-type-options-nosniff" : "x-content-type-options-header-invalid";
    return { result, pass: result === "x-content-type-options-nosniff" };
  },
};
