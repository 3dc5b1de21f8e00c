import { existsSync } from 'node:fs';
import { Finding, Severity, ValidationResult } from '../model/finding';
import { validatePackage } from '../validate/package.validator';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

const USAGE = 'Usage: samarkiv validate <path> [--schemas <catalog.xml>] [--json]\n';

interface ParsedArgs {
  path: string;
  catalog?: string;
  json: boolean;
}

function parseArgs(argv: string[]): ParsedArgs | string {
  const args = argv[0] === 'validate' ? argv.slice(1) : argv;
  let path: string | undefined;
  let catalog: string | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') json = true;
    else if (a === '--schemas') {
      catalog = args[++i];
      if (!catalog) return '--schemas needs the path of an XML catalog';
    } else if (a.startsWith('--schemas=')) catalog = a.slice('--schemas='.length);
    else if (a.startsWith('-')) return `unknown option ${a}`;
    else if (path === undefined) path = a;
    else return `unexpected argument ${a}`;
  }
  if (!path) return 'missing <path>';
  return { path, catalog, json };
}

function report(result: ValidationResult): string {
  const lines = [`${result.valid ? 'VALID' : 'INVALID'}: ${result.kind}${result.version ? ` ${result.version}` : ''}`];
  const groups: Array<[Severity, string]> = [['error', 'Errors'], ['warning', 'Warnings'], ['info', 'Information']];
  for (const [severity, title] of groups) {
    const list = result.findings.filter((f: Finding) => f.severity === severity);
    if (list.length === 0) continue;
    lines.push('', `${title} (${list.length}):`);
    for (const f of list) lines.push(`  [${f.id}] ${f.message}${f.location ? `\n      at ${f.location}` : ''}`);
  }
  return lines.join('\n') + '\n';
}

/** `samarkiv validate`: exit 0 valid (warnings allowed), 1 invalid, 2 usage or I/O error. */
export async function runValidateCli(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv);
  if (typeof parsed === 'string') {
    io.stderr.write(`${parsed}\n${USAGE}`);
    return 2;
  }
  if (!existsSync(parsed.path)) {
    io.stderr.write(`No such file or folder: ${parsed.path}\n`);
    return 2;
  }
  if (parsed.catalog && !existsSync(parsed.catalog)) {
    io.stderr.write(`No such XML catalog: ${parsed.catalog}\n`);
    return 2;
  }
  let result: ValidationResult;
  try {
    result = await validatePackage(parsed.path, { catalog: parsed.catalog });
  } catch (err) {
    io.stderr.write(`Validation failed: ${(err as Error).message}\n`);
    return 2;
  }
  if (parsed.json) {
    const { valid, kind, version, findings } = result;
    io.stdout.write(JSON.stringify({ valid, kind, version, findings: findings.map(({ id, severity, message, location }) => ({ id, severity, message, location })) }) + '\n');
  } else {
    io.stdout.write(report(result));
  }
  return result.valid ? 0 : 1;
}
