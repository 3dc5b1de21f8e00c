import { MetsDiv, MetsDocument, MetsStructMap } from '../../xml/mets.model';
import { MetsRule, MetsScope, RuleContext } from '../rule-context';
import { resolveHref } from '../value-formats';

interface DivIds {
  label: string;
  presence: string;
  id: string;
  fptrs: string;
  fptrRef: string;
}

const DOCUMENTATION: DivIds = { label: 'Documentation', presence: 'CSIP93', id: 'CSIP94', fptrs: 'CSIP96', fptrRef: 'CSIP116' };
const SCHEMAS: DivIds = { label: 'Schemas', presence: 'CSIP97', id: 'CSIP98', fptrs: 'CSIP100', fptrRef: 'CSIP118' };
const CONTENT: DivIds = { label: 'Representations', presence: 'CSIP101', id: 'CSIP102', fptrs: 'CSIP104', fptrRef: 'CSIP119' };

function groupIds(doc: MetsDocument, use: string): string[] {
  return doc.fileGroups.filter((g) => g.use === use && g.attrs.ID).map((g) => g.attrs.ID);
}

/** Division for a fixed file-group use (Documentation, Schemas, Representations): present, identified, pointing at its groups. */
function checkGroupDiv(top: MetsDiv, ids: DivIds, doc: MetsDocument, ctx: RuleContext): void {
  const groups = groupIds(doc, ids.label);
  const divs = top.children.filter((d) => d.attrs.LABEL === ids.label);
  if (groups.length === 0 && divs.length === 0) return;
  if (divs.length === 0) {
    ctx.report(ids.presence, ctx.at(doc, top), `fileGrp USE="${ids.label}" exists but the CSIP structMap has no div LABEL="${ids.label}".`);
    return;
  }
  if (divs.length > 1) ctx.report(ids.presence, ctx.at(doc, divs[1]), `More than one div LABEL="${ids.label}"; use a single division.`);
  const div = divs[0];
  const at = ctx.at(doc, div);
  if (!div.attrs.ID) ctx.report(ids.id, at, `div LABEL="${ids.label}" has no @ID.`);
  const pointed = new Set(div.fptrs.map((f) => f.attrs.FILEID).filter(Boolean));
  for (const g of groups) {
    if (!pointed.has(g)) ctx.report(ids.fptrRef, at, `div LABEL="${ids.label}" has no fptr with FILEID="${g}" (the ${ids.label} file group).`);
  }
  for (const f of div.fptrs) {
    if (!f.attrs.FILEID) ctx.report(ids.fptrRef, ctx.at(doc, f, `${div.xpath}/fptr`), 'fptr/@FILEID is missing.');
    else if (!groups.includes(f.attrs.FILEID)) {
      ctx.report(ids.fptrs, ctx.at(doc, f, `${div.xpath}/fptr`), `fptr/@FILEID "${f.attrs.FILEID}" is not the ID of a "${ids.label}" file group.`);
    }
  }
}

function checkMetadataDiv(top: MetsDiv, doc: MetsDocument, ctx: RuleContext): void {
  const hasMetadata = doc.dmdSecs.length > 0 || doc.amdSecs.length > 0;
  const divs = top.children.filter((d) => d.attrs.LABEL === 'Metadata');
  if (divs.length === 0) {
    if (hasMetadata) ctx.report('CSIP88', ctx.at(doc, top), 'The METS has dmdSec/amdSec but the CSIP structMap has no div LABEL="Metadata".');
    return;
  }
  if (divs.length > 1) ctx.report('CSIP88', ctx.at(doc, divs[1]), 'More than one div LABEL="Metadata".');
  const div = divs[0];
  const at = ctx.at(doc, div);
  if (!div.attrs.ID) ctx.report('CSIP89', at, 'div LABEL="Metadata" has no @ID.');
  const admids = new Set((div.attrs.ADMID ?? '').split(/\s+/).filter(Boolean));
  for (const amd of doc.amdSecs) {
    for (const s of amd.sections) {
      const current = s.attrs.STATUS === undefined || s.attrs.STATUS === 'CURRENT';
      if (current && s.attrs.ID && !admids.has(s.attrs.ID) && !(amd.attrs.ID && admids.has(amd.attrs.ID))) {
        ctx.report('CSIP91', at, `div LABEL="Metadata"/@ADMID does not reference the current ${s.kind} "${s.attrs.ID}".`);
      }
    }
  }
  const dmdids = new Set((div.attrs.DMDID ?? '').split(/\s+/).filter(Boolean));
  for (const dmd of doc.dmdSecs) {
    const current = dmd.attrs.STATUS === undefined || dmd.attrs.STATUS === 'CURRENT';
    if (current && dmd.attrs.ID && !dmdids.has(dmd.attrs.ID)) {
      ctx.report('CSIP92', at, `div LABEL="Metadata"/@DMDID does not reference the current dmdSec "${dmd.attrs.ID}".`);
    }
  }
}

