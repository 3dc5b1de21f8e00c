/** Commands print either human text or, with --json, exactly one JSON document on stdout. */
export interface Output {
  json: boolean;
}

export function print(out: Output, value: unknown, human: () => string): void {
  process.stdout.write((out.json ? JSON.stringify(value, null, 2) : human()) + '\n');
}

export function table(rows: string[][]): string {
  if (rows.length === 0) return '';
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}
