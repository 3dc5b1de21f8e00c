export type RetentionTrigger = 'last-record-date' | 'patient-last-record-date' | 'delivery-date';
export const RETENTION_TRIGGERS: RetentionTrigger[] = ['last-record-date', 'patient-last-record-date', 'delivery-date'];

export interface RetentionRule {
  id: string;
  informationTypeId: string;
  /** null: every source system of the type (a rule naming the source system wins). */
  sourceSystem: string | null;
  trigger: RetentionTrigger;
  years: number;
  description: string | null;
  createdBy: string;
  createdAt: string;
}

export interface RetentionCandidate {
  aipId: string;
  ruleId: string;
  dueAt: string;
  listedAt: string;
}

/** The date from which a rule counts for one AIP; null when the AIP has nothing to count from. */
export function retentionStart(
  rule: Pick<RetentionRule, 'trigger'>,
  aip: { createdAt: string; lastDate: string | null; patientsLastDate: string | null },
): Date | null {
  switch (rule.trigger) {
    case 'delivery-date':
      return new Date(aip.createdAt);
    case 'last-record-date':
      return aip.lastDate ? new Date(aip.lastDate) : null;
    case 'patient-last-record-date': {
      // The law counts from each patient's last entry anywhere; the AIP waits for the latest of them.
      const d = aip.patientsLastDate ?? aip.lastDate;
      return d ? new Date(d) : null;
    }
  }
}

export function addYears(d: Date, years: number): Date {
  const r = new Date(d.getTime());
  r.setUTCFullYear(r.getUTCFullYear() + years);
  return r;
}

/** The most specific rule for an AIP: its source system's rule, else the type's. */
export function ruleFor(rules: RetentionRule[], informationTypeId: string, sourceSystem: string): RetentionRule | undefined {
  return rules.find((r) => r.informationTypeId === informationTypeId && r.sourceSystem === sourceSystem) ?? rules.find((r) => r.informationTypeId === informationTypeId && r.sourceSystem === null);
}
