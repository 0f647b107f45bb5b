/** The answer the rate-limit budget gives, in Chromium, a request it holds back: never the edge's. */

/** Marks the budget's answer (valued `rule <name>`). */
export const WITHHELD_HEADER = "x-launch-stack-verify-withheld";

export const WITHHELD_BODY = "withheld by launch-stack verify's rate-limit budget";
