import { DEFAULT_LAYOUT_CONFIG, HashedNTupleConfig, HashedNTupleLayout, HASHED_N_TUPLE_EXTENSION, LAYOUT_DESCRIPTION } from './hashed-n-tuple.layout';
import { EXTENSIONS_DIR, LAYOUT_FILE, ROOT_NAMASTE, ROOT_NAMASTE_CONTENT } from './ocfl.constants';
import { StorageBackend } from './storage.backend';
import { StorageError, StorageErrorCode } from './storage.errors';

const LAYOUT_CONFIG_KEY = `${EXTENSIONS_DIR}/${HASHED_N_TUPLE_EXTENSION}/config.json`;

/**
 * Opens an OCFL 1.1 storage root, declaring it (namaste, ocfl_layout.json, extension config)
 * when the location is empty. An existing root keeps the layout it declares.
 */
export async function openStorageRoot(backend: StorageBackend, config: HashedNTupleConfig = DEFAULT_LAYOUT_CONFIG): Promise<HashedNTupleLayout> {
  const namaste = await backend.getBytes(ROOT_NAMASTE);
  if (namaste) {
    if (namaste.toString('utf8') !== ROOT_NAMASTE_CONTENT) throw new StorageError(StorageErrorCode.NotAStorageRoot, 'storage root declaration is corrupt');
    const layout = JSON.parse((await backend.getBytes(LAYOUT_FILE))?.toString('utf8') ?? '{}') as { extension?: string };
    if (layout.extension !== HASHED_N_TUPLE_EXTENSION) {
      throw new StorageError(StorageErrorCode.NotAStorageRoot, `unsupported storage layout ${String(layout.extension)}`);
    }
    const stored = await backend.getBytes(LAYOUT_CONFIG_KEY);
    return new HashedNTupleLayout(stored ? { ...DEFAULT_LAYOUT_CONFIG, ...(JSON.parse(stored.toString('utf8')) as Partial<HashedNTupleConfig>) } : DEFAULT_LAYOUT_CONFIG);
  }
  for await (const entry of backend.list('')) {
    throw new StorageError(StorageErrorCode.NotAStorageRoot, `location is not empty and not an OCFL storage root (found ${entry.key})`);
  }
  await backend.putBytes(LAYOUT_CONFIG_KEY, json(config));
  await backend.putBytes(LAYOUT_FILE, json({ extension: HASHED_N_TUPLE_EXTENSION, description: LAYOUT_DESCRIPTION }));
  await backend.putBytes(ROOT_NAMASTE, Buffer.from(ROOT_NAMASTE_CONTENT, 'utf8'));
  return new HashedNTupleLayout(config);
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value, null, 2) + '\n', 'utf8');
}
