import { execFile } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FormatIdentifier, compileContainerSignatureFile, compileSignatureFile, loadCompiled } from '@samarkiv/pronom';
import * as samples from '../../libs/pronom/src/testing/sample-files';
import { Benchmark, BenchFigure } from './harness';
import { SHARED_DIR } from '../support/shared-dir';

const SIGNATURES = join(SHARED_DIR, 'pronom', 'DROID_SignatureFile_V122.xml');
const CONTAINERS = join(SHARED_DIR, 'pronom', 'container-signature-20260119.xml');
const FILES = 6000;
const MiB = 1024 * 1024;

/** A mixed folder: every accepted format plus office, archive, unknown binary and text variants. */
function makeMixedFolder(dir: string): string[] {
  const makers: [string, () => Buffer][] = [
    ['pdf', () => samples.samplePdf('1.4')],
    ['pdf', () => samples.samplePdf('1.7', { part: 2, conformance: 'B' })],
    ['tif', samples.sampleTiff],
    ['jpg', () => samples.sampleJpeg('jfif')],
    ['jpg', () => samples.sampleJpeg('exif')],
    ['png', samples.samplePng],
    ['xml', samples.sampleXml],
    ['txt', () => samples.sampleText('utf8')],
    ['csv', samples.sampleCsv],
    ['zip', () => samples.sampleZip()],
    ['docx', samples.sampleDocx],
    ['odt', () => samples.sampleOdt('1.2')],
    ['doc', samples.sampleDoc],
    ['bin', () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24))],
    ['html', () => Buffer.from('<!DOCTYPE html>\n<html><head><title>t</title></head><body>' + 'p '.repeat(1500) + '</body></html>\n')],
  ];
  const templates = makers.map(([ext, make]) => [ext, make()] as const);
  const paths: string[] = [];
  for (let i = 0; i < FILES; i++) {
    const [ext, bytes] = templates[i % templates.length];
    const path = join(dir, `f${String(i).padStart(5, '0')}.${ext}`);
    writeFileSync(path, bytes);
    paths.push(path);
  }
  return paths;
}

/** libmagic's files per CPU-second (user + system, as bash's `time` reports for the child). */
async function fileCommandRate(paths: string[]): Promise<{ cpu: number; wall: number }> {
  const run = promisify(execFile);
  let cpuSeconds = 0;
  const start = performance.now();
  for (let i = 0; i < paths.length; i += 1000) {
    const { stderr } = await run('bash', ['-c', 'TIMEFORMAT="%U %S"; time file --mime-type "$@" >/dev/null', 'bash', ...paths.slice(i, i + 1000)], {
      maxBuffer: 64 * MiB,
    });
    const [user, sys] = stderr.trim().split(/\s+/).slice(-2).map(Number);
    cpuSeconds += user + sys;
  }
  return { cpu: paths.length / cpuSeconds, wall: paths.length / ((performance.now() - start) / 1000) };
}

/** A cache load is what a starting process pays, so it is timed in a new Node process. */
async function cacheLoadInFreshProcess(cacheDir: string): Promise<{ cpu: number; wall: number }> {
  const lib = join(__dirname, '..', '..', 'libs', 'pronom', 'src', 'index.js');
  const script = `
    const { loadCompiled, compileSignatureFile } = require(${JSON.stringify(lib)});
    const wall0 = performance.now();
    const cpu0 = process.cpuUsage();
    loadCompiled(${JSON.stringify(SIGNATURES)}, 'signatures', compileSignatureFile, ${JSON.stringify(cacheDir)}).then((r) => {
      const cpu = process.cpuUsage(cpu0);
      if (!r.fromCache) throw new Error('expected a cache hit');
      console.log(JSON.stringify({ cpu: (cpu.user + cpu.system) / 1000, wall: performance.now() - wall0 }));
    });`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script]);
  return JSON.parse(stdout) as { cpu: number; wall: number };
}

