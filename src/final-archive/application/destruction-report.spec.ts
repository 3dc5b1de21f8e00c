import { DestructionReport } from '../domain/disposal';
import { destructionCsv, destructionPdf } from './destruction-report';

const report: DestructionReport = {
  disposalId: 'd-1',
  tenantId: 'region-x',
  kind: 'retention',
  decisionReference: 'RA 2026/1',
  decidedBy: { id: 'user:c', name: 'Cecilia' },
  decidedAt: '2026-11-25T10:00:00.000Z',
  executedBy: { id: 'user:c', name: 'Cecilia' },
  executedAt: '2026-11-25T11:00:00.000Z',
  items: [
    { aipId: 'a-1', objectId: 'urn:x', deliveryId: 'del-1', informationTypeId: 'finance', sourceSystem: '=cmd|calc', scope: 'aip', records: 3, bytes: 1000, firstDate: null, lastDate: null, locations: ['primary', 'secondary'] },
  ],
  totals: { aips: 1, records: 3, bytes: 1000 },
};

describe('destruction report', () => {
  it('writes CSV with a byte-order mark, a header and formula-safe cells', () => {
    const text = destructionCsv(report).toString('utf8');
    expect(text.startsWith('\uFEFFaip,object,delivery')).toBe(true);
    expect(text).toContain("a-1,urn:x,del-1,finance,'=cmd|calc,aip,3,1000,,,primary secondary\r\n");
  });

  it('writes a PDF', async () => {
    const pdf = await destructionPdf(report);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
