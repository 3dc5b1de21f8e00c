/**
 * Spärr (Patientdatalagen 4 kap. 4 §): a patient's records at a care unit, or every record of the
 * unit (`patient` null), hidden from users who do not act in that unit.
 */
export interface RecordBlock {
  id: string;
  /** Null: the whole care unit. `issuer` null: any issuer (Swedish numbers are unique on their own). */
  patient: { id: string; issuer: string | null } | null;
  /** The care unit as the records carry it (its HSA-id where the source gives one). */
  careUnit: string;
  reason: string;
  setBy: string;
  setByName: string | null;
  setAt: string;
}
