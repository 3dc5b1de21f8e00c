/** What was done. The database checks the same list (audit_entry_action_check). */
export enum AuditAction {
  Login = 'login',
  LoginRefused = 'login-refused',
  Logout = 'logout',
  Search = 'search',
  View = 'view',
  Download = 'download',
  Export = 'export',
  Print = 'print',
  Deliver = 'deliver',
  Validate = 'validate',
  Transfer = 'transfer',
  RequestHandled = 'request-handled',
  Dispose = 'dispose',
  Block = 'block',
  GrantChange = 'grant-change',
  ConfigChange = 'config-change',
  LogReview = 'log-review',
  LogMaintenance = 'log-maintenance',
  /** Another tenant's resource was asked for (answered 404, no existence leak). */
  AccessRefused = 'access-refused',
}

export enum AuditOutcome {
  Success = 'success',
  Refused = 'refused',
  Failed = 'failed',
}

export type ActorKind = 'user' | 'api-client' | 'system' | 'anonymous';
