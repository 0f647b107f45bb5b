import { createInterface } from "node:readline";
import { Interrupted } from "../shared/interruption";

/**
 * Asks a yes/no question on a terminal; only "y" or "yes" deploys, anything else (including just Enter)
 * declines. Ctrl-C at the prompt is an interruption, not a "no", so the caller unwinds the same way as
 * during any other step.
 */
export function confirm(question: string, input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const prompt = createInterface({ input, output });
    let answered = false;
    prompt.on("SIGINT", () => {
      answered = true;
      prompt.close();
      reject(new Interrupted("SIGINT"));
    });
    prompt.on("close", () => {
      if (!answered) resolve(false);
    });
    prompt.question(`${question} [y/N] `, (answer) => {
      answered = true;
      prompt.close();
      resolve(/^(y|yes)$/i.test(answer.trim()));
    });
  });
}
