import type { Profile } from '@node-saml/node-saml';
import { DEFAULT_ATTRIBUTE_MAP } from '../domain/identity-provider.entity';
import { readAttributes } from './saml.service';

const profile = (attributes: Record<string, unknown>) => ({ nameID: 'anna', issuer: 'idp', attributes }) as unknown as Profile;

describe('SAML attributes', () => {
  it('reads the care unit the person acts in (the assignment chosen at the identity provider)', () => {
    const attrs = readAttributes(profile({ displayName: 'Anna', careUnitHsaId: 'SE2321000164-vc1', careUnitName: ['Vårdcentralen Mitt'] }), DEFAULT_ATTRIBUTE_MAP);
    expect(attrs.careUnit).toEqual({ hsaId: 'SE2321000164-vc1', name: 'Vårdcentralen Mitt' });
  });

  it('follows the tenant’s attribute map, and falls back to the default names for maps saved before care units', () => {
    const mapped = readAttributes(profile({ 'urn:sambi:careUnitHsaId': 'SE2321000164-vc2' }), { userId: 'nameID', careUnitHsaId: 'urn:sambi:careUnitHsaId' });
    expect(mapped.careUnit).toEqual({ hsaId: 'SE2321000164-vc2', name: null });
    expect(readAttributes(profile({ careUnitHsaId: 'SE2321000164-vc3' }), { userId: 'nameID' }).careUnit).toEqual({ hsaId: 'SE2321000164-vc3', name: null });
  });

  it('has no care unit when the identity provider sends none', () => {
    expect(readAttributes(profile({ displayName: 'Anna', careUnitName: 'Namn utan id' }), DEFAULT_ATTRIBUTE_MAP).careUnit).toBeNull();
  });
});
