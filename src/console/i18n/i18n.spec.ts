import sv from './sv.json';
import en from './en.json';
import { translator } from './i18n';

describe('console translations', () => {
  it('has the same keys in Swedish and English, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
    for (const [key, text] of [...Object.entries(sv), ...Object.entries(en)]) expect(`${key}: ${text.trim()}`).not.toMatch(/: $/);
  });

  it('uses the same placeholders in both languages', () => {
    const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(sv) as Array<keyof typeof sv>) expect([key, names(en[key])]).toEqual([key, names(sv[key])]);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const t = translator('en');
    expect(t('home.signedInAs', { name: 'Eva' })).toContain('Eva');
    expect(translator('sv')('home.signedInAs', {})).toContain('{name}');
  });
});
