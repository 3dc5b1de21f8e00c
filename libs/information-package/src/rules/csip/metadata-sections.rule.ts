import { MdSection, MetsElement } from '../../xml/mets.model';
import { MetsRule, MetsScope, RuleContext } from '../rule-context';
import { isXsDateTime, resolveHref } from '../value-formats';
import { inVocabulary, STATUSES } from '../vocabularies';
import { checkMdRef, MdRefIds } from './md-ref.check';

interface SectionIds {
  id: string;
  created?: string;
  status: string;
  mdRef: string;
  ref: MdRefIds;
}

const DMD: SectionIds = {
  id: 'CSIP18', created: 'CSIP19', status: 'CSIP20', mdRef: 'CSIP21',
  ref: { loctype: 'CSIP22', xlinkType: 'CSIP23', href: 'CSIP24', mdtype: 'CSIP25', mimetype: 'CSIP26', size: 'CSIP27', created: 'CSIP28', checksum: 'CSIP29', checksumType: 'CSIP30' },
};
const DIGIPROV: SectionIds = {
  id: 'CSIP33', status: 'CSIP34', mdRef: 'CSIP35',
  ref: { loctype: 'CSIP36', xlinkType: 'CSIP37', href: 'CSIP38', mdtype: 'CSIP39', mimetype: 'CSIP40', size: 'CSIP41', created: 'CSIP42', checksum: 'CSIP43', checksumType: 'CSIP44' },
};
const RIGHTS: SectionIds = {
  id: 'CSIP46', status: 'CSIP47', mdRef: 'CSIP48',
  ref: { loctype: 'CSIP49', xlinkType: 'CSIP50', href: 'CSIP51', mdtype: 'CSIP52', mimetype: 'CSIP53', size: 'CSIP54', created: 'CSIP55', checksum: 'CSIP56', checksumType: 'CSIP57' },
};

function checkSection(section: MdSection, ids: SectionIds, scope: MetsScope, ctx: RuleContext): string[] {
  const label = section.kind === 'dmdSec' ? 'dmdSec' : `amdSec/${section.kind}`;
  const at = ctx.at(scope.doc, section);
  const a = section.attrs;
  if (!a.ID) ctx.report(ids.id, at, `${label}/@ID is missing; give every section a document-unique ID.`);
  if (ids.created && !isXsDateTime(a.CREATED)) {
    ctx.report(ids.created, at, `${label}/@CREATED is ${a.CREATED === undefined ? 'missing' : `"${a.CREATED}", not an xs:dateTime`}.`);
  }
  if (a.STATUS === undefined) ctx.report(ids.status, at, `${label}/@STATUS is missing; state CURRENT or SUPERSEDED.`);
  else if (!inVocabulary(a.STATUS, STATUSES)) ctx.report(ids.status, at, `${label}/@STATUS "${a.STATUS}" is not CURRENT or SUPERSEDED.`);
  if (section.mdRefs.length === 0) {
    ctx.report(ids.mdRef, at, `${label} has no mdRef; reference the metadata file in the metadata folder instead of embedding it.`);
  }
  const paths: string[] = [];
  for (const ref of section.mdRefs) {
    const path = checkMdRef(ref, ids.ref, scope, ctx, label);
    if (path) paths.push(path);
  }
  return paths;
}

const OTHER_MDREF_IDS = { missing: 'METS-MDREF', size: 'METS-MDREF', checksum: 'METS-MDREF' };

/** techMD and sourceMD carry no CSIP requirements, but the files they point at are still checked. */
function registerOtherMdRef(ref: MetsElement, scope: MetsScope, ctx: RuleContext): void {
  const href = ref.attrs['xlink:href'];
  if (!href) return;
  const resolved = resolveHref(href, scope.baseDir, ctx.exists);
  const at = ctx.at(scope.doc, ref);
  if (!resolved.ok) {
    ctx.report('METS-MDREF', at, `mdRef/@xlink:href: ${resolved.reason}.`, 'error');
    return;
  }
  ctx.referenced.add(resolved.path);
  ctx.references.push({
    path: resolved.path,
    size: ref.attrs.SIZE,
    checksum: ref.attrs.CHECKSUM,
    checksumType: ref.attrs.CHECKSUMTYPE,
    metsFile: scope.doc.file,
    locate: () => at,
    ids: OTHER_MDREF_IDS,
  });
}

function filesUnder(ctx: RuleContext, folder: string): string[] {
  const prefix = `${folder}/`;
  return [...ctx.inventory.keys()].filter((p) => p.startsWith(prefix));
}

/** CSIP17–CSIP57: descriptive, provenance and rights metadata sections and their mdRefs. */
export const metadataSectionsRule: MetsRule = {
  name: 'csip-metadata-sections',
  check(scope, ctx) {
    const { doc, baseDir } = scope;
    if (!doc.root) return;
    const metadataDir = `${baseDir}metadata`;
    for (const dmd of doc.dmdSecs) checkSection(dmd, DMD, scope, ctx);
    if (doc.dmdSecs.length === 0 && filesUnder(ctx, `${metadataDir}/descriptive`).length > 0) {
      ctx.report('CSIP17', ctx.at(doc, doc.root, '/mets'), `${metadataDir}/descriptive holds files but the METS has no dmdSec describing them.`);
    }
    if (doc.amdSecs.length > 1) {
      ctx.report('CSIP31', ctx.at(doc, doc.amdSecs[1]), 'More than one amdSec; CSIP keeps all administrative metadata in a single amdSec.');
    }
    const preservation = filesUnder(ctx, `${metadataDir}/preservation`);
    if (doc.amdSecs.length === 0 && preservation.length > 0) {
      ctx.report('CSIP31', ctx.at(doc, doc.root, '/mets'), `${metadataDir}/preservation holds files but the METS has no amdSec.`);
    }
    const digiprovPaths = new Set<string>();
    for (const amd of doc.amdSecs) {
      for (const section of amd.sections) {
        if (section.kind === 'digiprovMD') for (const p of checkSection(section, DIGIPROV, scope, ctx)) digiprovPaths.add(p);
        else if (section.kind === 'rightsMD') checkSection(section, RIGHTS, scope, ctx);
        else for (const ref of section.mdRefs) registerOtherMdRef(ref, scope, ctx);
      }
    }
    for (const p of preservation) {
      if (/\.xml$/i.test(p) && !digiprovPaths.has(p)) {
        ctx.report('CSIP32', p, `Preservation metadata file "${p}" has no digiprovMD of its own; add one digiprovMD/mdRef per PREMIS file.`);
      }
    }
  },
};
