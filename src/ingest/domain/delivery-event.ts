import { DeliveryStage } from './delivery-stage';

export type DeliveryEventType = 'created' | 'upload-started' | 'received' | 'stage-started' | 'stage-completed' | 'accepted' | 'rejected' | 'failed' | 'purged' | 'notified';

/** One line of a delivery's history, as the SSE stream and GET /deliveries/:id/events show it. */
export interface DeliveryEvent {
  seq: number;
  type: DeliveryEventType;
  stage: DeliveryStage;
  message: string;
  details: Record<string, unknown> | null;
  at: string;
}
