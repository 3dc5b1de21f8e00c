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

async function timeFileCommand(paths: string[]): Promise<number> {
  const run = promisify(execFile);
  const start = performance.now();
  for (let i = 0; i < paths.length; i += 1000) {
    await run('file', ['--mime-type', ...paths.slice(i, i + 1000)], { maxBuffer: 64 * MiB });
  }
  return paths.length / ((performance.now() - start) / 1000);
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
      let t = performance.now();
      await loadCompiled(SIGNATURES, 'signatures', compileSignatureFile, cacheDir);
      const cold = performance.now() - t;
      t = performance.now();
      await loadCompiled(SIGNATURES, 'signatures', compileSignatureFile, cacheDir);
      const cached = performance.now() - t;
      await loadCompiled(CONTAINERS, 'containers', compileContainerSignatureFile, cacheDir);

      const identifier = await FormatIdentifier.create({ signatureFile: SIGNATURES, containerSignatureFile: CONTAINERS, cacheDir });
      const folder = join(work, 'mixed');
      mkdirSync(folder);
      const paths = makeMixedFolder(folder);
      // One warm-up pass over a slice, so the figure is steady-state rather than JIT start-up.
      for (const p of paths.slice(0, 300)) await identifier.identifyFile(p);
      t = performance.now();
      let unidentified = 0;
      for (const p of paths) if ((await identifier.identifyFile(p)).puid === null) unidentified++;
      const filesPerSecond = paths.length / ((performance.now() - t) / 1000);
      const libmagic = await timeFileCommand(paths);

      const sparse = join(work, 'sparse.pdf');
      makeSparsePdf(sparse);
      const big = await identifier.identifyFile(sparse);
      rmSync(sparse);

      return [
        { name: 'pronom: compile V122 (cold, in-process)', value: cold, unit: 'ms', target: '≤ 2000 ms', pass: cold <= 2000 },
        { name: 'pronom: load compiled V122 from cache', value: cached, unit: 'ms', target: '≤ 100 ms', pass: cached <= 100 },
        {
          name: `pronom: identify ${paths.length} mixed small files (1 core, ${unidentified} unknown)`,
          value: filesPerSecond,
          unit: 'files/s',
          ceilingName: 'file --mime-type',
          ceiling: libmagic,
          target: '≥ 2000 files/s/core',
          pass: filesPerSecond >= 2000,
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
