import { DataSource } from 'typeorm';

/**
 * For the completeness test of issue 4 ("walks every route that returns record data and checks an
 * entry is written"). Record routes arrive with the search and archive modules; their tests call
 * this with every such route. Each request carries its own correlation id, and the helper checks
 * that the access log holds at least one entry with that id, naming the routes that wrote none.
 */
export interface RecordRoute {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export async function routesWithoutAuditEntry(baseUrl: string, ds: DataSource, routes: RecordRoute[]): Promise<string[]> {
  const missing: string[] = [];
  for (const [i, route] of routes.entries()) {
    const correlationId = `completeness-${Date.now().toString(36)}-${i}`;
    const res = await fetch(`${baseUrl}${route.path}`, {
      method: route.method,
      headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId, ...route.headers },
      body: route.body === undefined ? undefined : JSON.stringify(route.body),
    });
    await res.arrayBuffer();
    const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM audit_entry WHERE correlation_id = $1`, [correlationId])) as Array<{ n: number }>;
    if (res.ok && n === 0) missing.push(`${route.method} ${route.path}`);
  }
  return missing;
}

/** Paths of the OpenAPI document whose operations carry one of the given tags (e.g. the record APIs). */
export function openApiRoutes(doc: { paths: Record<string, Record<string, { tags?: string[] }>> }, tags: string[]): Array<{ method: string; path: string }> {
  const out: Array<{ method: string; path: string }> = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) if (op.tags?.some((t) => tags.includes(t))) out.push({ method: method.toUpperCase(), path });
  }
  return out;
}
