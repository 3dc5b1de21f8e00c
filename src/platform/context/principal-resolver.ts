import type { IncomingMessage } from 'node:http';
import { Principal } from './access';

/**
 * Port: turns a request's credentials (session cookie, bearer token) into a principal.
 * The auth module provides the adapter; without it every request is anonymous.
 */
export abstract class PrincipalResolver {
  abstract resolve(req: IncomingMessage & { cookies?: Record<string, string> }): Promise<Principal | null>;
}
