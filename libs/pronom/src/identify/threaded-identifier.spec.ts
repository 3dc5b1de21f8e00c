import { join } from 'node:path';
import { REAL_SIGNATURES, realIdentifier } from '../testing/real-signatures';
import * as samples from '../testing/sample-files';
import { ThreadedIdentifier } from './threaded-identifier';

jest.setTimeout(60_000);

/** The worker thread's TypeScript source, loaded through the swc loader the test children use. */
const TS_WORKER = { file: join(__dirname, '..', '..', '..', '..', 'test', 'support', 'ts-child.bootstrap.js'), argv: [join(__dirname, 'identify-batch.worker.ts')] };

describe('ThreadedIdentifier', () => {
  it('identifies whole files on a worker thread exactly as on the main thread, over several batches (those it keeps up with)', async () => {
    const files: Array<[string, Buffer]> = [];
    // More files than one batch holds, and one larger than a batch's buffer.
    for (let i = 0; i < 600; i++) files.push([`f${i}.pdf`, samples.samplePdf('1.4')]);
    files.push(['image.png', samples.samplePng()], ['data.xml', samples.sampleXml()], ['note.txt', samples.sampleText('utf8')], ['letter.docx', samples.sampleDocx()]);
    files.push(['big.txt', Buffer.concat([Buffer.from('Registerutdrag\n'), Buffer.alloc(5 * 1024 * 1024, 'a')])]);
    const threaded = ThreadedIdentifier.start(REAL_SIGNATURES, TS_WORKER) as ThreadedIdentifier;
    for (const [name, data] of files) threaded.add(name, data);
    const found = await threaded.finish();
    const local = await realIdentifier();
    expect(found.signatures).toBe(local.versions.signatures);
    // A batch the thread was too far behind for is left out; the last one is always sent.
    expect(found.byName.size).toBeGreaterThan(0);
    for (const [name, id] of found.byName) {
      const data = new Map(files).get(name) as Buffer;
      expect(id).toEqual(await local.identifyBuffer(data, data, data.length, name));
    }
    expect(found.byName.has('big.txt')).toBe(true);
  });

  it('identifies every file of a batch it keeps up with, containers and signatures alike', async () => {
    const files: Array<[string, Buffer]> = [
      ['image.png', samples.samplePng()],
      ['letter.docx', samples.sampleDocx()],
      ['scan.pdf', samples.samplePdf('1.4')],
      ['note.txt', samples.sampleText('utf8')],
    ];
    const threaded = ThreadedIdentifier.start(REAL_SIGNATURES, TS_WORKER) as ThreadedIdentifier;
    for (const [name, data] of files) threaded.add(name, data);
    const found = await threaded.finish();
    expect(Object.fromEntries([...found.byName].map(([name, id]) => [name, id.puid]))).toEqual({ 'image.png': 'fmt/11', 'letter.docx': 'fmt/412', 'scan.pdf': 'fmt/18', 'note.txt': 'x-fmt/111' });
  });

  it('is not started where the compiled worker is missing, so the caller identifies later', () => {
    expect(ThreadedIdentifier.start(REAL_SIGNATURES, { file: join(__dirname, 'no-such.worker.js') })).toBeUndefined();
  });
});
