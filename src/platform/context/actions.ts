import { Role } from './access';

/**
 * What an endpoint needs, independent of who asks. Roles (people) and API-client scopes
 * (machines) both map to actions; `@Requires(action)` declares the need on each endpoint.
 */
export enum Action {
  RecordSearch = 'record:search',
  RecordRead = 'record:read',
  RecordExport = 'record:export',
  DeliveryCreate = 'delivery:create',
  DeliveryRead = 'delivery:read',
  ValidationRun = 'validation:run',
  ReceiptRead = 'receipt:read',
  TransferPropose = 'transfer:propose',
  TransferAccept = 'transfer:accept',
  /** See transfers (both sides of the two-person step). */
  TransferRead = 'transfer:read',
  RequestHandle = 'request:handle',
  DisposalPropose = 'disposal:propose',
  DisposalApprove = 'disposal:approve',
  /** See retention rules, candidates, holds, disposals and tombstones. */
  DisposalRead = 'disposal:read',
  AuditReview = 'audit:review',
  TenantAdminister = 'tenant:administer',
  /** Set and lift spärr (blocks of a patient's records at a care unit, or of a whole unit). Tenant-wide. */
  RecordBlockManage = 'record-block:manage',
  TenantOperate = 'tenant:operate',
}

/** Actions that need an information-type grant; the others are tenant-wide. */
export const TYPED_ACTIONS: ReadonlySet<Action> = new Set([
  Action.RecordSearch,
  Action.RecordRead,
  Action.RecordExport,
  Action.DeliveryCreate,
  Action.DeliveryRead,
  Action.ValidationRun,
  Action.ReceiptRead,
  Action.TransferPropose,
  Action.TransferAccept,
  Action.TransferRead,
  Action.RequestHandle,
  Action.DisposalPropose,
  Action.DisposalApprove,
  Action.DisposalRead,
  Action.AuditReview,
]);

export const ROLE_ACTIONS: Record<Role, ReadonlySet<Action>> = {
  [Role.Reader]: new Set([Action.RecordSearch, Action.RecordRead, Action.RecordExport]),
  [Role.Archivist]: new Set([
    Action.RecordSearch,
    Action.RecordRead,
    Action.RecordExport,
    Action.DeliveryCreate,
    Action.DeliveryRead,
    Action.ValidationRun,
    Action.ReceiptRead,
    Action.TransferPropose,
    Action.TransferRead,
    Action.DisposalPropose,
    Action.DisposalRead,
    Action.RecordBlockManage,
  ]),
  [Role.AuthorityArchivist]: new Set([
    Action.RecordSearch,
    Action.RecordRead,
    Action.RecordExport,
    Action.TransferAccept,
    Action.TransferRead,
    Action.RequestHandle,
    Action.DisposalApprove,
    Action.DisposalRead,
    Action.DeliveryRead,
    Action.ReceiptRead,
  ]),
  [Role.LogReviewer]: new Set([Action.AuditReview]),
  [Role.TenantAdmin]: new Set([Action.TenantAdminister, Action.RecordBlockManage]),
  // Operators run the installation; no action that reads record content.
  [Role.Operator]: new Set([Action.TenantOperate]),
};

/** API-client scopes, as the tenant administrator grants them. */
export enum ApiScope {
  Deliver = 'deliver',
  Validate = 'validate',
  Receipts = 'receipts',
}

export const SCOPE_ACTIONS: Record<ApiScope, ReadonlySet<Action>> = {
  // A producer reads the receipts of what it delivered.
  [ApiScope.Deliver]: new Set([Action.DeliveryCreate, Action.DeliveryRead, Action.ReceiptRead]),
  [ApiScope.Validate]: new Set([Action.ValidationRun]),
  [ApiScope.Receipts]: new Set([Action.ReceiptRead, Action.DeliveryRead]),
};
