import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { RequestContext } from '../platform/context';
import { CatalogueViews, ReadOptions } from './application/catalogue-views';
import { assertOwnObject, ObjectWriterService } from './application/object-writer.service';
import { ObjectAdoptionService } from './application/object-adoption.service';
import { EventRepository } from './infrastructure/event.repository';
import { RepairReport, StorageOperationsService, VerifyReport } from './application/storage-operations.service';
import { StoragePolicyService, StoragePolicyView } from './application/storage-policy.service';
import { CopyFixity, DestroyedObject, ObjectLifecycleService } from './application/object-lifecycle.service';
import type { AuditRunRow } from './infrastructure/audit-report.repository';
import { PreservationEvent, PreservationEventInput } from './domain/preservation-event';
import { LogicalFile, StoredObject, StoreObjectRequest, VersionChangeRequest } from './domain/stored-object';

export { PremisEventType } from './domain/preservation-event';
export type { PreservationEvent, PreservationEventInput, PremisOutcome } from './domain/preservation-event';
export type { StoredCopy, StoredObject, StoreObjectRequest, VersionChangeRequest, LogicalFile } from './domain/stored-object';
export type { ReadOptions, RepairReport, VerifyReport, StoragePolicyView, AuditRunRow, CopyFixity, DestroyedObject };

/**
 * The preservation module's only public surface: archival storage of OCFL objects in every
 * location of the tenant's storage policy, reads from verified copies, PREMIS events. The tenant
 * is always the caller's (`ctx.requireTenant()`); another tenant's object id is "not found".
 */
@Injectable()
export class PreservationFacade {
  constructor(
    private readonly writer: ObjectWriterService,
    private readonly adoption: ObjectAdoptionService,
    private readonly views: CatalogueViews,
    private readonly events: EventRepository,
    private readonly operations: StorageOperationsService,
    private readonly policies: StoragePolicyService,
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

  async listFiles(ctx: RequestContext, objectId: string, opts?: ReadOptions): Promise<LogicalFile[]> {
    const tenantId = ctx.requireTenant();
    assertOwnObject(tenantId, objectId);
    return this.views.listFiles(tenantId, objectId, opts);
  }

  /** Rebuild from storage: catalogues an object found in storage after checking every copy in full. */
  adoptObject(ctx: RequestContext, objectId: string): Promise<StoredObject> {
    const tenantId = ctx.requireTenant();
    assertOwnObject(tenantId, objectId);
    return this.adoption.adopt(ctx, tenantId, objectId);
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

  // --- End of life (final archive): custody proof, journal destruction, disposal ---

  /** Every copy re-read and re-hashed: its head, inventory digest and whether it is intact. */
  verifyCopies(ctx: RequestContext, objectId: string): Promise<CopyFixity[]> {
    return this.lifecycle.verifyCopies(ctx, objectId);
  }

  /** Removes logical paths from every version in every location; the event is recorded with the new head. */
  purgeFiles(ctx: RequestContext, objectId: string, logicalPaths: string[], message: string, event: PreservationEventInput): Promise<{ version: string; fileCount: number; totalBytes: number }> {
    return this.lifecycle.purgeFiles(ctx, objectId, logicalPaths, message, event);
  }

  /** Destroys every copy of the object in every location; only the event (no content) remains. */
  destroyObject(ctx: RequestContext, objectId: string, event: PreservationEventInput): Promise<DestroyedObject> {
    return this.lifecycle.destroy(ctx, objectId, event);
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
