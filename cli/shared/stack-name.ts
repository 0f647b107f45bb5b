import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { UserError } from "./user-error";

/**
 * A stack as the Pulumi CLI accepts it: `stack`, `org/stack` or `org/project/stack`. The full form is what
 * `pulumi --stack` is given; every file belongs to the last segment, the stack's own name, as the CLI's do:
 * `pulumi stack init acme/launch-stack/prod` writes `Pulumi.prod.yaml`, and the program's `getStack()` is
 * `prod`. So `Pulumi.<name>.yaml`, `policies/config/<name>.json` and the offline plan all use `name`.
 */
export interface StackName {
  /** As typed, for `pulumi --stack`. */
  readonly full: string;
  /** The last segment: the stack's own name. */
  readonly name: string;
  readonly project?: string;
}

/** Letters, digits, `-`, `_` and `.` (Pulumi's stack name characters), never a leading dot: it names a file. */
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;
/** Pulumi's limit on a stack name. */
const MAX_NAME = 100;

/** Parses `--stack`, or refuses it in one line with the reason. */
export function parseStackName(input: string, flag = "--stack"): StackName {
  const shown = `${flag} ${JSON.stringify(input)}`;
  const segments = input.split("/");
  if (segments.length > 3 || segments.some((s) => s === "")) {
    throw new UserError(`${shown} is not a stack name: use stack, org/stack or org/project/stack, e.g. prod or acme/prod`);
  }
  const bad = segments.find((s) => !SEGMENT.test(s));
  if (bad !== undefined) {
    throw new UserError(`${shown} is not a stack name: ${JSON.stringify(bad)} may hold only letters, digits, -, _ and . and must not start with .`);
  }
  const name = segments[segments.length - 1];
  if (name.length > MAX_NAME) throw new UserError(`${shown} is not a stack name: Pulumi allows at most ${MAX_NAME} characters`);
  return { full: input, name, ...(segments.length === 3 ? { project: segments[1] } : {}) };
}

/**
 * Refuses an `org/project/stack` whose project is not the one in `projectDir`'s Pulumi.yaml: Pulumi would
 * address another project's stack, and nothing in this checkout describes it.
 */
export function checkProject(stack: StackName, projectDir: string): void {
  if (stack.project === undefined) return;
  const file = join(projectDir, "Pulumi.yaml");
  const project = existsSync(file) ? (parse(readFileSync(file, "utf8")) as { name?: unknown } | null)?.name : undefined;
  if (typeof project === "string" && project !== stack.project) {
    throw new UserError(`--stack ${stack.full} names project ${stack.project}, but ${file} is project ${project}; use ${project}/${stack.name} or just ${stack.name}`);
  }
}
