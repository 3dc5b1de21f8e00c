import { MetsRule } from '../rule-context';

/** Which requirement demands a unique ID on which element. */
const UNIQUE_ID_REQUIREMENT: Record<string, string> = {
  dmdSec: 'CSIP18',
  digiprovMD: 'CSIP33',
  rightsMD: 'CSIP46',
  fileSec: 'CSIP59',
  fileGrp: 'CSIP65',
  file: 'CSIP67',
  structMap: 'CSIP83',
  div: 'CSIP85',
};

/** xml:id uniqueness (CSIP18, 33, 46, 59, 65, 67, 83, 85) and IDREFs that resolve. */
export const identifiersRule: MetsRule = {
  name: 'csip-identifiers',
  check({ doc }, ctx) {
    for (const dup of doc.duplicateIds) {
      ctx.report(
        UNIQUE_ID_REQUIREMENT[dup.element] ?? 'METS-ID',
        `${doc.file} (line ${dup.line})`,
        `ID "${dup.id}" on ${dup.element} is already used at line ${doc.ids.get(dup.id)}; IDs must be unique within the METS document.`,
        'error',
      );
    }
    for (const ref of doc.idrefs) {
      if (!doc.ids.has(ref.value)) {
        ctx.report('METS-IDREF', `${doc.file} (line ${ref.line})`, `@${ref.attr} refers to "${ref.value}", which is not the ID of any element in this METS.`, 'error');
      }
    }
  },
};
