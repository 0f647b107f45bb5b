#!/usr/bin/env node
"use strict";
// Stand-in for the Pulumi CLI, which cannot be installed on these machines. The rollback tests put it first
// on PATH as `pulumi`. It appends every invocation (argv and cwd) as a JSON line to $PULUMI_STAND_IN_LOG and
// answers `stack history --json` from $PULUMI_STAND_IN_HISTORY, paged like the real CLI (10 per page unless
// --page-size says otherwise). `preview` writes the update plan --save-plan names, then exits with
// $PULUMI_STAND_IN_PREVIEW_EXIT after $PULUMI_STAND_IN_PREVIEW_DELAY_MS; `up` refuses a --plan file that does
// not exist and otherwise deploys after $PULUMI_STAND_IN_UP_DELAY_MS, logging `{ deployed }`.
// Signals behave like the real CLI's: the first SIGINT or SIGTERM cancels gracefully (a moment later, exit
// 255, nothing deployed), a second one means "stop now". Each is logged as `{ signal, during }`.
const fs = require("node:fs");

const args = process.argv.slice(2);
const log = (entry) => fs.appendFileSync(process.env.PULUMI_STAND_IN_LOG, `${JSON.stringify(entry)}\n`);
const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);

let cancelling = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    log({ signal, during: args[0] });
    if (cancelling) process.exit(255);
    cancelling = true;
    process.stderr.write("error: update canceled\n");
    setTimeout(() => process.exit(255), 100);
  });
}
// Logged once the signal handlers are in place, so a test that waits for this line can signal at once.
log({ args, cwd: process.cwd() });

if (args[0] === "stack" && args[1] === "history" && args.includes("--json")) {
  const history = JSON.parse(fs.readFileSync(process.env.PULUMI_STAND_IN_HISTORY, "utf8"));
  const size = Number(flag("--page-size", "10"));
  const page = Number(flag("--page", "1"));
  process.stdout.write(`${JSON.stringify(history.slice((page - 1) * size, page * size), null, 4)}\n`);
} else if (args[0] === "preview") {
  process.stdout.write(`Previewing update (${flag("--stack")})\n\nResources:\n    ~ 2 to update\n    41 unchanged\n`);
  const exitCode = Number(process.env.PULUMI_STAND_IN_PREVIEW_EXIT ?? "0");
  setTimeout(() => {
    if (cancelling) return;
    if (exitCode === 0 && args.includes("--save-plan")) fs.writeFileSync(flag("--save-plan"), "{\"resourcePlans\":{}}\n");
    process.exit(exitCode);
  }, Number(process.env.PULUMI_STAND_IN_PREVIEW_DELAY_MS ?? "0"));
} else if (args[0] === "up") {
  if (args.includes("--plan") && !fs.existsSync(flag("--plan"))) {
    process.stderr.write(`error: failed to read plan file ${flag("--plan")}\n`);
    process.exit(255);
  }
  process.stdout.write(`Updating (${flag("--stack")})\n`);
  setTimeout(() => {
    if (cancelling) return;
    log({ deployed: flag("--stack") });
    process.stdout.write("\nResources:\n    ~ 2 updated\n    41 unchanged\n");
    process.exit(0);
  }, Number(process.env.PULUMI_STAND_IN_UP_DELAY_MS ?? "0"));
} else {
  process.stderr.write(`pulumi stand-in: unexpected command: ${args.join(" ")}\n`);
  process.exit(255);
}
