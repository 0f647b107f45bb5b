/**
 * One problem a check found in the parsed config: the key path a person edits and the fix. The config
 * checks (config/) and the model-backed cross-field checks (gate/) both return these; the loader
 * (gate/load.ts) prints each as `launch-stack:<path>: <message>`.
 */
export interface ConfigProblem {
  /** Key path below `launch-stack:`, e.g. `zones[0].edge.hsts.maxAge`. */
  path: string[];
  message: string;
}
