import { flagsOf, ReviewFlag } from './review-flags';

const base = {
  time: new Date('2026-06-10T10:00:00Z'),
  actorPersonalId: null as string | null,
  actorName: 'Anna Andersson' as string | null,
  patientId: '191212121212' as string | null,
  patientName: 'Bo Berg' as string | null,
  protectedIdentity: false,
};

describe('review flags', () => {
  it('an ordinary daytime access has no flags', () => {
    expect(flagsOf(base)).toEqual([]);
  });

  it('flags one\'s own record, a shared surname and a protected identity', () => {
    expect(flagsOf({ ...base, actorPersonalId: '191212121212' })).toEqual([ReviewFlag.OwnRecord]);
    expect(flagsOf({ ...base, patientName: 'Karin andersson' })).toEqual([ReviewFlag.SameSurname]);
    expect(flagsOf({ ...base, protectedIdentity: true })).toEqual([ReviewFlag.ProtectedIdentity]);
  });

  it('judges hours in Swedish time and flags busy days', () => {
    // 21:30 UTC in June is 23:30 in Stockholm.
    expect(flagsOf({ ...base, time: new Date('2026-06-10T21:30:00Z') })).toEqual([ReviewFlag.UnusualHours]);
    expect(flagsOf({ ...base, time: new Date('2026-01-10T05:30:00Z') })).toEqual([]);
    expect(flagsOf(base, true)).toEqual([ReviewFlag.UnusualVolume]);
  });
});
