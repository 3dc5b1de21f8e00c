import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, totalmem } from 'node:os';
import { Benchmark, BenchFigure, formatTable } from './harness';
import { repoRoot } from '../support/shared-dir';

/** Runs every `*.bench.js` beside this file (or those named on the command line) and prints one table. */
async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.js'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  const all: BenchFigure[] = [];
  for (const file of files) {
    const mod = (await import(join(__dirname, file))) as { benchmark: Benchmark };
    process.stderr.write(`running ${mod.benchmark.name} …\n`);
    const figures = await mod.benchmark.run();
    all.push(...figures);
    process.stderr.write(formatTable(figures) + '\n');
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  console.log(`\nmachine: ${machine}\n`);
  console.log(formatTable(all));
  const outDir = join(repoRoot(), 'bench-results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), JSON.stringify({ machine, figures: all }, null, 2));
  if (all.some((f) => f.pass === false)) process.exitCode = 1;
}

void main();
