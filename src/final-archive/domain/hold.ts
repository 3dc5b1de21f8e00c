export type HoldScope = 'patient' | 'delivery' | 'aip' | 'record';
export const HOLD_SCOPES: HoldScope[] = ['patient', 'delivery', 'aip', 'record'];

export interface LegalHold {
  id: string;
  scope: HoldScope;
  /** Personnummer (12 digits) for a patient; a uuid otherwise. */
  target: string;
  reason: string;
  setBy: { id: string; name: string | null };
  setAt: string;
  releasedBy: string | null;
  releasedAt: string | null;
}
