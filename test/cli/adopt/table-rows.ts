/**
 * The rows of the box tables a report prints (cli-table3's default borders), each cell's wrapped lines
 * joined by a space: what a person reads, whatever the terminal width the table was wrapped to.
 */
export function tableRows(text: string): string[][] {
  const rows: string[][] = [];
  let current: string[][] | undefined;
  for (const line of text.split("\n")) {
    if (line.startsWith("│")) {
      const cells = line.split("│").slice(1, -1).map((c) => c.trim());
      current ??= cells.map(() => []);
      cells.forEach((c, i) => { if (c) current![i].push(c); });
    } else if (current) {
      rows.push(current.map((parts) => parts.join(" ")));
      current = undefined;
    }
  }
  return rows;
}
