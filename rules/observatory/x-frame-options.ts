/*
 * This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. If a copy of the MPL
 * was not distributed with this file, You can obtain one at https://mozilla.org/MPL/2.0/.
 * It follows mdn/mdn-http-observatory (MPL-2.0) closely enough to be a derived work of it; see README "Licence".
 */
/**
 * X-Frame-Options, as the Observatory grades it (src/analyzer/tests/x-frame-options.js, `xFrameOptionsTest`,
 * lines 29-75, commit 94042bb): DENY or SAMEORIGIN, ALLOW-FROM (no points), anything else invalid; a CSP
 * frame-ancestors directive replaces it whatever it says (lines 57-61).
 */
import { contentSecurityPolicyData } from "./content-security-policy";
import { firstHeader, GradedTest, TestOutcome } from "./scan";
import type { ObservatoryResult } from "./score-table";

export const xFrameOptions: GradedTest = {
  name: "x-frame-options",
  title: "X-Frame-Options",
  run(view): TestOutcome {
    if (!view.auto) return { result: "x-frame-options-not-implemented", pass: false };
    const header = firstHeader(view.auto, "x-frame-options");
    let result: ObservatoryResult = "x-frame-options-not-implemented";
    if (header) {
      const xfo = header.slice(0, 1024).trim().toLowerCase();
      if (xfo === "deny" || xfo === "sameorigin") result = "x-frame-options-sameorigin-or-deny";
      else if (xfo.startsWith("allow-from")) result = "x-frame-options-allow-from-origin";
      else result = "x-frame-options-header-invalid";
    }
    if (contentSecurityPolicyData(view)?.has("frame-ancestors")) result = "x-frame-options-implemented-via-csp";
    const pass = result === "x-frame-options-sameorigin-or-deny" || result === "x-frame-options-allow-from-origin" || result === "x-frame-options-implemented-via-csp";
    return { result, pass };
  },
};
