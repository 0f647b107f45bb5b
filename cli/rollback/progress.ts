/**
 * One line per step, with ✔ or ✖ and how long it took, so a rollback under pressure shows where it is and
 * which step to look at when it stops. Child processes (npm, pulumi) print between the start and end lines.
 */
export interface Progress {
  step<T>(label: string, action: () => Promise<T>): Promise<T>;
  note(message: string): void;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(1)}s`;
}

export function lineProgress(out: NodeJS.WritableStream): Progress {
  return {
    async step(label, action) {
      out.write(`▶ ${label}\n`);
      const started = performance.now();
      try {
        const result = await action();
        out.write(`✔ ${label} (${formatDuration(performance.now() - started)})\n`);
        return result;
      } catch (error) {
        out.write(`✖ ${label} (${formatDuration(performance.now() - started)})\n`);
        throw error;
      }
    },
    note(message) {
      out.write(`! ${message}\n`);
    },
  };
}
