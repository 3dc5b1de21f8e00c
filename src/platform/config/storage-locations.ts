import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One archival storage location, as configured (no secrets: S3 credentials come from their own settings). */
export type StorageLocationSpec =
  | { name: string; kind: 'file'; path: string }
  | { name: string; kind: 's3'; bucket: string; prefix: string; endpoint?: string; region: string; forcePathStyle: boolean };

const NAME = /^[a-z][a-z0-9-]{0,30}$/;

/** A fresh install keeps two copies on local disk until locations are configured. */
export function defaultStorageLocations(storageRoot: string): StorageLocationSpec[] {
  return [
    { name: 'primary', kind: 'file', path: join(storageRoot, 'archive', 'primary') },
    { name: 'secondary', kind: 'file', path: join(storageRoot, 'archive', 'secondary') },
  ];
}

/**
 * Parses `STORAGE_LOCATIONS`: comma-separated `name=url`, where url is `file:///abs/path` (or a
 * plain path, relative to the working directory) or
 * `s3://bucket/prefix?endpoint=https://host&region=eu-north-1&forcePathStyle=true`.
 * Throws an Error naming the first problem.
 */
export function parseStorageLocations(value: string, storageRoot: string): StorageLocationSpec[] {
  if (value.trim() === '') return defaultStorageLocations(storageRoot);
  const specs: StorageLocationSpec[] = [];
  for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new Error(`"${part}" must look like name=url`);
    const name = part.slice(0, eq).trim();
    const url = part.slice(eq + 1).trim();
    if (!NAME.test(name)) throw new Error(`location name "${name}" must be lowercase letters, digits or - (at most 31)`);
    if (specs.some((s) => s.name === name)) throw new Error(`location "${name}" is named twice`);
    specs.push(parseLocationUrl(name, url));
  }
  if (specs.length === 0) throw new Error('names no location');
  return specs;
}

function parseLocationUrl(name: string, url: string): StorageLocationSpec {
  if (url.startsWith('s3://')) {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new Error(`location "${name}": ${url} is not a valid URL`);
    }
    if (!u.hostname) throw new Error(`location "${name}": an s3:// URL needs a bucket`);
    const known = new Set(['endpoint', 'region', 'forcePathStyle']);
    for (const key of u.searchParams.keys()) if (!known.has(key)) throw new Error(`location "${name}": unknown parameter ${key} (endpoint, region, forcePathStyle)`);
    const endpoint = u.searchParams.get('endpoint') ?? undefined;
    if (endpoint !== undefined && !/^https?:\/\/\S+$/.test(endpoint)) throw new Error(`location "${name}": endpoint must be an http(s) URL`);
    const forcePathStyle = u.searchParams.get('forcePathStyle');
    if (forcePathStyle !== null && forcePathStyle !== 'true' && forcePathStyle !== 'false') throw new Error(`location "${name}": forcePathStyle must be true or false`);
    const prefix = decodeURIComponent(u.pathname.replace(/^\/+/, ''));
    return {
      name,
      kind: 's3',
      bucket: u.hostname,
      prefix: prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`,
      endpoint,
      region: u.searchParams.get('region') ?? 'us-east-1',
      // Custom endpoints (MinIO, Ceph RGW) almost always need path-style addressing.
      forcePathStyle: forcePathStyle === null ? endpoint !== undefined : forcePathStyle === 'true',
    };
  }
  if (url.startsWith('file:')) {
    let path: string;
    try {
      path = fileURLToPath(url);
    } catch {
      throw new Error(`location "${name}": ${url} must be file:///absolute/path`);
    }
    return { name, kind: 'file', path };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) throw new Error(`location "${name}": unsupported scheme in ${url} (file:// or s3://)`);
  return { name, kind: 'file', path: isAbsolute(url) ? url : resolve(process.cwd(), url) };
}

/** Where a location is, for logs and operators: never contains credentials. */
export function describeLocation(spec: StorageLocationSpec): string {
  return spec.kind === 'file' ? `file://${spec.path}` : `s3://${spec.bucket}/${spec.prefix}${spec.endpoint ? ` at ${spec.endpoint}` : ''}`;
}
