import { MetsFile } from '../../xml/mets.model';
import { MetsRule, MetsScope, RuleContext } from '../rule-context';
import { isNonNegativeInteger, isXsDateTime, resolveHref } from '../value-formats';
import { CONTENT_INFORMATION_TYPES, inVocabulary, METS_CHECKSUM_TYPES } from '../vocabularies';

const FILE_IDS = { missing: 'CSIP79', size: 'CSIP69', checksum: 'CSIP71' };

function hasFilesUnder(ctx: RuleContext, folder: string): boolean {
  const prefix = `${folder}/`;
  for (const p of ctx.inventory.keys()) if (p.startsWith(prefix)) return true;
  return false;
}

function checkFile(file: MetsFile, index: number, scope: MetsScope, ctx: RuleContext): void {
  const a = file.attrs;
  const at = (): string =>
    ctx.at(scope.doc, file, `/mets/fileSec/fileGrp[@USE='${scope.doc.fileGroups[file.groupIndex]?.use ?? ''}']/file${a.ID ? `[@ID='${a.ID}']` : `[${index + 1}]`}`);
  if (!a.ID) ctx.report('CSIP67', at(), 'file/@ID is missing; give every file a document-unique ID.');
  if (!a.MIMETYPE) ctx.report('CSIP68', at(), 'file/@MIMETYPE is missing; give the IANA media type.');
  if (!isNonNegativeInteger(a.SIZE)) ctx.report('CSIP69', at(), `file/@SIZE is ${a.SIZE === undefined ? 'missing' : `"${a.SIZE}", not a byte count`}.`);
  if (!isXsDateTime(a.CREATED)) ctx.report('CSIP70', at(), `file/@CREATED is ${a.CREATED === undefined ? 'missing' : `"${a.CREATED}", not an xs:dateTime`}.`);
  if (!a.CHECKSUM) ctx.report('CSIP71', at(), 'file/@CHECKSUM is missing.');
  if (!a.CHECKSUMTYPE) ctx.report('CSIP72', at(), 'file/@CHECKSUMTYPE is missing.');
  else if (!METS_CHECKSUM_TYPES.includes(a.CHECKSUMTYPE)) ctx.report('CSIP72', at(), `file/@CHECKSUMTYPE "${a.CHECKSUMTYPE}" is not a METS checksum type.`);
  if (file.flocats.length !== 1) {
    ctx.report('CSIP76', at(), `file has ${file.flocats.length} FLocat elements; it must have exactly one.`);
  }
  const loc = file.flocats[0];
  if (!loc) return;
  if (loc.LOCTYPE !== 'URL') ctx.report('CSIP77', at(), `FLocat/@LOCTYPE is "${loc.LOCTYPE ?? ''}"; it must be "URL".`);
  if (loc['xlink:type'] !== 'simple') ctx.report('CSIP78', at(), `FLocat/@xlink:type is "${loc['xlink:type'] ?? ''}"; it must be "simple".`);
  const href = loc['xlink:href'];
  if (!href) {
    ctx.report('CSIP79', at(), 'FLocat/@xlink:href is missing; give the path of the file relative to this METS.');
    return;
  }
  const resolved = resolveHref(href, scope.baseDir, ctx.exists);
  if (!resolved.ok) {
    ctx.report('CSIP79', at(), `FLocat/@xlink:href: ${resolved.reason}.`);
    return;
  }
  if (resolved.plusDecoded) {
    ctx.report('CSIP79', at(), `FLocat/@xlink:href "${href}" only resolves when "+" is read as a space; percent-encode spaces as %20.`, 'info');
  }
  ctx.referenced.add(resolved.path);
  ctx.references.push({
    path: resolved.path,
    size: a.SIZE,
    checksum: a.CHECKSUM,
    checksumType: a.CHECKSUMTYPE,
    metsFile: scope.doc.file,
    locate: at,
    ids: FILE_IDS,
  });
}

/** CSIP58–CSIP79, CSIP113, CSIP114: the file section, its groups and every file entry. */
export const fileSecRule: MetsRule = {
  name: 'csip-file-sec',
  check(scope, ctx) {
    const { doc, baseDir, isRoot } = scope;
    if (!doc.root) return;
    const rootAt = ctx.at(doc, doc.root, '/mets');
    if (doc.fileSecs.length > 1) ctx.report('CSIP58', ctx.at(doc, doc.fileSecs[1]), 'More than one fileSec; use a single file section.');
    const content = ['documentation', 'schemas', isRoot ? 'representations' : 'data'].some((f) => hasFilesUnder(ctx, `${baseDir}${f}`));
    if (doc.fileSecs.length === 0) {
      if (content) ctx.report('CSIP58', rootAt, 'The METS has no fileSec although the package holds content; reference all transferred files in a fileSec.');
      return;
    }
    const fileSec = doc.fileSecs[0];
    if (!fileSec.attrs.ID) ctx.report('CSIP59', ctx.at(doc, fileSec), 'fileSec/@ID is missing.');
    const uses = doc.fileGroups.map((g) => g.use ?? '');
    const rootCit = doc.root.attrs['csip:CONTENTINFORMATIONTYPE'];
    for (const group of doc.fileGroups) {
      const at = ctx.at(doc, group);
      if (!group.use) ctx.report('CSIP64', at, 'fileGrp/@USE is missing; name the folder the group describes (e.g. "Documentation", "Representations/rep1").');
      if (!group.attrs.ID) ctx.report('CSIP65', at, 'fileGrp/@ID is missing.');
      if (group.fileCount === 0) ctx.report('CSIP66', at, 'fileGrp has no file elements.');
      if (isRoot && group.use?.startsWith('Representations')) {
        const cit = group.attrs['csip:CONTENTINFORMATIONTYPE'];
        if (!cit) {
          if (rootCit === 'MIXED' || rootCit === undefined) {
            ctx.report('CSIP62', at, 'A representation file group should state its @csip:CONTENTINFORMATIONTYPE.');
          }
        } else {
          if (!inVocabulary(cit, CONTENT_INFORMATION_TYPES)) ctx.report('CSIP62', at, `fileGrp/@csip:CONTENTINFORMATIONTYPE "${cit}" is not in the vocabulary.`);
          if (cit === 'OTHER' && !group.attrs['csip:OTHERCONTENTINFORMATIONTYPE']) {
            ctx.report('CSIP63', at, 'fileGrp/@csip:CONTENTINFORMATIONTYPE is "OTHER"; name it in @csip:OTHERCONTENTINFORMATIONTYPE.');
          }
        }
      }
    }
    if (hasFilesUnder(ctx, `${baseDir}documentation`) && !uses.includes('Documentation')) {
      ctx.report('CSIP60', ctx.at(doc, fileSec), `${baseDir}documentation holds files but there is no fileGrp USE="Documentation".`);
    }
    if (hasFilesUnder(ctx, `${baseDir}schemas`) && !uses.includes('Schemas')) {
      ctx.report('CSIP113', ctx.at(doc, fileSec), `${baseDir}schemas holds files but there is no fileGrp USE="Schemas".`);
    }
    if (isRoot && hasFilesUnder(ctx, 'representations') && !uses.some((u) => u.startsWith('Representations'))) {
      ctx.report('CSIP114', ctx.at(doc, fileSec), 'The package has representations but no fileGrp whose USE starts with "Representations".');
    }
    doc.files.forEach((file, i) => checkFile(file, i, scope, ctx));
  },
};
