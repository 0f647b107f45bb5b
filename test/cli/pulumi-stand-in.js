#!/usr/bin/env node
"use strict";
// Stand-in for the Pulumi CLI, which cannot be installed on these machines. The rollback tests put it first
// on PATH as `pulumi`. It appends every invocation (argv and cwd) as a JSON line to $PULUMI_STAND_IN_LOG and
// answers `stack history --json` from $PULUMI_STAND_IN_HISTORY, paged like the real CLI (10 per page unless
// --page-size says otherwise). `preview` exits with $PULUMI_STAND_IN_PREVIEW_EXIT after
// $PULUMI_STAND_IN_PREVIEW_DELAY_MS; `up` succeeds.
const fs = require("node:fs");

const args = process.argv.slice(2);
fs.appendFileSync(process.env.PULUMI_STAND_IN_LOG, `${JSON.stringify({ args, cwd: process.cwd() })}\n`);
const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);

if (args[0] === "stack" && args[1] === "history" && args.includes("--json")) {
  const history = JSON.parse(fs.readFileSync(process.env.PULUMI_STAND_IN_HISTORY, "utf8"));
  const size = Number(flag("--page-size", "10"));
  const page = Number(flag("--page", "1"));
  process.stdout.write(`${JSON.stringify(history.slice((page - 1) * size, page * size), null, 4)}\n`);
} else if (args[0] === "preview") {
  process.stdout.write(`Previewing update (${flag("--stack")})\n\nResources:\n    ~ 2 to update\n    41 unchanged\n`);
  const exitCode = Number(process.env.PULUMI_STAND_IN_PREVIEW_EXIT ?? "0");
  setTimeout(() => process.exit(exitCode), Number(process.env.PULUMI_STAND_IN_PREVIEW_DELAY_MS ?? "0"));
} else if (args[0] === "up") {
  process.stdout.write(`Updating (${flag("--stack")})\n\nResources:\n    ~ 2 updated\n    41 unchanged\n`);
} else {
  process.stderr.write(`pulumi stand-in: unexpected command: ${args.join(" ")}\n`);
  process.exit(255);
}
