import { MetsFile } from '../../xml/mets.model';
import { MetsRule, RuleContext, MetsScope } from '../rule-context';
import { isNonNegativeInteger, isXsDateTime, resolveHref } from '../value-formats';
import { METS_CHECKSUM_TYPES } from '../vocabularies';

export const FGS_PROFILE_MARKER = 'CommonSpecificationSwedenPackageProfile';

const FGS_FILE_IDS = { missing: 'FGS11', size: 'FGS10', checksum: 'FGS10' };

function checkFgsFile(file: MetsFile, index: number, scope: MetsScope, ctx: RuleContext): void {
  const a = file.attrs;
  const at = (): string => ctx.at(scope.doc, file, `/mets/fileSec/fileGrp/file${a.ID ? `[@ID='${a.ID}']` : `[${index + 1}]`}`);
  const missing = ['ID', 'MIMETYPE', 'SIZE', 'CREATED', 'CHECKSUM', 'CHECKSUMTYPE'].filter((k) => !a[k]);
  if (missing.length > 0) ctx.report('FGS10', at(), `file lacks ${missing.map((m) => `@${m}`).join(', ')}.`);
  if (a.SIZE && !isNonNegativeInteger(a.SIZE)) ctx.report('FGS10', at(), `file/@SIZE "${a.SIZE}" is not a byte count.`);
  if (a.CREATED && !isXsDateTime(a.CREATED)) ctx.report('FGS10', at(), `file/@CREATED "${a.CREATED}" is not an xs:dateTime.`);
  if (a.CHECKSUMTYPE && !METS_CHECKSUM_TYPES.includes(a.CHECKSUMTYPE)) ctx.report('FGS10', at(), `file/@CHECKSUMTYPE "${a.CHECKSUMTYPE}" is not a METS checksum type.`);
  const loc = file.flocats[0];
  if (file.flocats.length !== 1 || !loc) {
    ctx.report('FGS11', at(), `file has ${file.flocats.length} FLocat elements; it must have exactly one.`);
    if (!loc) return;
  }
  if (loc.LOCTYPE !== 'URL') ctx.report('FGS11', at(), `FLocat/@LOCTYPE is "${loc.LOCTYPE ?? ''}"; it must be "URL".`);
  const href = loc['xlink:href'];
  if (!href) {
    ctx.report('FGS11', at(), 'FLocat/@xlink:href is missing.');
    return;
  }
  // FGS 1.x producers write "file:///content/x" meaning <package root>/content/x.
  const resolved = resolveHref(href, '', ctx.exists, true);
  if (!resolved.ok) {
    ctx.report('FGS11', at(), `FLocat/@xlink:href: ${resolved.reason}.`);
    return;
  }
  ctx.referenced.add(resolved.path);
  ctx.references.push({
    path: resolved.path,
    size: a.SIZE,
    checksum: a.CHECKSUM,
    checksumType: a.CHECKSUMTYPE,
    metsFile: scope.doc.file,
    locate: at,
    ids: FGS_FILE_IDS,
  });
}

/** FGS Paketstruktur 1.x (FGS1–FGS12; FGS13 runs with the fixity check). */
export const fgsPackageRule: MetsRule = {
  name: 'fgs-package',
  check(scope, ctx) {
    const { doc } = scope;
    if (!doc.root) return;
    const rootAt = ctx.at(doc, doc.root, '/mets');
    const a = doc.root.attrs;
    if (!a.OBJID?.trim()) ctx.report('FGS2', rootAt, 'mets/@OBJID is missing; identify the package (e.g. "UUID:…").');
    if (!a.PROFILE?.includes(FGS_PROFILE_MARKER)) ctx.report('FGS3', rootAt, `mets/@PROFILE must name the ${FGS_PROFILE_MARKER}.`);
    if (!a.TYPE?.trim()) ctx.report('FGS4', rootAt, 'mets/@TYPE is missing; state the content type.');
    const hdr = doc.headers[0];
    if (!hdr) {
      ctx.report('FGS5', rootAt, 'mets/metsHdr is missing.');
    } else {
      const at = ctx.at(doc, hdr);
      if (!isXsDateTime(hdr.attrs.CREATEDATE)) ctx.report('FGS5', at, 'metsHdr/@CREATEDATE is missing or not an xs:dateTime.');
      if (!hdr.attrs['ext:OAISSTATUS'] && !hdr.attrs['ext:OAISTYPE'] && !hdr.attrs.OAISSTATUS) {
        ctx.report('FGS6', at, 'metsHdr/@ext:OAISSTATUS is missing; state SIP, AIP or DIP.');
      }
      const archivists = hdr.agents.filter((g) => g.attrs.ROLE === 'ARCHIVIST' && g.attrs.TYPE === 'ORGANIZATION');
      if (archivists.length === 0 || !archivists[0].names[0]) {
        ctx.report('FGS7', at, 'No agent ROLE="ARCHIVIST" TYPE="ORGANIZATION" with a name (the archive creator).');
      } else if (!archivists.some((g) => g.notes.some((n) => /^ORG:/.test(n.text)))) {
        ctx.report('FGS9', ctx.at(doc, archivists[0]), 'The ARCHIVIST agent should carry a note "ORG:<organisationsnummer>".');
      }
      if (!hdr.agents.some((g) => g.attrs.ROLE === 'CREATOR' && g.names[0])) {
        ctx.report('FGS8', at, 'No agent ROLE="CREATOR" with a name (the producing organisation or system).');
      }
    }
    doc.files.forEach((file, i) => checkFgsFile(file, i, scope, ctx));
    if (doc.structMaps.length === 0) ctx.report('FGS12', rootAt, 'mets/structMap is missing.');
  },
};
