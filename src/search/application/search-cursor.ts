import { Cursor, SortSpec } from '../domain/search-plan';
import { invalidCursor } from '../search.errors';

/** Opaque to clients; it carries the sort it was made for, so it cannot be replayed on another order. */
export function encodeCursor(sort: SortSpec, last: Cursor): string {
  return Buffer.from(JSON.stringify({ f: sort.field, d: sort.direction, v: last.value, i: last.id })).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function decodeCursor(sort: SortSpec, cursor: string | undefined): Cursor | null {
  if (!cursor) return null;
  let c: { f?: unknown; d?: unknown; v?: unknown; i?: unknown };
  try {
    c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as typeof c;
  } catch {
    throw invalidCursor();
  }
  if (c.f !== sort.field || c.d !== sort.direction || typeof c.v !== 'string' || typeof c.i !== 'string' || !UUID.test(c.i)) throw invalidCursor();
  return { value: c.v, id: c.i };
}
