import fsp from 'node:fs/promises';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FsStorageBackend } from '../fs-storage.backend';
import { OcflStore } from '../ocfl.store';
import { META } from './ocfl-store.suite';

/**
 * Child process for crash tests: `<root> <scenario> <killBeforeRename>`. With a rename number
 * the process SIGKILLs itself just before that rename of the commit; with -1 the parent kills it.
 */
async function main(): Promise<void> {
  const [root, scenario, killAt, id] = process.argv.slice(3);
  const src = join(root, '..', `src-${process.pid}`);
  mkdirSync(src, { recursive: true });
  const files = [];
  for (let i = 0; i < 300; i++) {
    const p = join(src, `f${i}.xml`);
    writeFileSync(p, `<record n="${i}" scenario="${scenario}"/>`);
    files.push({ logicalPath: `representations/rep1/data/f${i}.xml`, sourcePath: p });
  }
  const big = join(src, 'big.bin');
  writeFileSync(big, Buffer.alloc(32 * 1024 * 1024, scenario));
  files.push({ logicalPath: 'representations/rep1/data/big.bin', sourcePath: big });

  const store = await OcflStore.open(new FsStorageBackend(root));
  const limit = Number(killAt);
  let renames = 0;
  const rename = fsp.rename;
  fsp.rename = async (from, to) => {
    renames++;
    if (renames === limit) process.kill(process.pid, 'SIGKILL');
    return rename(from, to);
  };
  process.send?.('started');
  if (scenario === 'create') await store.createObject('region-a', id, files, META);
  else if (scenario === 'update') await store.addVersion('region-a', id, { add: files.slice(0, 50).map((f) => ({ ...f, logicalPath: `v2/${f.logicalPath}` })) }, META);
  else await store.purgeContent('region-a', id, ['representations/rep1/data/f1.xml'], META);
  process.send?.('done');
}

void main();
