import { groupFindings } from './deliveries.page';
import { formatBytes } from './format';
import { idList } from '../api/archivist-forms.dto';

const finding = (code: string, severity: 'error' | 'warning', location = 'METS.xml') => ({ stage: 'validating' as never, code, severity, message: `${code} failed`, location, puid: null });

describe('archivist views', () => {
  it('groups findings by requirement id, keeping their order', () => {
    const groups = groupFindings([finding('CSIP71', 'error', 'a'), finding('CSIP69', 'error'), finding('CSIP71', 'error', 'b'), finding('SIP4', 'warning')]);
    expect(groups.map((g) => [g.code, g.findings.map((f) => f.location)])).toEqual([
      ['CSIP71', ['a', 'b']],
      ['CSIP69', ['METS.xml']],
      ['SIP4', ['METS.xml']],
    ]);
  });

  it('shows sizes as people read them, in the page language', () => {
    expect(formatBytes(0, 'sv')).toBe('0 B');
    expect(formatBytes(44_667, 'sv')).toBe('44,7 kB');
    expect(formatBytes(1_500_000_000, 'en')).toBe('1.5 GB');
    expect(formatBytes(null, 'sv')).toBe('–');
  });

  it('reads ids typed one per line or separated by commas, and refuses anything but uuids', () => {
    const a = '0b7c5e3a-1d2f-4c3b-9a8e-7f6d5c4b3a21';
    const b = '1c8d6f4b-2e3a-4d4c-8b9f-8a7e6d5c4b32';
    expect(idList(` ${a}\n${b.toUpperCase()}, ${a}`, 'delivery ids')).toEqual([a, b]);
    expect(idList('', 'delivery ids')).toEqual([]);
    expect(() => idList(`${a} 42`, 'delivery ids')).toThrow(/uuid/);
  });
});
