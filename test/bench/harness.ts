/**
 * Every benchmark prints its figure next to the physical limit (or peer tool) it chases,
 * measured in the same run, plus the target named by its issue.
 */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  /** What the figure is compared with (e.g. "sha256sum", "read→hash→write+fsync"). */
  ceilingName?: string;
  ceiling?: number;
  /** Target as text, and whether it passed. */
  target?: string;
  pass?: boolean;
}

export interface Benchmark {
  name: string;
  run(): Promise<BenchFigure[]>;
}

export function ratio(f: BenchFigure): string {
  return f.ceiling ? (f.value / f.ceiling).toFixed(2) : '';
}

export function formatTable(figures: BenchFigure[]): string {
  const rows = [['figure', 'value', 'unit', 'ceiling/peer', 'ceiling', 'ratio', 'target', 'result']];
  for (const f of figures) {
    rows.push([
      f.name,
      fmt(f.value),
      f.unit,
      f.ceilingName ?? '',
      f.ceiling === undefined ? '' : fmt(f.ceiling),
      ratio(f),
      f.target ?? '',
      f.pass === undefined ? '' : f.pass ? 'pass' : 'FAIL',
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => '| ' + r.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  return [line(rows[0]), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...rows.slice(1).map(line)].join('\n');
}

function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toString() : n.toFixed(2);
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
