import { MetsRule } from '../rule-context';
import { CONTENT_CATEGORIES, CONTENT_INFORMATION_TYPES, inVocabulary, LEGACY_CONTENT_TYPES } from '../vocabularies';

/** CSIP1–CSIP6: attributes of the mets root element. */
export const metsRootRule: MetsRule = {
  name: 'csip-mets-root',
  check({ doc, isRoot }, ctx) {
    const root = doc.root;
    if (!root) return;
    const at = ctx.at(doc, root, '/mets');
    const a = root.attrs;
    if (!a.OBJID?.trim()) ctx.report('CSIP1', at, 'mets/@OBJID is missing or empty; set it to the package (or representation) identifier.');
    if (!a.TYPE?.trim()) {
      ctx.report('CSIP2', at, 'mets/@TYPE is missing; declare the content category (e.g. "Datasets", "Mixed", "Other").');
    } else {
      const legacy = ctx.version === '2.0.4' && inVocabulary(a.TYPE, LEGACY_CONTENT_TYPES);
      if (!legacy && !inVocabulary(a.TYPE, CONTENT_CATEGORIES)) {
        ctx.report('CSIP2', at, `mets/@TYPE "${a.TYPE}" is not in the CSIP content category vocabulary; use a listed value or "OTHER" with @csip:OTHERTYPE.`);
      }
      if (inVocabulary(a.TYPE, ['OTHER']) && !a['csip:OTHERTYPE']?.trim()) {
        ctx.report('CSIP3', at, 'mets/@TYPE is "OTHER" but mets/@csip:OTHERTYPE is missing; state the content category there.');
      }
    }
    const cit = a['csip:CONTENTINFORMATIONTYPE'];
    if (!cit?.trim()) {
      // CSIP4 is a SHOULD, but its text makes the attribute mandatory in representation METS files.
      ctx.report(
        'CSIP4',
        at,
        isRoot
          ? 'mets/@csip:CONTENTINFORMATIONTYPE is missing; state the content information type specification (e.g. "MIXED", "citsehpj_v1_0").'
          : 'mets/@csip:CONTENTINFORMATIONTYPE is mandatory in a representation METS; add it.',
        isRoot ? undefined : 'error',
      );
    } else {
      if (!inVocabulary(cit, CONTENT_INFORMATION_TYPES)) {
        ctx.report('CSIP4', at, `mets/@csip:CONTENTINFORMATIONTYPE "${cit}" is not in the vocabulary; use a listed value or "OTHER".`, isRoot ? undefined : 'error');
      }
      if (cit === 'OTHER' && !a['csip:OTHERCONTENTINFORMATIONTYPE']?.trim()) {
        ctx.report('CSIP5', at, 'mets/@csip:CONTENTINFORMATIONTYPE is "OTHER"; name the specification in @csip:OTHERCONTENTINFORMATIONTYPE.');
      }
    }
    if (!a.PROFILE?.trim()) ctx.report('CSIP6', at, 'mets/@PROFILE is missing; give the URL of the METS profile the package follows.');
  },
};
