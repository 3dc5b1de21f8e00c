import { MetsDocument } from '../../xml/mets.model';
import { RuleContext } from '../rule-context';

function childDirs(ctx: RuleContext, folder: string): string[] {
  const prefix = `${folder}/`;
  return [...ctx.listing.dirs].filter((d) => d.startsWith(prefix) && !d.slice(prefix.length).includes('/')).map((d) => d.slice(prefix.length));
}

/**
 * CSIPSTR1–CSIPSTR16: the folder layout. CSIPSTR1 (single root) and CSIPSTR3 (compression) are
 * settled while reading the container; CSIPSTR8 and CSIPSTR14 only permit, so nothing can break them.
 */
export function checkStructure(ctx: RuleContext, rootMets: MetsDocument | undefined): void {
  const { listing, inventory } = ctx;
  const has = (d: string): boolean => listing.dirs.has(d);
  if (!inventory.has('METS.xml')) {
    const wrongCase = [...inventory.keys()].find((p) => !p.includes('/') && p.toLowerCase() === 'mets.xml');
    ctx.report('CSIPSTR4', 'METS.xml', wrongCase ? `The root METS file is named "${wrongCase}"; it must be named exactly "METS.xml".` : 'The package root has no METS.xml.');
  }
  const objid = rootMets?.root?.attrs.OBJID;
  if (objid && objid !== ctx.rootName) {
    ctx.report('CSIPSTR2', `${ctx.rootName}/`, `The root folder "${ctx.rootName}" should be named after the package OBJID "${objid}".`);
  }
  if (!has('metadata')) ctx.report('CSIPSTR5', 'metadata/', 'The package has no metadata folder for package-level metadata.');
  if (!has('representations')) {
    ctx.report('CSIPSTR9', 'representations/', 'The package has no representations folder.');
  } else {
    for (const p of inventory.keys()) {
      if (p.startsWith('representations/') && p.split('/').length === 2) {
        ctx.report('CSIPSTR10', p, 'Files directly under representations/ belong in a representation sub-folder.');
      }
    }
    for (const rep of childDirs(ctx, 'representations')) {
      const base = `representations/${rep}`;
      if (!has(`${base}/data`)) ctx.report('CSIPSTR11', `${base}/`, `Representation "${rep}" has no data folder.`);
      if (!inventory.has(`${base}/METS.xml`)) ctx.report('CSIPSTR12', `${base}/`, `Representation "${rep}" has no METS.xml; a representation METS is recommended.`);
      if (!has(`${base}/metadata`)) ctx.report('CSIPSTR13', `${base}/`, `Representation "${rep}" has no metadata folder.`);
    }
  }
  const repSchemas = childDirs(ctx, 'representations').some((r) => has(`representations/${r}/schemas`));
  if (!has('schemas') && !repSchemas) ctx.report('CSIPSTR15', 'schemas/', 'The package has no schemas folder; include the XML schemas its metadata uses.');
  if (!has('documentation')) ctx.report('CSIPSTR16', 'documentation/', 'The package has no documentation folder.');
}

/** CSIPSTR6/7: metadata referenced from dmdSec and digiprovMD should live in the matching sub-folder. */
export function checkMetadataPlacement(ctx: RuleContext, doc: MetsDocument, baseDir: string): void {
  for (const ref of ctx.references) {
    if (ref.metsFile !== doc.file) continue;
    if (ref.ids.missing === 'CSIP24' && !ref.path.startsWith(`${baseDir}metadata/descriptive/`)) {
      ctx.report('CSIPSTR7', ref.locate(), `Descriptive metadata "${ref.path}" should be in ${baseDir}metadata/descriptive/.`);
    }
    if (ref.ids.missing === 'CSIP38' && !ref.path.startsWith(`${baseDir}metadata/preservation/`)) {
      ctx.report('CSIPSTR6', ref.locate(), `Preservation metadata "${ref.path}" should be in ${baseDir}metadata/preservation/.`);
    }
  }
}
