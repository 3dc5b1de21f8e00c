import type { PageView } from './page-view';
import { fieldText, personalId } from './record-values';

const sv = { locale: 'sv' } as PageView;
const en = { locale: 'en' } as PageView;

describe('record values in the console', () => {
  it('writes a personnummer with its hyphen and leaves other ids alone', () => {
    expect(personalId('191212121212')).toBe('19121212-1212');
    expect(personalId('55')).toBe('55');
    expect(fieldText(sv, 'personal-identity-number', '191212121212')).toBe('19121212-1212');
  });

  it('formats dates, date-times, amounts and lists per language; empty values as a dash', () => {
    expect(fieldText(sv, 'date', '2016-03-04')).toBe('2016-03-04');
    expect(fieldText(en, 'date', '2016-03-04')).toBe('4 Mar 2016');
    expect(fieldText(sv, 'datetime', '2016-03-04T09:30:00Z')).toBe('2016-03-04 10:30');
    expect(fieldText(sv, 'amount', '1234.5').replace(/\s/g, ' ')).toBe('1 234,50');
    expect(fieldText(en, 'amount', 1234.5)).toBe('1,234.50');
    expect(fieldText(sv, 'code', ['I10.9', 'E11.9'])).toBe('I10.9, E11.9');
    for (const empty of [null, undefined, '', []]) expect(fieldText(sv, 'text', empty as never)).toBe('–');
    expect(fieldText(sv, 'date', 'not a date')).toBe('not a date');
  });
});
