import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readXmlTree } from '@samarkiv/records';
import { renderRecordHtml } from '../../src/search/domain/render/record.renderer';
import { PATIENT_TYPE, testRecord } from '../../src/search/domain/render/render.test-helper';
import { Benchmark, BenchFigure, percentile } from './harness';
import { SHARED_DIR } from '../support/shared-dir';

const CCDA_DIR = join(SHARED_DIR, 'samples/ehr/ccda');
const ROUNDS = 5;
const MiB = 1024 * 1024;

/** CPU milliseconds of one call (the per-core cost holds on a shared machine). */
function cpuMs(fn: () => unknown): number {
  const cpu0 = process.cpuUsage();
  fn();
  const cpu = process.cpuUsage(cpu0);
  return (cpu.user + cpu.system) / 1000;
}

/**
 * Rendering the record view from real C-CDA exports (shared/samples/ehr/ccda), next to its
 * ceiling: parsing the same bytes into the tree the renderer walks (rendering cannot beat it).
 */
export const benchmark: Benchmark = {
  name: 'record rendering',
  async run(): Promise<BenchFigure[]> {
    const docs = readdirSync(CCDA_DIR, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.xml$/i.test(e.name))
      .map((e) => readFileSync(join(e.parentPath, e.name)));
    const bytes = docs.reduce((n, d) => n + d.length, 0) * ROUNDS;
    const record = testRecord();
    const render = (d: Buffer) => renderRecordHtml({ type: PATIENT_TYPE, record, original: d, locale: 'sv' });
    for (const d of docs) render(d);
    let parseMs = 0;
    for (let r = 0; r < ROUNDS; r++) for (const d of docs) parseMs += cpuMs(() => readXmlTree(d));
    const perDoc: number[] = [];
    for (let r = 0; r < ROUNDS; r++) for (const d of docs) perDoc.push(cpuMs(() => render(d)));
    const renderMs = perDoc.reduce((a, b) => a + b, 0);
    const p95 = percentile([...perDoc].sort((a, b) => a - b), 95);
    return [
      { name: 'C-CDA rendered (per core)', value: bytes / MiB / (renderMs / 1000), unit: 'MiB/s', ceilingName: 'parse only', ceiling: bytes / MiB / (parseMs / 1000) },
      { name: 'C-CDA page, p95 CPU', value: p95, unit: 'ms', target: '< 100 ms per document', pass: p95 < 100 },
    ];
  },
};