function makeSparsePdf(path: string): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, Buffer.from('%PDF-1.4\n'), 0, undefined, 0);
    ftruncateSync(fd, 2048 * MiB);
    const tail = Buffer.from('startxref\n0\n%%EOF\n');
    writeSync(fd, tail, 0, tail.length, 2048 * MiB - tail.length);
  } finally {
    closeSync(fd);
  }
}

export const benchmark: Benchmark = {
  name: 'pronom',
  async run(): Promise<BenchFigure[]> {
    const work = mkdtempSync(join(tmpdir(), 'samarkiv-pronom-bench-'));
    try {
      const cacheDir = join(work, 'cache');
      // CPU time is the cost on one core; wall time on a shared machine adds others' load.
      const measure = async (fn: () => Promise<unknown>) => {
        const wall0 = performance.now();
        const cpu0 = process.cpuUsage();
        await fn();
        const cpu = process.cpuUsage(cpu0);
        return { cpu: (cpu.user + cpu.system) / 1000, wall: performance.now() - wall0 };
      };
      const cold = await measure(() => loadCompiled(SIGNATURES, 'signatures', compileSignatureFile, cacheDir));
      const cached = await cacheLoadInFreshProcess(cacheDir);
      await loadCompiled(CONTAINERS, 'containers', compileContainerSignatureFile, cacheDir);

      const identifier = await FormatIdentifier.create({ signatureFile: SIGNATURES, containerSignatureFile: CONTAINERS, cacheDir });
      const folder = join(work, 'mixed');
      mkdirSync(folder);
      const paths = makeMixedFolder(folder);
      // One warm-up pass over a slice, so the figure is steady-state rather than JIT start-up.
      for (const p of paths.slice(0, 300)) await identifier.identifyFile(p);
      // CPU time, so the per-core figure holds on a shared machine; wall time is shown beside it.
      const t = performance.now();
      const cpu0 = process.cpuUsage();
      let unidentified = 0;
      for (const p of paths) if ((await identifier.identifyFile(p)).puid === null) unidentified++;
      const cpu = process.cpuUsage(cpu0);
      const filesPerCpuSecond = paths.length / ((cpu.user + cpu.system) / 1e6);
      const filesPerWallSecond = paths.length / ((performance.now() - t) / 1000);
      const libmagic = await fileCommandRate(paths);

      const sparse = join(work, 'sparse.pdf');
      makeSparsePdf(sparse);
      const big = await identifier.identifyFile(sparse);
      rmSync(sparse);

      return [
        { name: 'pronom: compile V122, cold process (CPU time)', value: cold.cpu, unit: 'ms', target: '≤ 2000 ms', pass: cold.cpu <= 2000 },
        { name: 'pronom: compile V122, cold process (wall clock)', value: cold.wall, unit: 'ms' },
        { name: 'pronom: load compiled V122 from cache, new process (CPU time)', value: cached.cpu, unit: 'ms', target: '≤ 100 ms', pass: cached.cpu <= 100 },
        { name: 'pronom: load compiled V122 from cache, new process (wall clock)', value: cached.wall, unit: 'ms' },
        {
          name: `pronom: identify ${paths.length} mixed small files, per core (CPU time; ${unidentified} unknown)`,
          value: filesPerCpuSecond,
          unit: 'files/s',
          ceilingName: 'file --mime-type',
          ceiling: libmagic.cpu,
          target: '≥ 2000 files/s/core',
          pass: filesPerCpuSecond >= 2000,
        },
        {
          name: 'pronom: same run, wall clock (one process)',
          value: filesPerWallSecond,
          unit: 'files/s',
          ceilingName: 'file --mime-type',
          ceiling: libmagic.wall,
        },
        {
          name: `pronom: bytes read for a 2 GiB sparse PDF (${big.puid})`,
          value: big.bytesRead,
          unit: 'bytes',
          target: '≤ 1048576',
          pass: big.bytesRead <= MiB && big.puid === 'fmt/18',
        },
      ];
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};
