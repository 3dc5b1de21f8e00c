import { AuditAction, AuditOutcome } from './audit-action';
import { AuditBody } from './audit-entry';

/** A complete entry body for specs. */
export const sampleBody = (over: Partial<AuditBody> = {}): AuditBody => ({
  v: 1,
  tenantId: 'region-a',
  action: AuditAction.View,
  outcome: AuditOutcome.Success,
  actorKind: 'user',
  actorId: 'u1',
  actorHsaId: 'SE2321000164-u1',
  actorName: 'Åsa Öberg',
  actorRole: 'reader',
  actorPersonalId: null,
  careUnitHsaId: null,
  careUnitName: 'Vårdcentral Öst',
  careProcess: null,
  sessionId: 's1',
  clientAddress: '10.0.0.1',
  informationTypeId: 'patient-record',
  patientId: '191212121212',
  patientName: null,
  protectedIdentity: false,
  recordIds: ['r2', 'r1'],
  searchCriteria: { b: 1, a: 'x' },
  details: null,
  correlationId: 'c-1',
  ...over,
});
