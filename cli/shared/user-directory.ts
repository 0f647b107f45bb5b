import { resolve } from "node:path";

/**
 * The directory the user typed the command in. `npm run` starts a script in the package root, and records
 * where npm itself was started as INIT_CWD (@npmcli/config's set-envs), so a relative path the user typed
 * resolves against what they see in their prompt, not against the package root. Without a path, a command
 * works on the package root, as every npm script does.
 */
function userDirectory(env: NodeJS.ProcessEnv): string {
  return env.INIT_CWD || process.cwd();
}

/** `path` resolved the way the user meant it: relative to where they ran npm. */
export function fromUser(path: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(userDirectory(env), path);
}
