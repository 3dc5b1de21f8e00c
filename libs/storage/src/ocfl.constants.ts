export const OCFL_VERSION = '1.1';
export const ROOT_NAMASTE = '0=ocfl_1.1';
export const ROOT_NAMASTE_CONTENT = 'ocfl_1.1\n';
export const OBJECT_NAMASTE = '0=ocfl_object_1.1';
export const OBJECT_NAMASTE_CONTENT = 'ocfl_object_1.1\n';
export const INVENTORY_TYPE = 'https://ocfl.io/1.1/spec/#inventory';
export const INVENTORY_FILE = 'inventory.json';
export const LAYOUT_FILE = 'ocfl_layout.json';
export const EXTENSIONS_DIR = 'extensions';
export const DEFAULT_CONTENT_DIRECTORY = 'content';

/** OCFL allows only these two for the inventory digest. */
export type OcflDigestAlgorithm = 'sha512' | 'sha256';

export function sidecarName(algorithm: OcflDigestAlgorithm): string {
  return `${INVENTORY_FILE}.${algorithm}`;
}
