import { hash } from 'node:crypto';
import { AuditBody } from './audit-entry';

/** The prev_hash of the first entry of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Canonical JSON: no whitespace, object keys sorted (JavaScript's default string order), keys with
 * undefined values left out, strings and numbers written as JSON.stringify writes them.
 * Equals Python's `json.dumps(v, sort_keys=True, separators=(',', ':'), ensure_ascii=False)` for
 * the values the log holds (ASCII keys, integers).
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no encoding for non-finite numbers');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON has no encoding for ${typeof value}`);
  }
}

/**
 * hash(n) = SHA-256( prev_hash + "\n" + seq + "\n" + time + "\n" + canonical_json(body) ), hex,
 * with time as ISO 8601 UTC with milliseconds. The database computes the same in audit_append.
 */
export function chainHash(prevHash: string, seq: number, time: Date | string, canonicalBody: string): string {
  // One-shot hashing: several times faster than a Hash object per entry, which verify feels.
  return hash('sha256', `${prevHash}\n${seq}\n${typeof time === 'string' ? time : time.toISOString()}\n${canonicalBody}`, 'hex');
}

const BODY_KEYS: ReadonlyArray<keyof AuditBody> = [
  'v', 'tenantId', 'action', 'outcome', 'actorKind', 'actorId', 'actorHsaId', 'actorName', 'actorRole', 'actorPersonalId',
  'careUnitHsaId', 'careUnitName', 'careProcess', 'sessionId', 'clientAddress', 'informationTypeId', 'patientId',
  'patientName', 'protectedIdentity', 'recordIds', 'searchCriteria', 'details', 'correlationId',
];

/** Body keys in canonical (sorted) order, each with its `"key":` prefix written once. */
const SORTED_PREFIXES = [...BODY_KEYS].sort().map((k) => [k, `${JSON.stringify(k)}:`] as const);

/**
 * The canonical body of an entry (only the body keys, whatever else the object carries).
 * Same output as canonicalJson over the picked keys, written without sorting per call: verify
 * encodes every entry of the log and must keep well above 100,000 entries per second.
 */
export function bodyOf(entry: AuditBody): string {
  let out = '{';
  for (let i = 0; i < SORTED_PREFIXES.length; i++) {
    const [key, prefix] = SORTED_PREFIXES[i];
    const v = entry[key];
    if (v === undefined) continue;
    if (out.length > 1) out += ',';
    out += prefix + (typeof v === 'string' ? JSON.stringify(v) : canonicalJson(v));
  }
  return out + '}';
}
