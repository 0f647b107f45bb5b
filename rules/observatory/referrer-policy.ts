/*
 * This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. If a copy of the MPL
 * was not distributed with this file, You can obtain one at https://mozilla.org/MPL/2.0/.
 * It follows mdn/mdn-http-observatory (MPL-2.0) closely enough to be a derived work of it; see README "Licence".
 */
/**
 * Referrer-Policy, as the Observatory grades it (src/analyzer/tests/referrer-policy.js, `referrerPolicyTest`,
 * lines 28-93, commit 94042bb): the header's values and a `<meta name="referrer">` joined, the last known
 * policy in the list wins (as browsers read a list), private ones score, ones that leak paths lose points.
 */
import { GradedTest, headerValues, TestOutcome } from "./scan";
import type { ObservatoryResult } from "./score-table";

const PRIVATE = ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"];
const UNSAFE = ["origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"];
const KNOWN = new Set([...PRIVATE, ...UNSAFE]);

export const referrerPolicy: GradedTest = {
  name: "referrer-policy",
  title: "Referrer Policy",
  run(view): TestOutcome {
    if (!view.auto) return { result: "referrer-policy-not-implemented", pass: false };
    const values = [...headerValues(view.auto, "referrer-policy"), ...(view.httpEquiv.get("referrer-policy") ?? [])];
    if (values.length === 0) return { result: "referrer-policy-not-implemented", pass: true };
    const policy = values.join(", ").split(",").filter((e) => KNOWN.has(e.toLowerCase().trim())).reverse()[0]?.toLowerCase().trim() ?? "";
    const result: ObservatoryResult = PRIVATE.includes(policy) ? "referrer-policy-private" : UNSAFE.includes(policy) ? "referrer-policy-unsafe" : "referrer-policy-header-invalid";
    return { result, pass: result === "referrer-policy-private" };
  },
};
