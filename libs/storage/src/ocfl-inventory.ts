import { createHash } from 'node:crypto';
import { StorageError, StorageErrorCode } from './storage.errors';
import { DEFAULT_CONTENT_DIRECTORY, INVENTORY_FILE, INVENTORY_TYPE, OcflDigestAlgorithm } from './ocfl.constants';

export interface OcflUser {
  name: string;
  /** A URI, e.g. `mailto:` or `urn:samarkiv:…:user:…`. */
  address?: string;
}

export interface OcflVersion {
  created: string;
  state: Record<string, string[]>;
  message?: string;
  user?: OcflUser;
}

export interface OcflInventory {
  id: string;
  type: string;
  digestAlgorithm: OcflDigestAlgorithm;
  head: string;
  contentDirectory?: string;
  manifest: Record<string, string[]>;
  versions: Record<string, OcflVersion>;
  fixity?: Record<string, Record<string, string[]>>;
}

export interface VersionMeta {
  created: Date | string;
  message: string;
  user: OcflUser;
}

export function versionName(n: number): string {
  return `v${n}`;
}

export function versionNumber(name: string): number {
  const m = /^v(\d+)$/.exec(name);
  return m ? Number(m[1]) : NaN;
}

export function emptyInventory(id: string, algorithm: OcflDigestAlgorithm): OcflInventory {
  return {
    id,
    type: INVENTORY_TYPE,
    digestAlgorithm: algorithm,
    head: versionName(0),
    contentDirectory: DEFAULT_CONTENT_DIRECTORY,
    manifest: {},
    versions: {},
  };
}

export function contentDirectoryOf(inv: OcflInventory): string {
  return inv.contentDirectory ?? DEFAULT_CONTENT_DIRECTORY;
}

export function toVersion(meta: VersionMeta, state: Record<string, string[]>): OcflVersion {
  const created = typeof meta.created === 'string' ? meta.created : meta.created.toISOString();
  return { created, message: meta.message, user: { ...meta.user }, state };
}

/** Logical path → digest for one version (the inverse of the OCFL state block). */
export function logicalState(inv: OcflInventory, version = inv.head): Map<string, string> {
  const v = inv.versions[version];
  const out = new Map<string, string>();
  if (!v) return out;
  for (const [digest, paths] of Object.entries(v.state)) for (const p of paths) out.set(p, digest);
  return out;
}

export function stateFromLogical(logical: Map<string, string>): Record<string, string[]> {
  const state: Record<string, string[]> = {};
  for (const [path, digest] of [...logical.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    (state[digest] ??= []).push(path);
  }
  return state;
}

/** Content path → digest over the whole manifest. */
export function contentPaths(inv: OcflInventory): Map<string, string> {
  const out = new Map<string, string>();
  for (const [digest, paths] of Object.entries(inv.manifest)) for (const p of paths) out.set(p, digest);
  return out;
}

export interface SerializedInventory {
  json: Buffer;
  sidecar: Buffer;
  digest: string;
}

/** Inventory bytes and the matching sidecar (`<digest> inventory.json\n`). */
export function serializeInventory(inv: OcflInventory): SerializedInventory {
  const json = Buffer.from(JSON.stringify(inv, null, 2) + '\n', 'utf8');
  const digest = createHash(inv.digestAlgorithm).update(json).digest('hex');
  return { json, sidecar: Buffer.from(`${digest} ${INVENTORY_FILE}\n`, 'utf8'), digest };
}

export function parseSidecar(text: string): string | undefined {
  const m = /^([0-9a-fA-F]+)[ \t]+inventory\.json\s*$/.exec(text);
  return m ? m[1].toLowerCase() : undefined;
}

/** Logical paths must be relative, slash-separated and free of `.`/`..`/empty segments (OCFL E099/E100). */
export function assertLogicalPath(path: string): void {
  if (!path || path.startsWith('/') || path.endsWith('/') || path.includes('\\') || path.includes('\0')) {
    throw new StorageError(StorageErrorCode.InvalidPath, `invalid logical path: ${JSON.stringify(path)}`);
  }
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.' || seg === '..') throw new StorageError(StorageErrorCode.InvalidPath, `invalid logical path: ${JSON.stringify(path)}`);
  }
}

/**
 * The inventory as it stood at version `n`: OCFL requires each version directory to hold that
 * version's inventory, whose manifest only names content added up to then.
 */
export function inventoryAtVersion(inv: OcflInventory, n: number): OcflInventory {
  const versions: Record<string, OcflVersion> = {};
  for (const [name, v] of Object.entries(inv.versions)) if (versionNumber(name) <= n) versions[name] = v;
  const manifest: Record<string, string[]> = {};
  for (const [digest, paths] of Object.entries(inv.manifest)) {
    const kept = paths.filter((p) => versionNumber(p.split('/')[0]) <= n);
    if (kept.length) manifest[digest] = kept;
  }
  return { ...inv, head: versionName(n), manifest, versions };
}
