import { addYears, retentionStart, RetentionRule, ruleFor } from './retention';

const rule = (p: Partial<RetentionRule>): RetentionRule => ({
  id: 'r',
  informationTypeId: 'finance',
  sourceSystem: null,
  trigger: 'last-record-date',
  years: 7,
  description: null,
  createdBy: 'u',
  createdAt: '2026-01-01T00:00:00Z',
  ...p,
});

describe('retention rules', () => {
  const aip = { createdAt: '2026-03-01T00:00:00.000Z', lastDate: '2015-05-01T00:00:00.000Z', patientsLastDate: '2019-01-01T00:00:00.000Z' };

  it('counts from the trigger date', () => {
    expect(retentionStart(rule({ trigger: 'delivery-date' }), aip)?.toISOString()).toBe(aip.createdAt);
    expect(retentionStart(rule({ trigger: 'last-record-date' }), aip)?.toISOString()).toBe(aip.lastDate);
    expect(retentionStart(rule({ trigger: 'patient-last-record-date' }), aip)?.toISOString()).toBe(aip.patientsLastDate);
    expect(retentionStart(rule({ trigger: 'last-record-date' }), { ...aip, lastDate: null })).toBeNull();
  });

  it('adds whole years (29 February → 28 February or 1 March stays a valid date)', () => {
    expect(addYears(new Date('2015-05-01T00:00:00Z'), 10).toISOString()).toBe('2025-05-01T00:00:00.000Z');
    expect(addYears(new Date('2016-02-29T00:00:00Z'), 1).toISOString()).toBe('2017-03-01T00:00:00.000Z');
  });

  it('prefers the rule of the source system over the type-wide rule', () => {
    const rules = [rule({ id: 'type' }), rule({ id: 'system', sourceSystem: 'Raindance' })];
    expect(ruleFor(rules, 'finance', 'Raindance')?.id).toBe('system');
    expect(ruleFor(rules, 'finance', 'Agresso')?.id).toBe('type');
    expect(ruleFor(rules, 'registry', 'Agresso')).toBeUndefined();
  });
});
