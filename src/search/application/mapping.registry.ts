import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { xmlRoot, XmlRootResult } from '@samarkiv/records';
import { appConfig } from '../../platform/config/settings';
import { MappingDefinition } from '../domain/mapping';
import { loadMappings } from '../infrastructure/mapping.loader';
import { invalidMappingFile } from '../search.errors';
import { SearchTypes } from './information-types';

export interface Selection {
  mapping: MappingDefinition | null;
  /** Set when a mapping's format matched but the XML could not be read up to its root element. */
  notWellFormed?: string | null;
}

export interface CandidateFile {
  path: string;
  logicalPath: string;
  puid: string | null;
  mime: string | null;
}

/** The mappings in config/mappings/, checked against the information types once at start-up. */
@Injectable()
export class MappingRegistry {
  private readonly mappings: MappingDefinition[];

  constructor(@Inject(appConfig.KEY) app: ConfigType<typeof appConfig>, types: SearchTypes) {
    this.mappings = loadMappings(app.mappingsDir);
    const known = new Map(types.all().map((t) => [t.id, t]));
    for (const m of this.mappings) {
      const type = known.get(m.informationType);
      if (!type) throw invalidMappingFile(m.file, [`information type "${m.informationType}" is not configured`]);
      if (m.reader === 'csv') {
        const columns = (m.options.columns ?? {}) as Record<string, unknown>;
        const fields = new Set(type.fields.map((f) => f.name));
        const unknown = Object.keys(columns).filter((c) => !fields.has(c));
        if (Object.keys(columns).length === 0) throw invalidMappingFile(m.file, ['a csv mapping needs options.columns']);
        if (unknown.length) throw invalidMappingFile(m.file, [`options.columns names unknown field(s) ${unknown.join(', ')}`]);
      }
    }
  }

  all(): MappingDefinition[] {
    return this.mappings;
  }

  /**
   * The mapping for one file of a delivery: mappings of the type for this source system first, then
   * those for any system ("*"); the first whose format matches wins. Null: the file is not a record
   * source (e.g. an attachment).
   */
  async select(informationTypeId: string, sourceSystem: string, file: CandidateFile): Promise<Selection> {
    const ofType = this.mappings.filter((m) => m.informationType === informationTypeId);
    const ordered = [...ofType.filter((m) => m.sourceSystems.includes(sourceSystem)), ...ofType.filter((m) => m.sourceSystems.includes('*') && !m.sourceSystems.includes(sourceSystem))];
    const sniff = new FileSniffer(file.path);
    for (const m of ordered) if (await matches(m, file, sniff)) return { mapping: m };
    // An XML file meant for a mapping but unreadable is a broken record source, not an attachment.
    const root = sniff.rootIfRead();
    const broken = root && 'error' in root ? root.error : null;
    return { mapping: null, notWellFormed: broken };
  }
}

async function matches(m: MappingDefinition, file: CandidateFile, sniff: FileSniffer): Promise<boolean> {
  const { puids, mimeTypes, extensions, xmlRoot: root, jsonResourceType } = m.match;
  const ext = extname(file.logicalPath).toLowerCase();
  const hinted = puids.length || mimeTypes.length || extensions.length;
  const formatOk =
    !hinted ||
    (file.puid !== null && puids.includes(file.puid)) ||
    (file.mime !== null && mimeTypes.includes(file.mime)) ||
    extensions.some((e) => e.toLowerCase() === ext);
  if (!formatOk) return false;
  if (root) {
    const found = await sniff.xmlRoot();
    if (!found || 'error' in found || found.name !== root.name || (root.namespace !== undefined && found.ns !== root.namespace)) return false;
  }
  if (jsonResourceType && (await sniff.jsonResourceType()) !== jsonResourceType) return false;
  return true;
}

/** Looks into a file once per question (root element, FHIR resource type). */
class FileSniffer {
  private root?: Promise<XmlRootResult>;
  private settledRoot?: XmlRootResult;
  private resourceType?: Promise<string | null>;

  constructor(private readonly path: string) {}

  xmlRoot() {
    this.root ??= xmlRoot(this.path).then((r) => (this.settledRoot = r));
    return this.root;
  }

  /** The root element if some mapping asked for it. */
  rootIfRead(): XmlRootResult | undefined {
    return this.settledRoot;
  }

  jsonResourceType() {
    this.resourceType ??= (async () => {
      const fh = await open(this.path, 'r');
      try {
        const buf = Buffer.alloc(64 * 1024);
        const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
        const head = buf.toString('utf8', 0, bytesRead);
        if (!/^\s*\{/.test(head)) return null;
        // The top-level resourceType: FHIR JSON puts it first by convention; nested ones come later.
        return /^\s*\{\s*"resourceType"\s*:\s*"([A-Za-z]+)"/.exec(head)?.[1] ?? /"resourceType"\s*:\s*"([A-Za-z]+)"/.exec(head)?.[1] ?? null;
      } finally {
        await fh.close();
      }
    })();
    return this.resourceType;
  }
}
