import { AuditEntry } from './audit-entry';

/** Simple signals worth a reviewer's look; none of them is proof of wrongdoing. */
export enum ReviewFlag {
  OwnRecord = 'own-record',
  SameSurname = 'same-surname',
  ProtectedIdentity = 'protected-identity',
  UnusualHours = 'unusual-hours',
  UnusualVolume = 'unusual-volume',
}

/** Working hours are judged in Swedish local time, whatever the server's zone. */
export const REVIEW_TIME_ZONE = 'Europe/Stockholm';
export const WORKDAY_START_HOUR = 6;
export const WORKDAY_END_HOUR = 22;

const hourFormat = new Intl.DateTimeFormat('en-GB', { timeZone: REVIEW_TIME_ZONE, hour: 'numeric', hourCycle: 'h23' });

export const surnameOf = (name: string | null): string | null => {
  const last = name?.trim().split(/\s+/).pop();
  return last ? last.toLocaleLowerCase('sv-SE') : null;
};

export function localHour(time: Date): number {
  return Number(hourFormat.format(time));
}

type FlagInput = Pick<AuditEntry, 'time' | 'actorPersonalId' | 'actorName' | 'patientId' | 'patientName' | 'protectedIdentity'>;

/** `busyDay`: the actor touched more distinct patients that day than the volume threshold. */
export function flagsOf(e: FlagInput, busyDay = false): ReviewFlag[] {
  const flags: ReviewFlag[] = [];
  if (e.patientId && e.actorPersonalId && e.actorPersonalId === e.patientId) flags.push(ReviewFlag.OwnRecord);
  const surname = surnameOf(e.actorName);
  if (e.patientId && surname && surname === surnameOf(e.patientName) && !flags.includes(ReviewFlag.OwnRecord)) flags.push(ReviewFlag.SameSurname);
  if (e.protectedIdentity) flags.push(ReviewFlag.ProtectedIdentity);
  const hour = localHour(e.time);
  if (hour < WORKDAY_START_HOUR || hour >= WORKDAY_END_HOUR) flags.push(ReviewFlag.UnusualHours);
  if (busyDay) flags.push(ReviewFlag.UnusualVolume);
  return flags;
}
