import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { RequestContext } from '../platform/context';
import { CatalogueViews, ReadOptions } from './application/catalogue-views';
import { assertOwnObject, ObjectWriterService } from './application/object-writer.service';
import { EventRepository } from './infrastructure/event.repository';
import { RepairReport, StorageOperationsService, VerifyReport } from './application/storage-operations.service';
import { StoragePolicyService, StoragePolicyView } from './application/storage-policy.service';
import { CopyFixity, ObjectLifecycleService } from './application/object-lifecycle.service';
import type { AuditRunRow } from './infrastructure/audit-report.repository';
import { DestructionOrder, DestructionResult, ObjectDisposalService } from './application/object-disposal.service';
import { ObjectRegistrationService } from './application/object-registration.service';
import { Tombstone, TombstoneRepository } from './infrastructure/tombstone.repository';
import { PreservationEvent, PreservationEventInput } from './domain/preservation-event';
import { LogicalFile, StoredObject, StoreObjectRequest, VersionChangeRequest } from './domain/stored-object';

export { PremisEventType } from './domain/preservation-event';
export type { PreservationEvent, PreservationEventInput, PremisOutcome } from './domain/preservation-event';
export type { StoredCopy, StoredObject, StoreObjectRequest, VersionChangeRequest, LogicalFile } from './domain/stored-object';
export type { DestructionOrder, DestructionResult, Tombstone };
export type { ReadOptions, RepairReport, VerifyReport, StoragePolicyView, AuditRunRow, CopyFixity };

/**
 * The preservation module's only public surface: archival storage of OCFL objects in every
 * location of the tenant's storage policy, reads from verified copies, PREMIS events. The tenant
 * is always the caller's (`ctx.requireTenant()`); another tenant's object id is "not found".
 */
@Injectable()
export class PreservationFacade {
  constructor(
    private readonly writer: ObjectWriterService,
    private readonly views: CatalogueViews,
    private readonly events: EventRepository,
    private readonly operations: StorageOperationsService,
    private readonly policies: StoragePolicyService,
    private readonly disposal: ObjectDisposalService,
    private readonly registration: ObjectRegistrationService,
    private readonly tombstones: TombstoneRepository,
    private readonly lifecycle: ObjectLifecycleService,
  ) {}

  /**
   * Writes v1 to every location the tenant's policy requires and verifies each copy; resolves
   * only when all are written, verified and catalogued. Idempotent: the same content again returns
   * the stored object; an earlier attempt that never finished is cleaned up and redone.
   */
  storeObject(ctx: RequestContext, req: StoreObjectRequest): Promise<StoredObject> {
    return this.writer.storeObject(ctx, req);
  }

  addVersion(ctx: RequestContext, objectId: string, changes: VersionChangeRequest, message: string, agent?: { name: string; address?: string }): Promise<StoredObject> {
    return this.writer.addVersion(ctx, objectId, changes, message, agent);
  }

  async getObject(ctx: RequestContext, objectId: string): Promise<StoredObject> {
    const tenantId = ctx.requireTenant();
    assertOwnObject(tenantId, objectId);
    return this.views.storedObject(tenantId, objectId);
  }

  /** A file of the head version (or `opts.version`), checked against its digest while it streams. */
  async openFile(ctx: RequestContext, objectId: string, logicalPath: string, opts?: ReadOptions): Promise<Readable> {
    const tenantId = ctx.requireTenant();
    assertOwnObject(tenantId, objectId);
    return this.views.openFile(tenantId, objectId, logicalPath, opts);
  }

  /** Several files of the head version with one inventory read, each checked while it streams; consume each before the next. */
  openFiles(ctx: RequestContext, objectId: string, logicalPaths: string[], opts?: ReadOptions): AsyncIterable<{ logicalPath: string; stream: Readable }> {
    const tenantId = ctx.requireTenant();
    assertOwnObject(tenantId, objectId);
    return this.views.openFiles(tenantId, objectId, logicalPaths, opts);
  }

  async listFiles(ctx: RequestContext, objectId: string, opts?: ReadOptions): Promise<LogicalFile[]> {
    const tenantId = ctx.requireTenant();
    assertOwnObject(tenantId, objectId);
    return this.views.listFiles(tenantId, objectId, opts);
  }

  /** Every object id of the caller's tenant found in a storage location (default: the policy's first), from storage alone. */
  listObjects(ctx: RequestContext, location?: string): AsyncIterable<string> {
    return this.views.listObjects(ctx.requireTenant(), location);
  }

  async recordEvent(ctx: RequestContext, objectId: string, event: PreservationEventInput): Promise<void> {
    const tenantId = ctx.requireTenant();
    assertOwnObject(tenantId, objectId);
    await this.events.insert(tenantId, objectId, event, ctx.correlationId);
  }

  async listEvents(ctx: RequestContext, objectId: string): Promise<PreservationEvent[]> {
    const tenantId = ctx.requireTenant();
    assertOwnObject(tenantId, objectId);
    return this.events.list(tenantId, objectId);
  }

  /**
   * Destroys files (disposal, journalförstöring) in every version and every copy; leaves a
   * tombstone and a PREMIS deletion event. Deliberately breaks OCFL immutability.
   */
  destroyContent(ctx: RequestContext, objectId: string, logicalPaths: string[], order: DestructionOrder): Promise<DestructionResult> {
    return this.disposal.destroyContent(ctx, objectId, logicalPaths, order);
  }

  /** Destroys the whole object in every location; the tombstone and the events stay. */
  destroyObject(ctx: RequestContext, objectId: string, order: DestructionOrder): Promise<DestructionResult> {
    return this.disposal.destroyObject(ctx, objectId, order);
  }

  async listTombstones(ctx: RequestContext, objectId: string): Promise<Tombstone[]> {
    const tenantId = ctx.requireTenant();
    assertOwnObject(tenantId, objectId);
    return this.tombstones.list(tenantId, objectId);
  }

  /**
   * For a rebuild from storage: catalogues an object found in the storage roots (see
   * `listObjects`) after checking every copy in full. Already catalogued objects are returned as they are.
   */
  registerFromStorage(ctx: RequestContext, objectId: string): Promise<StoredObject> {
    return this.registration.registerFromStorage(ctx, objectId);
  }

  // --- End of life (final archive): custody proof ---

  /** Every copy re-read and re-hashed: its head, inventory digest and whether it is intact. */
  verifyCopies(ctx: RequestContext, objectId: string): Promise<CopyFixity[]> {
    return this.lifecycle.verifyCopies(ctx, objectId);
  }

  // --- Operators: storage locations, policies, verification and repair (no content) ---

  storageLocations(): Array<{ name: string; description: string }> {
    return this.policies.configuredLocations();
  }

  storagePolicy(ctx: RequestContext, tenantId: string): Promise<StoragePolicyView> {
    return this.policies.get(ctx, tenantId);
  }

  /** null returns the tenant to the default (every configured location). */
  setStoragePolicy(ctx: RequestContext, tenantId: string, locations: string[] | null): Promise<StoragePolicyView> {
    return this.policies.set(ctx, tenantId, locations);
  }

  verifyStorage(ctx: RequestContext, opts?: { tenantId?: string; location?: string }): Promise<VerifyReport> {
    return this.operations.verify(ctx, opts);
  }

  repairStorage(ctx: RequestContext, opts?: { tenantId?: string }): Promise<RepairReport> {
    return this.operations.repair(ctx, opts);
  }

  auditRuns(ctx: RequestContext, opts?: { limit?: number; location?: string }): Promise<AuditRunRow[]> {
    return this.operations.auditRuns(ctx, opts);
  }
}
