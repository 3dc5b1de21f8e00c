import { RequirementLevel, Severity, severityOf } from '../model/finding';
import { CSIP_METS_REQUIREMENTS, CSIP_STRUCTURE_REQUIREMENTS, LEVELS_2_1_0, Requirement, SIP_METS_REQUIREMENTS } from './eark-requirements';
import { FGS_REQUIREMENTS } from './fgs-requirements';

const BY_ID = new Map<string, Requirement>(
  [...CSIP_STRUCTURE_REQUIREMENTS, ...CSIP_METS_REQUIREMENTS, ...SIP_METS_REQUIREMENTS, ...FGS_REQUIREMENTS].map((r) => [r.id, r]),
);

export type EarkVersion = '2.0.4' | '2.1.0' | '2.2.0';

export function requirement(id: string): Requirement | undefined {
  return BY_ID.get(id);
}

/** The level the given profile version assigns; 2.0.4 follows 2.1.0 where the two later profiles differ. */
export function levelOf(id: string, version: EarkVersion | string | null): RequirementLevel {
  if (version !== '2.2.0' && LEVELS_2_1_0[id]) return LEVELS_2_1_0[id];
  const req = BY_ID.get(id);
  if (!req) throw new Error(`unknown requirement ${id}`);
  return req.level;
}

export function severityFor(id: string, version: EarkVersion | string | null): Severity {
  return severityOf(levelOf(id, version));
}