function checkRepresentationDivs(top: MetsDiv, scope: MetsScope, ctx: RuleContext): void {
  const { doc } = scope;
  const repGroups = doc.fileGroups.filter((g) => g.use?.startsWith('Representations/'));
  for (const group of repGroups) {
    const divs = top.children.filter((d) => d.attrs.LABEL === group.use);
    if (divs.length === 0) {
      ctx.report('CSIP105', ctx.at(doc, top), `No div LABEL="${group.use}" for the representation file group "${group.attrs.ID ?? group.use}".`);
    }
  }
  for (const div of top.children.filter((d) => d.attrs.LABEL?.startsWith('Representations/'))) {
    const at = ctx.at(doc, div);
    if (!div.attrs.ID) ctx.report('CSIP106', at, `div LABEL="${div.attrs.LABEL}" has no @ID.`);
    if (!repGroups.some((g) => g.use === div.attrs.LABEL)) {
      ctx.report('CSIP107', at, `div LABEL="${div.attrs.LABEL}" matches no fileGrp USE; the label must equal the representation's file group USE.`);
    }
    if (div.mptrs.length !== 1) {
      ctx.report('CSIP109', at, `div LABEL="${div.attrs.LABEL}" has ${div.mptrs.length} mptr elements; it must have exactly one pointing to the representation METS.`);
    }
    for (const mptr of div.mptrs) {
      const a = mptr.attrs;
      const mat = ctx.at(doc, mptr, `${div.xpath}/mptr`);
      const title = a['xlink:title'];
      if (!title || !doc.fileGroups.some((g) => g.attrs.ID === title)) {
        ctx.report('CSIP108', mat, `mptr/@xlink:title ${title ? `"${title}" is not a file group ID` : 'is missing'}; give the ID of the representation's file group.`);
      }
      if (a['xlink:type'] !== 'simple') ctx.report('CSIP111', mat, `mptr/@xlink:type is "${a['xlink:type'] ?? ''}"; it must be "simple".`);
      if (a.LOCTYPE !== 'URL') ctx.report('CSIP112', mat, `mptr/@LOCTYPE is "${a.LOCTYPE ?? ''}"; it must be "URL".`);
      const href = a['xlink:href'];
      if (!href) {
        ctx.report('CSIP110', mat, 'mptr/@xlink:href is missing; point at the representation METS.xml.');
        continue;
      }
      const resolved = resolveHref(href, scope.baseDir, ctx.exists);
      if (!resolved.ok) ctx.report('CSIP110', mat, `mptr/@xlink:href: ${resolved.reason}.`);
      else if (!ctx.inventory.has(resolved.path)) ctx.report('CSIP110', mat, `mptr/@xlink:href "${href}" points at a file that is not in the package.`);
    }
  }
}

function csipStructMap(doc: MetsDocument, ctx: RuleContext): MetsStructMap | undefined {
  const rootAt = ctx.at(doc, doc.root, '/mets');
  if (doc.structMaps.length === 0) {
    ctx.report('CSIP80', rootAt, 'The METS has no structMap; add the CSIP structural map (TYPE="PHYSICAL", LABEL="CSIP").');
    return undefined;
  }
  const csip = doc.structMaps.filter((s) => s.attrs.LABEL === 'CSIP');
  if (csip.length === 0) {
    ctx.report('CSIP82', rootAt, 'No structMap has LABEL="CSIP"; exactly one must.');
    return undefined;
  }
  if (csip.length > 1) ctx.report('CSIP80', ctx.at(doc, csip[1]), 'More than one structMap LABEL="CSIP"; exactly one is allowed.');
  return csip[0];
}

/** CSIP80–CSIP119 (structural map): the CSIP structMap, its divisions and pointers. */
export const structMapRule: MetsRule = {
  name: 'csip-struct-map',
  check(scope, ctx) {
    const { doc } = scope;
    if (!doc.root) return;
    const map = csipStructMap(doc, ctx);
    if (!map) return;
    const at = ctx.at(doc, map);
    if (map.attrs.TYPE !== 'PHYSICAL') ctx.report('CSIP81', at, `structMap LABEL="CSIP" has TYPE "${map.attrs.TYPE ?? ''}"; it must be "PHYSICAL".`);
    if (!map.attrs.ID) ctx.report('CSIP83', at, 'structMap LABEL="CSIP" has no @ID.');
    if (map.divs.length !== 1) {
      ctx.report('CSIP84', at, `structMap LABEL="CSIP" has ${map.divs.length} top-level divs; it must have exactly one.`);
      if (map.divs.length === 0) return;
    }
    const top = map.divs[0];
    if (!top.attrs.ID) ctx.report('CSIP85', ctx.at(doc, top), 'The main div of the CSIP structMap has no @ID.');
    checkMetadataDiv(top, doc, ctx);
    checkGroupDiv(top, DOCUMENTATION, doc, ctx);
    checkGroupDiv(top, SCHEMAS, doc, ctx);
    if (scope.isRoot) {
      checkGroupDiv(top, CONTENT, doc, ctx);
      checkRepresentationDivs(top, scope, ctx);
    }
  },
};
