import { SetMetadata } from '@nestjs/common';
import { Tier } from './access';
import { Action } from './actions';

export const REQUIRES = Symbol('samarkiv:requires');
export const PUBLIC = Symbol('samarkiv:public');

export interface Requirement {
  action: Action;
  /** Where the information type comes from: a route param or body field name. */
  informationTypeFrom?: { param?: string; body?: string };
  tier?: Tier;
}

/**
 * Declares what an endpoint needs. The global guard checks it (401 without a principal, 403 without
 * the action); services check again where data is read.
 */
export const Requires = (action: Action, options: Omit<Requirement, 'action'> = {}) => SetMetadata(REQUIRES, { action, ...options });

/** Endpoints open to anonymous callers (login pages, metadata, health). */
export const Public = () => SetMetadata(PUBLIC, true);
