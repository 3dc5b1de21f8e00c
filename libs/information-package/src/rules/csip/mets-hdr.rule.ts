import { MetsAgent } from '../../xml/mets.model';
import { MetsRule } from '../rule-context';
import { isXsDateTime } from '../value-formats';
import { inVocabulary, OAIS_PACKAGE_TYPES } from '../vocabularies';

function isSoftwareAgent(agent: MetsAgent): boolean {
  return agent.attrs.OTHERTYPE === 'SOFTWARE' || (agent.attrs.ROLE === 'CREATOR' && agent.attrs.TYPE === 'OTHER');
}

/** CSIP117 and CSIP7–CSIP16: the METS header and its software agent. */
export const metsHdrRule: MetsRule = {
  name: 'csip-mets-hdr',
  check({ doc, isRoot }, ctx) {
    if (!doc.root) return;
    if (doc.headers.length !== 1) {
      ctx.report(
        'CSIP117',
        ctx.at(doc, doc.headers[1] ?? doc.root, doc.headers[1] ? '/mets/metsHdr[2]' : '/mets'),
        doc.headers.length === 0 ? 'mets/metsHdr is missing; add a header with CREATEDATE, OAISPACKAGETYPE and the software agent.' : 'More than one mets/metsHdr.',
      );
    }
    const hdr = doc.headers[0];
    if (!hdr) return;
    const at = ctx.at(doc, hdr);
    if (!hdr.attrs.CREATEDATE) ctx.report('CSIP7', at, 'metsHdr/@CREATEDATE is missing; record when the package was created (xs:dateTime).');
    else if (!isXsDateTime(hdr.attrs.CREATEDATE)) ctx.report('CSIP7', at, `metsHdr/@CREATEDATE "${hdr.attrs.CREATEDATE}" is not an xs:dateTime.`);
    if (hdr.attrs.LASTMODDATE !== undefined && !isXsDateTime(hdr.attrs.LASTMODDATE)) {
      ctx.report('CSIP8', at, `metsHdr/@LASTMODDATE "${hdr.attrs.LASTMODDATE}" is not an xs:dateTime.`);
    }
    const pkgType = hdr.attrs['csip:OAISPACKAGETYPE'];
    if (!pkgType) ctx.report('CSIP9', at, 'metsHdr/@csip:OAISPACKAGETYPE is missing; set SIP, AIP, DIP, AIU or AIC.');
    else if (!inVocabulary(pkgType, OAIS_PACKAGE_TYPES)) ctx.report('CSIP9', at, `metsHdr/@csip:OAISPACKAGETYPE "${pkgType}" is not one of ${OAIS_PACKAGE_TYPES.join(', ')}.`);

    // The software agent records what created the package, so it is required of the package METS;
    // representation METS files written by the same tool commonly omit it.
    if (!isRoot) return;
    const agent = hdr.agents.find(isSoftwareAgent);
    if (!agent) {
      ctx.report('CSIP10', at, 'No agent records the software that created the package; add agent ROLE="CREATOR" TYPE="OTHER" OTHERTYPE="SOFTWARE" with name and version note.');
      return;
    }
    const aat = ctx.at(doc, agent);
    if (agent.attrs.ROLE !== 'CREATOR') ctx.report('CSIP11', aat, `The software agent has ROLE "${agent.attrs.ROLE ?? ''}"; it must be "CREATOR".`);
    if (agent.attrs.TYPE !== 'OTHER') ctx.report('CSIP12', aat, `The software agent has TYPE "${agent.attrs.TYPE ?? ''}"; it must be "OTHER".`);
    if (agent.attrs.OTHERTYPE !== 'SOFTWARE') ctx.report('CSIP13', aat, `The software agent has OTHERTYPE "${agent.attrs.OTHERTYPE ?? ''}"; it must be "SOFTWARE".`);
    if (agent.names.length !== 1 || !agent.names[0]) ctx.report('CSIP14', aat, 'The software agent needs exactly one non-empty name (the software\'s name).');
    if (agent.notes.length === 0) {
      ctx.report('CSIP15', aat, 'The software agent has no note; add <note csip:NOTETYPE="SOFTWARE VERSION"> with the version.');
    } else if (!agent.notes.some((n) => n.attrs['csip:NOTETYPE'] === 'SOFTWARE VERSION')) {
      ctx.report('CSIP16', aat, 'The software agent\'s note must have csip:NOTETYPE="SOFTWARE VERSION".');
    }
  },
};
