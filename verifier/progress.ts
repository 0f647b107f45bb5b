/** A progress bar on stderr while checks run, for a person at a terminal only (never with --json or in CI logs). */
import { SingleBar } from "cli-progress";
import type { Row } from "./check";

export interface Progress {
  settled(row: Row): void;
  stop(): void;
}

export const NO_PROGRESS: Progress = { settled: () => undefined, stop: () => undefined };

export function progressBar(total: number, stream: NodeJS.WriteStream): Progress {
  const bar = new SingleBar({
    stream,
    format: "verifying {bar} {value}/{total} checks | {last}",
    barsize: 30,
    hideCursor: true,
    clearOnComplete: true,
  });
  bar.start(total, 0, { last: "" });
  return {
    settled: (row) => bar.increment({ last: `${row.status === "fail" ? "✘" : "✔"} ${row.area} ${row.check}`.slice(0, 60) }),
    stop: () => bar.stop(),
  };
}
