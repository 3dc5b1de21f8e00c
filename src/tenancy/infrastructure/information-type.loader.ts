import Ajv from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { DomainError, ErrorKind } from '../../platform/errors/domain.error';
import { InformationTypeDefinition } from '../domain/information-type';
import { TenancyErrorCode } from '../tenancy.errors';
import { INFORMATION_TYPE_SCHEMA } from './information-type.schema';

const ajv = new Ajv({ allErrors: true, useDefaults: true });
const validate = ajv.compile<InformationTypeDefinition>(INFORMATION_TYPE_SCHEMA);

const invalid = (file: string, problems: string[]) =>
  new DomainError(TenancyErrorCode.InvalidInformationTypeFile, ErrorKind.Invalid, `${file}: ${problems.join('; ')}`);

/** Parses and checks one file: the JSON schema, then references between its parts. */
export function parseInformationType(file: string, text: string): InformationTypeDefinition {
  let data: unknown;
  try {
    data = parse(text);
  } catch (err) {
    throw invalid(file, [`not valid YAML (${(err as Error).message.split('\n')[0]})`]);
  }
  if (!validate(data)) {
    throw invalid(file, (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`));
  }
  const def = data;
  const problems: string[] = [];
  const names = new Set<string>();
  for (const f of def.fields) {
    if (names.has(f.name)) problems.push(`field "${f.name}" is declared twice`);
    names.add(f.name);
  }
  const refs = [
    ...def.partyFields.map((n) => ['partyFields', n]),
    ...def.layout.sections.flatMap((s) => s.fields.map((n) => [`layout section "${s.id}"`, n])),
    ...def.searchRequires.flat().map((n) => ['searchRequires', n]),
    ...indexFields(def).map((n) => ['index', n]),
  ];
  for (const [where, name] of refs) if (!names.has(name)) problems.push(`${where} names unknown field "${name}"`);
  problems.push(...indexProblems(def));
  if (basename(file).replace(/\.ya?ml$/, '') !== def.id) problems.push(`file name must be ${def.id}.yaml`);
  if (problems.length > 0) throw invalid(file, problems);
  return def;
}

function indexFields(def: InformationTypeDefinition): string[] {
  const { date, unit, keys, number } = def.index;
  return [date, unit, number, ...keys].filter((n): n is string => n !== undefined);
}

const KEY_KINDS = new Set(['identifier', 'keyword', 'code', 'text']);

/** Typed index columns must fit their fields, and only indexed fields may be sortable. */
function indexProblems(def: InformationTypeDefinition): string[] {
  const problems: string[] = [];
  const byName = new Map(def.fields.map((f) => [f.name, f]));
  const check = (name: string | undefined, what: string, kinds: Set<string>) => {
    const f = name === undefined ? undefined : byName.get(name);
    if (!f) return;
    if (!kinds.has(f.kind)) problems.push(`index.${what} field "${f.name}" must be of kind ${[...kinds].join(' or ')}`);
    if (f.multiple) problems.push(`index.${what} field "${f.name}" cannot be multiple`);
  };
  check(def.index.date, 'date', new Set(['date', 'datetime']));
  check(def.index.number, 'number', new Set(['number', 'amount']));
  check(def.index.unit, 'unit', KEY_KINDS);
  for (const k of def.index.keys) check(k, 'keys', KEY_KINDS);
  const indexed = new Set(indexFields(def));
  for (const f of def.fields) if (f.sortable && !indexed.has(f.name)) problems.push(`sortable field "${f.name}" must be in index (date, unit, keys or number)`);
  return problems;
}

/** Loads every *.yaml in the directory; the first bad file stops start-up with its problems. */
export function loadInformationTypes(dir: string): InformationTypeDefinition[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch {
    throw invalid(dir, ['directory not readable (set INFORMATION_TYPES_DIR)']);
  }
  return files.map((f) => parseInformationType(f, readFileSync(join(dir, f), 'utf8')));
}
