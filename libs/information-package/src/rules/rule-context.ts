import { FindingSink, Severity } from '../model/finding';
import { Inventory, PackageListing } from '../reader/folder.walker';
import { MetsDocument } from '../xml/mets.model';
import { EarkVersion, severityFor } from './requirement-catalog';

export interface Locatable {
  line: number;
  xpath?: string;
}

/** What every rule sees: the package on disk, the profile version and a way to report. */
export class RuleContext {
  readonly references: FileReference[] = [];
  /** Every package-relative path some METS refers to (for the unreferenced-file check). */
  readonly referenced = new Set<string>();

  readonly inventory: Inventory;

  constructor(
    readonly sink: FindingSink,
    readonly rootDir: string,
    readonly rootName: string,
    readonly listing: PackageListing,
    readonly version: EarkVersion,
  ) {
    this.inventory = listing.files;
  }

  /** Reports a requirement with the severity its profile gives, unless the text itself says otherwise. */
  report(id: string, location: string, message: string, severity?: Severity): void {
    this.sink.add({ id, severity: severity ?? severityFor(id, this.version), location, message });
  }

  exists = (path: string): boolean => this.inventory.has(path) || this.listing.dirs.has(path);

  at(doc: MetsDocument | string, el?: Locatable, xpath?: string): string {
    const file = typeof doc === 'string' ? doc : doc.file;
    if (!el) return file;
    const path = xpath ?? el.xpath;
    return `${file}${path ? ` ${path}` : ''} (line ${el.line})`;
  }
}

/** A METS document in its role: the package METS or one representation METS. */
export interface MetsScope {
  doc: MetsDocument;
  isRoot: boolean;
  /** Folder of this METS relative to the package root ("" for the root METS). */
  baseDir: string;
}

export interface MetsRule {
  name: string;
  check(scope: MetsScope, ctx: RuleContext): void;
}

/** A file the METS points at, checked for existence, size and checksum in one read pass. */
export interface FileReference {
  /** Path relative to the package root, already resolved. */
  path: string;
  size?: string;
  checksum?: string;
  checksumType?: string;
  /** The METS that declares the reference. */
  metsFile: string;
  /** Formats the location only when a finding needs it: a METS may declare 100,000 references. */
  locate: () => string;
  /** Requirement ids under which a missing file, a wrong size and a wrong checksum are reported. */
  ids: { missing: string; size: string; checksum: string };
}
