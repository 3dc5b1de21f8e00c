import { MetsElement } from '../../xml/mets.model';
import { MetsScope, RuleContext } from '../rule-context';
import { isNonNegativeInteger, isXsDateTime, resolveHref } from '../value-formats';
import { inVocabulary, METS_CHECKSUM_TYPES, METS_MDTYPES } from '../vocabularies';

/** Requirement ids for the attributes of one kind of mdRef (dmdSec, digiprovMD, rightsMD). */
export interface MdRefIds {
  loctype: string;
  xlinkType: string;
  href: string;
  mdtype: string;
  mimetype: string;
  size: string;
  created: string;
  checksum: string;
  checksumType: string;
}

/** Checks one mdRef and registers the file it points at; returns the resolved path when there is one. */
export function checkMdRef(ref: MetsElement, ids: MdRefIds, scope: MetsScope, ctx: RuleContext, label: string): string | undefined {
  const a = ref.attrs;
  const at = ctx.at(scope.doc, ref, ref.xpath);
  if (a.LOCTYPE !== 'URL') ctx.report(ids.loctype, at, `${label}/mdRef/@LOCTYPE is "${a.LOCTYPE ?? ''}"; it must be "URL".`);
  if (a['xlink:type'] !== 'simple') ctx.report(ids.xlinkType, at, `${label}/mdRef/@xlink:type is "${a['xlink:type'] ?? ''}"; it must be "simple".`);
  if (!a.MDTYPE) ctx.report(ids.mdtype, at, `${label}/mdRef/@MDTYPE is missing; state the metadata type (e.g. EAD, DC, PREMIS, OTHER).`);
  else if (!inVocabulary(a.MDTYPE, METS_MDTYPES)) ctx.report(ids.mdtype, at, `${label}/mdRef/@MDTYPE "${a.MDTYPE}" is not a METS MDTYPE; use OTHER with @OTHERMDTYPE.`);
  if (!a.MIMETYPE) ctx.report(ids.mimetype, at, `${label}/mdRef/@MIMETYPE is missing; give the IANA media type.`);
  if (!isNonNegativeInteger(a.SIZE)) ctx.report(ids.size, at, `${label}/mdRef/@SIZE is ${a.SIZE === undefined ? 'missing' : `"${a.SIZE}", not a byte count`}.`);
  if (!isXsDateTime(a.CREATED)) ctx.report(ids.created, at, `${label}/mdRef/@CREATED is ${a.CREATED === undefined ? 'missing' : `"${a.CREATED}", not an xs:dateTime`}.`);
  if (!a.CHECKSUM) ctx.report(ids.checksum, at, `${label}/mdRef/@CHECKSUM is missing.`);
  if (!a.CHECKSUMTYPE) ctx.report(ids.checksumType, at, `${label}/mdRef/@CHECKSUMTYPE is missing.`);
  else if (!METS_CHECKSUM_TYPES.includes(a.CHECKSUMTYPE)) ctx.report(ids.checksumType, at, `${label}/mdRef/@CHECKSUMTYPE "${a.CHECKSUMTYPE}" is not a METS checksum type.`);
  const href = a['xlink:href'];
  if (!href) {
    ctx.report(ids.href, at, `${label}/mdRef/@xlink:href is missing; give the relative path of the metadata file.`);
    return undefined;
  }
  const resolved = resolveHref(href, scope.baseDir, ctx.exists);
  if (!resolved.ok) {
    ctx.report(ids.href, at, `${label}/mdRef/@xlink:href: ${resolved.reason}.`);
    return undefined;
  }
  ctx.referenced.add(resolved.path);
  ctx.references.push({
    path: resolved.path,
    size: a.SIZE,
    checksum: a.CHECKSUM,
    checksumType: a.CHECKSUMTYPE,
    metsFile: scope.doc.file,
    locate: () => at,
    ids: { missing: ids.href, size: ids.size, checksum: ids.checksum },
  });
  return resolved.path;
}
