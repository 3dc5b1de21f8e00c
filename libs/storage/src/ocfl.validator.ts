import { createHash } from 'node:crypto';
import { INVENTORY_FILE, INVENTORY_TYPE, OBJECT_NAMASTE, OBJECT_NAMASTE_CONTENT, sidecarName } from './ocfl.constants';
import { OcflInventory, parseSidecar, versionNumber } from './ocfl-inventory';
import { StorageBackend } from './storage.backend';
import { hashStored } from './stored-file-hash';
import { TokenBucket } from './token-bucket';

export type FindingKind =
  /** Content differs from its manifest digest. */
  | 'changed'
  /** A file named by an inventory is absent. */
  | 'missing'
  /** Content is shorter than the size the caller recorded. */
  | 'truncated'
  /** A file no inventory references. */
  | 'extra'
  /** Inventory, sidecar, namaste or version sequence broken. */
  | 'structure';

export interface Finding {
  kind: FindingKind;
  /** Path relative to the object root. */
  path: string;
  message: string;
}

export interface ValidationReport {
  valid: boolean;
  findings: Finding[];
  inventory?: OcflInventory;
}

export interface ValidateOptions {
  expectedId?: string;
  /** Re-hash content (default true); false checks structure only. */
  checkDigests?: boolean;
  /** Content path → size known from the catalogue, to tell truncation from other change. */
  expectedSizes?: Map<string, number>;
  /**
   * Content paths whose digests are not re-computed (their sizes still are checked): files the
   * writer just hard-linked from sources hashed as they were written (IngestFile.adopt).
   */
  skipDigests?: ReadonlySet<string>;
  throttle?: TokenBucket;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ALLOWED_ROOT_DIRS = ['extensions', 'logs'];

/** Checks an object root against the OCFL 1.1 object and inventory rules. */
export async function validateOcflObject(backend: StorageBackend, root: string, opts: ValidateOptions = {}): Promise<ValidationReport> {
  const findings: Finding[] = [];
  const add = (kind: FindingKind, path: string, message: string) => findings.push({ kind, path, message });

  const namaste = await backend.getBytes(`${root}/${OBJECT_NAMASTE}`);
  if (!namaste) add('missing', OBJECT_NAMASTE, 'object declaration missing');
  else if (namaste.toString('utf8') !== OBJECT_NAMASTE_CONTENT) add('changed', OBJECT_NAMASTE, 'object declaration has wrong content');

  const rootInv = await readInventory(backend, root, '', add);
  if (!rootInv) return { valid: false, findings };
  const inv = rootInv.inventory;
  checkStructure(inv, '', add);
  if (opts.expectedId !== undefined && inv.id !== opts.expectedId) add('structure', INVENTORY_FILE, 'inventory id differs from the object id');
  if (findings.some((f) => f.kind === 'structure')) return { valid: false, findings, inventory: inv };

  const expected = new Set<string>([OBJECT_NAMASTE, INVENTORY_FILE, sidecarName(inv.digestAlgorithm)]);
  const headNumber = versionNumber(inv.head);
  for (const v of Object.keys(inv.versions)) {
    expected.add(`${v}/${INVENTORY_FILE}`);
    expected.add(`${v}/${sidecarName(inv.digestAlgorithm)}`);
    const vInv = await readInventory(backend, root, `${v}/`, add);
    if (!vInv) continue;
    checkStructure(vInv.inventory, `${v}/`, add);
    if (vInv.inventory.id !== inv.id) add('structure', `${v}/${INVENTORY_FILE}`, 'version inventory id differs');
    if (vInv.inventory.digestAlgorithm !== inv.digestAlgorithm) add('structure', `${v}/${INVENTORY_FILE}`, 'version inventory digestAlgorithm differs');
    if (versionNumber(v) === headNumber && !vInv.bytes.equals(rootInv.bytes)) {
      add('structure', `${v}/${INVENTORY_FILE}`, 'head version inventory differs from the root inventory');
    }
    for (const [name, version] of Object.entries(vInv.inventory.versions ?? {})) {
      const later = inv.versions[name];
      if (!later || JSON.stringify(later.state) !== JSON.stringify(version.state)) {
        add('structure', `${v}/${INVENTORY_FILE}`, `version ${name} state differs from the root inventory`);
      }
    }
  }

  const manifestPaths = new Map<string, string>();
  for (const [digest, paths] of Object.entries(inv.manifest)) for (const p of paths) manifestPaths.set(p, digest);
  const present = new Map<string, number>();
  for await (const entry of backend.list(root)) present.set(entry.key.slice(root.length + 1), entry.size);

  for (const path of expected) if (!present.has(path)) add('missing', path, 'required file missing');
  for (const [path, size] of present) {
    if (expected.has(path) || manifestPaths.has(path)) continue;
    if (ALLOWED_ROOT_DIRS.includes(path.split('/')[0])) continue;
    add('extra', path, `file not referenced by the inventory (${size} bytes)`);
  }
  for (const [path, digest] of manifestPaths) {
    if (!present.has(path)) {
      add('missing', path, 'content file missing');
      continue;
    }
    if (opts.checkDigests === false || opts.skipDigests?.has(path)) {
      const want = opts.expectedSizes?.get(path);
      const size = present.get(path) as number;
      if (want !== undefined && size < want) add('truncated', path, `content truncated to ${size} of ${want} bytes`);
      else if (want !== undefined && size !== want) add('changed', path, `content size ${size} differs from ${want}`);
      continue;
    }
    const got = await hashStored(backend, `${root}/${path}`, inv.digestAlgorithm, opts.throttle);
    if (!got) add('missing', path, 'content file missing');
    else if (got.digest !== digest.toLowerCase()) {
      const want = opts.expectedSizes?.get(path);
      if (want !== undefined && got.size < want) add('truncated', path, `content truncated to ${got.size} of ${want} bytes`);
      else add('changed', path, 'content digest differs from the manifest');
    }
  }
  return { valid: findings.length === 0, findings, inventory: inv };
}

interface ReadInventory {
  inventory: OcflInventory;
  bytes: Buffer;
}

async function readInventory(
  backend: StorageBackend,
  root: string,
  prefix: string,
  add: (kind: FindingKind, path: string, message: string) => void,
): Promise<ReadInventory | undefined> {
  const bytes = await backend.getBytes(`${root}/${prefix}${INVENTORY_FILE}`);
  if (!bytes) {
    add('missing', `${prefix}${INVENTORY_FILE}`, 'inventory missing');
    return undefined;
  }
  let inventory: OcflInventory;
  try {
    inventory = JSON.parse(bytes.toString('utf8')) as OcflInventory;
  } catch {
    add('structure', `${prefix}${INVENTORY_FILE}`, 'inventory is not valid JSON');
    return undefined;
  }
  if (inventory.digestAlgorithm !== 'sha512' && inventory.digestAlgorithm !== 'sha256') {
    add('structure', `${prefix}${INVENTORY_FILE}`, 'digestAlgorithm must be sha512 or sha256');
    return undefined;
  }
  const sidecarPath = `${prefix}${sidecarName(inventory.digestAlgorithm)}`;
  const sidecar = await backend.getBytes(`${root}/${sidecarPath}`);
  if (!sidecar) add('missing', sidecarPath, 'inventory sidecar missing');
  else {
    const want = parseSidecar(sidecar.toString('utf8'));
    const got = createHash(inventory.digestAlgorithm).update(bytes).digest('hex');
    if (want === undefined) add('structure', sidecarPath, 'sidecar is malformed');
    else if (want !== got) add('changed', `${prefix}${INVENTORY_FILE}`, 'inventory digest differs from its sidecar');
  }
  return { inventory, bytes };
}

function checkStructure(inv: OcflInventory, prefix: string, add: (kind: FindingKind, path: string, message: string) => void): void {
  const where = `${prefix}${INVENTORY_FILE}`;
  const bad = (message: string) => add('structure', where, message);
  if (typeof inv.id !== 'string' || inv.id === '') bad('id missing');
  if (inv.type !== INVENTORY_TYPE) bad(`type must be ${INVENTORY_TYPE}`);
  if (typeof inv.head !== 'string') bad('head missing');
  if (inv.contentDirectory !== undefined && (typeof inv.contentDirectory !== 'string' || /[/]|^\.\.?$/.test(inv.contentDirectory) || !inv.contentDirectory)) {
    bad('contentDirectory is invalid');
  }
  if (!isObject(inv.manifest)) bad('manifest missing');
  if (!isObject(inv.versions)) {
    bad('versions missing');
    return;
  }
  const names = Object.keys(inv.versions);
  const numbers = names.map(versionNumber);
  if (names.length === 0 || numbers.some((n) => !(n >= 1))) bad('version names must be v1..vN');
  const padded = names.some((n) => n.startsWith('v0'));
  if (padded && new Set(names.map((n) => n.length)).size > 1) bad('zero-padded version names must have equal width');
  const max = Math.max(...numbers);
  for (let k = 1; k <= max; k++) if (!numbers.includes(k)) bad(`version sequence has a gap at ${k}`);
  if (versionNumber(inv.head) !== max || !names.includes(inv.head)) bad('head must name the highest version');
  if (!isObject(inv.manifest)) return;

  const digestRe = inv.digestAlgorithm === 'sha512' ? /^[0-9a-fA-F]{128}$/ : /^[0-9a-fA-F]{64}$/;
  const seen = new Set<string>();
  const contentDir = inv.contentDirectory ?? 'content';
  for (const [digest, paths] of Object.entries(inv.manifest)) {
    if (!digestRe.test(digest)) bad(`manifest digest ${digest.slice(0, 16)}… is not a ${inv.digestAlgorithm} digest`);
    if (seen.has(digest.toLowerCase())) bad('manifest digest appears twice');
    seen.add(digest.toLowerCase());
    for (const p of paths) {
      const [v, dir] = p.split('/');
      if (!names.includes(v) || dir !== contentDir || p.split('/').some((s) => s === '' || s === '.' || s === '..')) {
        bad(`manifest content path ${p} is not inside a version content directory`);
      }
    }
  }
  for (const [name, v] of Object.entries(inv.versions)) {
    if (typeof v.created !== 'string' || !RFC3339.test(v.created)) bad(`${name}.created must be RFC 3339 with a time zone`);
    if (!isObject(v.state)) {
      bad(`${name}.state missing`);
      continue;
    }
    if (v.message !== undefined && typeof v.message !== 'string') bad(`${name}.message must be a string`);
    if (v.user !== undefined && (typeof v.user?.name !== 'string' || !v.user.name)) bad(`${name}.user.name missing`);
    const logical = new Set<string>();
    for (const [digest, paths] of Object.entries(v.state)) {
      if (!inv.manifest[digest]) bad(`${name}.state digest is not in the manifest`);
      for (const p of paths) {
        if (logical.has(p)) bad(`${name}.state names a logical path twice`);
        logical.add(p);
      }
    }
    for (const p of logical) {
      const segs = p.split('/');
      for (let i = 1; i < segs.length; i++) {
        if (logical.has(segs.slice(0, i).join('/'))) bad(`${name}.state logical path is both a file and a directory`);
      }
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
