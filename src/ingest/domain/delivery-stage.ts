/**
 * Where a delivery is. The processing stages run in this order, one BullMQ job each; the stage
 * stored on the delivery is the one to run next (or running), so a repeated job knows whether its
 * work is already done.
 */
export enum DeliveryStage {
  AwaitingUpload = 'awaiting-upload',
  Unpacking = 'unpacking',
  Validating = 'validating',
  Identifying = 'identifying',
  Extracting = 'extracting',
  Building = 'building',
  Storing = 'storing',
  Cataloguing = 'cataloguing',
  Cleaning = 'cleaning',
  Accepted = 'accepted',
  Rejected = 'rejected',
  Failed = 'failed',
}

export const PIPELINE: readonly DeliveryStage[] = [
  DeliveryStage.Unpacking,
  DeliveryStage.Validating,
  DeliveryStage.Identifying,
  DeliveryStage.Extracting,
  DeliveryStage.Building,
  DeliveryStage.Storing,
  DeliveryStage.Cataloguing,
  DeliveryStage.Cleaning,
];

export const TERMINAL_STAGES: ReadonlySet<DeliveryStage> = new Set([DeliveryStage.Accepted, DeliveryStage.Rejected, DeliveryStage.Failed]);

const ORDER: readonly DeliveryStage[] = [DeliveryStage.AwaitingUpload, ...PIPELINE, DeliveryStage.Accepted];

/** The stage after `stage` in an accepted delivery's life. */
export function nextStage(stage: DeliveryStage): DeliveryStage {
  const i = ORDER.indexOf(stage);
  if (i < 0 || i === ORDER.length - 1) throw new Error(`no stage after ${stage}`);
  return ORDER[i + 1];
}

/** True when `stage` has been passed already (the delivery is further along or finished). */
export function isPast(current: DeliveryStage, stage: DeliveryStage): boolean {
  if (TERMINAL_STAGES.has(current)) return true;
  return ORDER.indexOf(current) > ORDER.indexOf(stage);
}

export type DeliveryOutcome = 'accepted' | 'rejected' | 'failed';
