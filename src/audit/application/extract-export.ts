import PDFDocument from 'pdfkit';
import { PatientExtract, ReviewEntryView } from './review-views';

const CSV_HEADER = ['time', 'action', 'outcome', 'user', 'user HSA-id', 'role', 'care unit', 'care unit HSA-id', 'care process', 'information type', 'records'];

/** Spreadsheet programs run cells that start with these as formulas; a leading quote disarms them. */
const FORMULA = /^[=+\-@\t\r]/;

function csvCell(value: string | null | undefined): string {
  let s = value ?? '';
  if (FORMULA.test(s)) s = `'${s}`;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const row = (e: ReviewEntryView) => [
  e.time,
  e.action,
  e.outcome,
  e.actor.name,
  e.actor.hsaId,
  e.actor.role,
  e.careUnit.name,
  e.careUnit.hsaId,
  e.careUnit.process,
  e.informationTypeId,
  e.recordIds.join(' '),
];

/** RFC 4180 CSV with a UTF-8 byte-order mark, so that spreadsheet programs read å, ä, ö right. */
export function extractCsv(x: PatientExtract): Buffer {
  const lines = [CSV_HEADER, ...x.entries.map(row)].map((cells) => cells.map(csvCell).join(','));
  return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
}

/** The patient's log extract (utdrag ur loggen, Patientdatalagen 8 kap. 5 §) as a plain PDF. */
export function extractPdf(x: PatientExtract): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: 'Utdrag ur åtkomstloggen', Producer: 'Samarkiv' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(16).text('Utdrag ur åtkomstloggen');
    doc.moveDown(0.5).fontSize(10);
    doc.text(`Patient: ${x.patientId}`);
    doc.text(`Region: ${x.tenantId}`);
    doc.text(`Period: ${x.from} – ${x.to}`);
    doc.text(`Skapat: ${x.generatedAt}`);
    doc.text(`Antal åtkomster: ${x.entries.length}${x.truncated ? ' (begränsat urval, fler finns)' : ''}`);
    doc.moveDown();
    for (const e of x.entries) {
      doc.fontSize(9).font('Helvetica-Bold').text(`${e.time}  ${e.action}${e.outcome === 'success' ? '' : ` (${e.outcome})`}`);
      doc.font('Helvetica').text(`Användare: ${e.actor.name ?? e.actor.id ?? '–'}${e.actor.hsaId ? ` (${e.actor.hsaId})` : ''}${e.actor.role ? `, ${e.actor.role}` : ''}`);
      doc.text(`Vårdenhet: ${e.careUnit.name ?? '–'}${e.careUnit.hsaId ? ` (${e.careUnit.hsaId})` : ''}${e.careUnit.process ? `, ${e.careUnit.process}` : ''}`);
      doc.moveDown(0.4);
    }
    doc.end();
  });
}
