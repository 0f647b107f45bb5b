/*
 * This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. If a copy of the MPL
 * was not distributed with this file, You can obtain one at https://mozilla.org/MPL/2.0/.
 * It follows mdn/mdn-http-observatory (MPL-2.0) closely enough to be a derived work of it; see README "Licence".
 */
/**
 * Strict-Transport-Security, as the Observatory grades it (mdn/mdn-http-observatory
 * src/analyzer/tests/strict-transport-security.js, `strictTransportSecurityTest`, lines 38-106, commit
 * 94042bb): read on the last https response; a comma (the field sent twice) or no max-age is invalid;
 * under 15552000 s ("six months", line 31) loses points; a preloaded host overrides everything.
 */
import { GradedTest, headerValues, ScanView, TestOutcome } from "./scan";
import type { ObservatoryResult } from "./score-table";

const SIX_MONTHS = 15_552_000;

function decide(view: ScanView): ObservatoryResult {
  const response = view.https;
  let result: ObservatoryResult = "hsts-not-implemented";
  if (!response) result = "hsts-not-implemented-no-https";
  else if (!view.verified) result = "hsts-invalid-cert";
  else if (headerValues(response, "strict-transport-security").length > 0) {
    // Lines 51-84: the first value, cut to 1024 characters.
    const data = (headerValues(response, "strict-transport-security")[0] ?? "").slice(0, 1024);
    let maxAge: number | null = null;
    for (const parameter of data.split(";").map((p) => p.trim().toLowerCase())) {
      if (parameter.startsWith("max-age=")) maxAge = Number.parseInt(parameter.slice(8, 128), 10);
    }
    if (data.includes(",") || maxAge === null) result = "hsts-header-invalid";
    // NaN (max-age=abc) compares false, so it counts as six months or more, as there (lines 72-77).
    else result = maxAge < SIX_MONTHS ? "hsts-implemented-max-age-less-than-six-months" : "hsts-implemented-max-age-at-least-six-months";
  }
  // Lines 86-94: on the preload list, whatever the header says.
  if (response && view.preloaded(view.host)) result = "hsts-preloaded";
  return result;
}

export const strictTransportSecurity: GradedTest = {
  name: "strict-transport-security",
  title: "Strict Transport Security (HSTS)",
  run(view): TestOutcome {
    const result = decide(view);
    return { result, pass: result === "hsts-implemented-max-age-at-least-six-months" || result === "hsts-preloaded" };
  },
};
