import { EntityManager } from 'typeorm';
import { RequestContext } from '../../platform/context';
import { DeliveryWorkspace } from '../application/delivery-workspace';
import { DeliveryEntity } from '../domain/delivery.entity';
import { DeliveryFinding } from '../domain/delivery-finding';
import { DeliveryStage } from '../domain/delivery-stage';

export interface StageInput {
  ctx: RequestContext;
  delivery: DeliveryEntity;
  ws: DeliveryWorkspace;
}

export interface StageOutcome {
  findings: DeliveryFinding[];
  /** Columns of the delivery to set together with the move to the next stage. */
  changes?: Partial<DeliveryEntity>;
  summary: string;
  details?: Record<string, unknown>;
  /** Work that must commit with the move to the next stage (the catalogue and index). */
  inTransaction?: (tx: EntityManager) => Promise<void>;
}

/**
 * One pipeline stage. `run` may be called again after a crash or a retry: it starts over from the
 * previous stage's output in the workspace and replaces whatever a half-done earlier run left.
 */
export interface PipelineStage {
  readonly stage: DeliveryStage;
  run(input: StageInput): Promise<StageOutcome>;
}

export const finding = (stage: DeliveryStage, f: Omit<DeliveryFinding, 'stage'>): DeliveryFinding => ({ stage, ...f });
