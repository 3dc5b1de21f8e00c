import { spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSip, SipBuildOptions } from '../../libs/information-package/src/writer';
import { Benchmark, BenchFigure } from './harness';

const SMALL_FILES = 10_000;
const SMALL_FILE_BYTES = 8 * 1024;
const LARGE_FILE_BYTES = 1024 ** 3;
/** Each figure is the best of this many rounds, ceiling and writer alternating, on a shared machine. */
const ROUNDS = 2;

/** SIP builder throughput: many small files (files/s) and one large file (MB/s) next to sha256sum + cp. */
export const benchmark: Benchmark = {
  name: 'package-writer',
  async run(): Promise<BenchFigure[]> {
    const work = mkdtempSync(join(tmpdir(), 'bench-package-writer-'));
    try {
      return [...(await smallFiles(work)), ...(await largeFile(work))];
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};

function options(work: string, name: string, source: string, overrides: Partial<SipBuildOptions> = {}): SipBuildOptions {
  const outputDir = join(work, `out-${name}`);
  mkdirSync(outputDir, { recursive: true });
  return {
    objid: `bench-${name}`,
    outputDir,
    representations: [{ name: 'rep1', sourceDir: source }],
    agents: { submittingAgent: { name: 'Benchmark', organisationNumber: '000000-0000' } },
    ...overrides,
  };
}

/** Flushes dirty pages first, so one measurement does not pay for the previous one's writeback. */
async function timed(fn: () => Promise<unknown>): Promise<number> {
  spawnSync('sync');
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function timedCommand(command: string, args: string[]): number {
  spawnSync('sync');
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`${command} failed`);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function smallFiles(work: string): Promise<BenchFigure[]> {
  const source = join(work, 'small');
  const buffer = Buffer.alloc(SMALL_FILE_BYTES);
  for (let i = 0; i < SMALL_FILES; i++) {
    const dir = join(source, `d${Math.floor(i / 1000)}`);
    if (i % 1000 === 0) mkdirSync(dir, { recursive: true });
    randomFillSync(buffer);
    writeFileSync(join(dir, `f${i}.bin`), buffer);
  }
  let folder = 0;
  let plain = 0;
  let zip = 0;
  let ceiling = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const copy = join(work, 'small-cp');
    const ceilingSeconds =
      timedCommand('sh', ['-c', `find "${source}" -type f -print0 | xargs -0 sha256sum > /dev/null`]) + timedCommand('cp', ['-r', source, copy]);
    ceiling = Math.max(ceiling, SMALL_FILES / ceilingSeconds);
    rmSync(copy, { recursive: true, force: true });
    plain = Math.max(plain, SMALL_FILES / (await timed(() => buildSip(options(work, `small-plain-${round}`, source, { durable: false })))));
    folder = Math.max(folder, SMALL_FILES / (await timed(() => buildSip(options(work, `small-folder-${round}`, source)))));
    zip = Math.max(zip, SMALL_FILES / (await timed(() => buildSip(options(work, `small-zip-${round}`, source, { format: 'zip' })))));
    rmSync(join(work, `out-small-plain-${round}`), { recursive: true, force: true });
    rmSync(join(work, `out-small-folder-${round}`), { recursive: true, force: true });
    rmSync(join(work, `out-small-zip-${round}`), { recursive: true, force: true });
  }
  return [
    { name: 'SIP build, 10,000 × 8 KiB, folder', value: plain, unit: 'files/s', ceilingName: 'sha256sum + cp -r', ceiling },
    { name: 'SIP build, 10,000 × 8 KiB, folder + syncfs', value: folder, unit: 'files/s', ceilingName: 'sha256sum + cp -r', ceiling },
    { name: 'SIP build, 10,000 × 8 KiB, ZIP + fsync', value: zip, unit: 'files/s', ceilingName: 'sha256sum + cp -r', ceiling },
  ];
}

async function largeFile(work: string): Promise<BenchFigure[]> {
  const source = join(work, 'large');
  mkdirSync(source);
  const file = join(source, 'large.bin');
  const chunk = Buffer.alloc(16 * 1024 * 1024);
  const fd = openSync(file, 'w');
  for (let written = 0; written < LARGE_FILE_BYTES; written += chunk.length) writeSync(fd, randomFillSync(chunk));
  closeSync(fd);
  const mb = LARGE_FILE_BYTES / 1e6;
  // Warm the page cache so the first measurement is not the only one reading from disk.
  timedCommand('cat', [file]);
  let ceiling = 0;
  let plain = 0;
  let durable = 0;
  let zip = 0;
  const run = async (name: string, overrides: Partial<SipBuildOptions>): Promise<number> => {
    const speed = mb / (await timed(() => buildSip(options(work, name, source, overrides))));
    rmSync(join(work, `out-${name}`), { recursive: true, force: true });
    return speed;
  };
  for (let round = 0; round < ROUNDS; round++) {
    const ceilingSeconds = timedCommand('sha256sum', [file]) + timedCommand('cp', [file, join(work, 'large-cp.bin')]);
    rmSync(join(work, 'large-cp.bin'));
    ceiling = Math.max(ceiling, mb / ceilingSeconds);
    plain = Math.max(plain, await run(`large-plain-${round}`, { durable: false }));
    durable = Math.max(durable, await run(`large-durable-${round}`, {}));
    zip = Math.max(zip, await run(`large-zip-${round}`, { format: 'zip', durable: false }));
  }
  return [
    { name: 'SIP build, one 1 GiB file, folder', value: plain, unit: 'MB/s', ceilingName: 'sha256sum + cp', ceiling, target: '≥ 0.8 × ceiling', pass: plain >= 0.8 * ceiling },
    { name: 'SIP build, one 1 GiB file, folder + syncfs', value: durable, unit: 'MB/s', ceilingName: 'sha256sum + cp', ceiling },
    { name: 'SIP build, one 1 GiB file, ZIP', value: zip, unit: 'MB/s', ceilingName: 'sha256sum + cp', ceiling },
  ];
}
