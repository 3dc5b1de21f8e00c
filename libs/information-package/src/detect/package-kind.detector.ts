import { PackageKind } from '../model/finding';
import { EarkVersion } from '../rules/requirement-catalog';
import { FGS_PROFILE_MARKER } from '../rules/fgs/fgs-package.rule';
import { CONTENT_CATEGORIES, inVocabulary, LEGACY_CONTENT_TYPES } from '../rules/vocabularies';
import { MetsDocument } from '../xml/mets.model';

export interface Detection {
  family: 'eark' | 'fgs';
  kind: PackageKind;
  /** The version reported to the user (null when the package names no version we know). */
  version: string | null;
  /** The profile version whose requirement levels are applied. */
  rulesVersion: EarkVersion;
  basis: string;
}

const PROFILE_VERSIONS: Array<[RegExp, EarkVersion]> = [
  [/E-ARK-SIP-v2-2-0\.xml$/i, '2.2.0'],
  [/E-ARK-SIP-v2-1-0\.xml$/i, '2.1.0'],
  [/E-ARK-CSIP-v2-2-0\.xml$/i, '2.2.0'],
  [/E-ARK-CSIP-v2-1-0\.xml$/i, '2.1.0'],
  [/E-ARK-(C?SIP)-v2-0-4\.xml$/i, '2.0.4'],
];

const KIND_BY_TYPE: Record<string, PackageKind> = { SIP: 'E-ARK SIP', AIP: 'E-ARK AIP', DIP: 'E-ARK DIP' };

/** Says what the package is from its own root METS: E-ARK CSIP/SIP 2.x (and which version) or FGS 1.x. */
export function detectKind(rootFile: string, doc: MetsDocument | undefined): Detection {
  const attrs = doc?.root?.attrs ?? {};
  const profile = attrs.PROFILE ?? '';
  const hasExt = Object.keys(attrs).some((k) => k.startsWith('ext:')) || Object.keys(doc?.headers[0]?.attrs ?? {}).some((k) => k.startsWith('ext:'));
  if (profile.includes(FGS_PROFILE_MARKER) || (rootFile !== 'METS.xml' && hasExt)) {
    const v = /version(\d)(\d)/i.exec(profile);
    return { family: 'fgs', kind: 'FGS 1.x', version: v ? `${v[1]}.${v[2]}` : '1.x', rulesVersion: '2.2.0', basis: `PROFILE "${profile}"` };
  }
  const pkgType = doc?.headers[0]?.attrs['csip:OAISPACKAGETYPE'];
  const isSipProfile = /earksip\.dilcis\.eu|\/sip\//i.test(profile);
  const kind: PackageKind = (pkgType ? KIND_BY_TYPE[pkgType] : undefined) ?? (isSipProfile ? 'E-ARK SIP' : 'E-ARK CSIP');
  for (const [pattern, version] of PROFILE_VERSIONS) {
    if (pattern.test(profile)) return { family: 'eark', kind, version, rulesVersion: version, basis: `PROFILE "${profile}"` };
  }
  if (/dilcis\.eu\/profile\/E-ARK-C?SIP\.xml$/i.test(profile) || /earkcsip\.dilcis\.eu\/profile\/CSIP\.xml$/i.test(profile)) {
    // The unversioned profile URLs served 2.0.x to 2.2.0; the content category vocabulary arrived in 2.1.0.
    const type = attrs.TYPE ?? '';
    const legacy = type !== '' && inVocabulary(type, LEGACY_CONTENT_TYPES) && !inVocabulary(type, CONTENT_CATEGORIES);
    const version: EarkVersion = legacy ? '2.0.4' : '2.2.0';
    return { family: 'eark', kind, version, rulesVersion: version, basis: `unversioned PROFILE "${profile}" and mets/@TYPE "${type}"` };
  }
  return { family: 'eark', kind, version: null, rulesVersion: '2.2.0', basis: profile ? `unrecognised PROFILE "${profile}"` : 'no PROFILE' };
}
