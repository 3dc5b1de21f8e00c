/** Our own record format: one namespace per information type and version of its definition. */
export const CANONICAL_NS_PREFIX = 'urn:samarkiv:records:';

export function canonicalNamespace(typeId: string, version: number): string {
  return `${CANONICAL_NS_PREFIX}${typeId}:${version}`;
}

/** The type id a canonical namespace names, or null when it is not one of ours. */
export function typeOfNamespace(ns: string): { typeId: string; version: number } | null {
  const m = /^urn:samarkiv:records:([a-z][a-z0-9-]*):(\d+)$/.exec(ns);
  return m ? { typeId: m[1], version: Number(m[2]) } : null;
}
