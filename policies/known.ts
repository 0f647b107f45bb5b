/**
 * Deciding from what a PR preview knows. The engine hands a policy `props` behind a proxy that throws on
 * any value still unknown (the id of a zone this update creates, an ARN); an uncaught throw silently
 * downgrades a mandatory policy to advisory. Policies read every value that may be computed (a zone id,
 * an ARN, a record's content) through `known`, which turns "unknown" into `undefined`, and decide from
 * the config-derived literals around it.
 */
// The analyzer's error class is exported at runtime but absent from the published typings.
const { UnknownValueError } = require("@pulumi/policy/proxy") as { UnknownValueError: new (...args: never[]) => Error };

/** The value `read` returns, or undefined when it is unknown during preview. */
export function known<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (e) {
    if (e instanceof UnknownValueError) return undefined;
    throw e;
  }
}
