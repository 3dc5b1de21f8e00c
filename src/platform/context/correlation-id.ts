import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const CORRELATION_HEADER = 'x-correlation-id';
const SAFE = /^[A-Za-z0-9._:-]{8,100}$/;

/** Accepts a caller's id when it looks like an id (never echo arbitrary text into logs). */
export function correlationIdOf(req: IncomingMessage & { id?: unknown }): string {
  if (typeof req.id === 'string') return req.id;
  const given = req.headers[CORRELATION_HEADER];
  const id = typeof given === 'string' && SAFE.test(given) ? given : randomUUID();
  req.id = id;
  return id;
}
