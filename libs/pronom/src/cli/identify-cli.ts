import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FormatIdentifier } from '../identify/format-identifier';
import { Identification } from '../identify/identification';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export const IDENTIFY_USAGE =
  'usage: samarkiv identify <file-or-folder>... [--signatures <file>] [--container-signatures <file>] [--cache-dir <dir>] [--json]\n';

interface CliArgs {
  paths: string[];
  signatures?: string;
  containerSignatures?: string;
  cacheDir?: string;
  json: boolean;
}

/** Exit codes: 0 every file identified (or reported as unknown), 2 usage or I/O error. */
export async function runIdentifyCli(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv[0] === 'identify' ? argv.slice(1) : argv);
  if (typeof args === 'string') {
    io.stderr.write(`${args}\n${IDENTIFY_USAGE}`);
    return 2;
  }
  let identifier: FormatIdentifier;
  try {
    identifier = await FormatIdentifier.create({
      signatureFile: args.signatures,
      containerSignatureFile: args.containerSignatures,
      cacheDir: args.cacheDir,
    });
  } catch (e) {
    io.stderr.write(`cannot load signatures: ${(e as Error).message}\n`);
    return 2;
  }
  let failed = false;
  for (const root of args.paths) {
    try {
      for await (const file of walk(root)) {
        try {
          io.stdout.write(format(await identifier.identifyFile(file), args.json));
        } catch (e) {
          failed = true;
          io.stderr.write(`${file}: ${(e as Error).message}\n`);
        }
      }
    } catch (e) {
      failed = true;
      io.stderr.write(`${root}: ${(e as Error).message}\n`);
    }
  }
  return failed ? 2 : 0;
}

function parseArgs(argv: string[]): CliArgs | string {
  const args: CliArgs = { paths: [], json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '--json') args.json = true;
      else if (a === '--signatures') args.signatures = value();
      else if (a === '--container-signatures') args.containerSignatures = value();
      else if (a === '--cache-dir') args.cacheDir = value();
      else if (a.startsWith('--')) return `unknown option ${a}`;
      else args.paths.push(a);
    } catch (e) {
      return (e as Error).message;
    }
  }
  return args.paths.length === 0 ? 'no file or folder given' : args;
}

/** Files under `path` in name order; symlinked folders are not followed, so loops cannot occur. */
async function* walk(path: string): AsyncGenerator<string> {
  const st = await lstat(path);
  if (!st.isDirectory()) {
    yield path;
    return;
  }
  const names = (await readdir(path)).sort();
  for (const name of names) {
    const child = join(path, name);
    const cst = await lstat(child);
    if (cst.isDirectory()) yield* walk(child);
    else if (cst.isFile()) yield child;
  }
}

function format(r: Identification, json: boolean): string {
  if (json) {
    const { path, puid, name, version, mime, basis, warnings } = r;
    return JSON.stringify({ path, puid, name, version, mime, basis, warnings }) + '\n';
  }
  const label = [r.name, r.version].filter((s) => s).join(' ');
  const warn = r.warnings.length ? `\t${r.warnings.join('; ')}` : '';
  return `${r.path}\t${r.puid ?? 'UNKNOWN'}\t${label}\t${r.basis}${warn}\n`;
}
