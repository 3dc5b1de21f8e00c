export type Attrs = Record<string, string>;

/** A METS element reduced to what the rules need: attributes (prefixed csip:/sip:/xlink:/ext:/xsi:), line, XPath. */
export interface MetsElement {
  attrs: Attrs;
  line: number;
  xpath: string;
}

export interface MetsAgent extends MetsElement {
  names: string[];
  notes: Array<{ attrs: Attrs; text: string }>;
}

export interface MetsHeader extends MetsElement {
  agents: MetsAgent[];
  altRecordIds: Array<{ attrs: Attrs; text: string; line: number }>;
}

export interface MdSection extends MetsElement {
  kind: 'dmdSec' | 'techMD' | 'rightsMD' | 'sourceMD' | 'digiprovMD';
  mdRefs: MetsElement[];
  mdWrapCount: number;
}

export interface AmdSection extends MetsElement {
  sections: MdSection[];
}

/** Kept small on purpose: a METS may list 100,000 files. */
export interface MetsFile {
  attrs: Attrs;
  line: number;
  groupIndex: number;
  flocats: Attrs[];
}

export interface MetsFileGroup extends MetsElement {
  use: string | undefined;
  fileCount: number;
}

export interface MetsDiv extends MetsElement {
  children: MetsDiv[];
  fptrs: MetsElement[];
  mptrs: MetsElement[];
}

export interface MetsStructMap extends MetsElement {
  divs: MetsDiv[];
}

export interface MetsDocument {
  /** Path relative to the package root, e.g. "METS.xml" or "representations/rep1/METS.xml". */
  file: string;
  root: MetsElement | undefined;
  rootIsMets: boolean;
  /** Namespace declarations seen (prefix → URI), for profile and namespace checks. */
  csipNamespaceUri: string | undefined;
  headers: MetsHeader[];
  dmdSecs: MdSection[];
  amdSecs: AmdSection[];
  fileSecs: MetsElement[];
  fileGroups: MetsFileGroup[];
  files: MetsFile[];
  structMaps: MetsStructMap[];
  /** Every @ID with the line of its first occurrence, and duplicates. */
  ids: Map<string, number>;
  duplicateIds: Array<{ id: string; line: number; element: string }>;
  /** IDREF-typed attributes seen (DMDID, ADMID, FILEID, …) to check they resolve. */
  idrefs: Array<{ attr: string; value: string; line: number }>;
}
