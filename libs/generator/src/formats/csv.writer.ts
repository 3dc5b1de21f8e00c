import { RegistryCase, Voucher } from '../model';

/**
 * CSV as the delivery guide (docs/delivery/) asks for it: semicolon-separated, UTF-8, Swedish
 * column names, decimal comma, several values of one field separated by "|".
 */
const DELIMITER = ';';

/** RFC 4180 quoting, with the semicolon as the separator. */
function field(value: string): string {
  return /[";\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const line = (values: string[]) => `${values.map(field).join(DELIMITER)}\r\n`;

export const FINANCE_COLUMNS = ['Verifikationsnummer', 'Datum', 'Konto', 'Belopp', 'Motpart', 'Organisationsnummer', 'Fakturanummer', 'Text'] as const;
export const REGISTRY_COLUMNS = ['Diarienummer', 'Registreringsdatum', 'Ärendemening', 'Parter', 'Enhet', 'Handläggare', 'Handlingar', 'Sekretess', 'Text'] as const;

export const csvHeader = (columns: readonly string[]) => line([...columns]);

export function voucherRow(v: Voucher): string {
  return line([v.voucherNumber, v.date, v.account, v.amount.replace('.', ','), v.counterparty, v.counterpartyOrganisationNumber, v.invoiceNumber, v.text]);
}

export function registryRow(r: RegistryCase): string {
  return line([r.caseNumber, r.registrationDate, r.title, r.parties.join('|'), r.unit, r.officer, r.documents.join('|'), r.secrecy, `${r.title}. ${r.documents.join(', ')}.`]);
}
