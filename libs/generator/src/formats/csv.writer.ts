import { RegistryCase, Voucher } from '../model';

/** RFC 4180 field: quoted when it holds a separator, quote or line break. */
function field(value: string): string {
  return /[",;\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const line = (values: string[]) => `${values.map(field).join(',')}\r\n`;

/** Finance export: the information type's field names as the header (the `generic-csv` mapping). */
export const FINANCE_COLUMNS = ['voucherNumber', 'date', 'account', 'amount', 'counterparty', 'counterpartyOrganisationNumber', 'invoiceNumber', 'text'] as const;
export const REGISTRY_COLUMNS = ['caseNumber', 'registrationDate', 'title', 'parties', 'unit', 'officer', 'documents', 'secrecy'] as const;

export const csvHeader = (columns: readonly string[]) => line([...columns]);

export function voucherRow(v: Voucher): string {
  return line(FINANCE_COLUMNS.map((c) => v[c]));
}

/** Multi-valued fields are joined with "; " (the mapping splits them again). */
export function registryRow(r: RegistryCase): string {
  return line([r.caseNumber, r.registrationDate, r.title, r.parties.join('; '), r.unit, r.officer, r.documents.join('; '), r.secrecy]);
}
