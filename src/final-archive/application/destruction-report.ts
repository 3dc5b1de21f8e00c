import PDFDocument from 'pdfkit';
import { DestructionReport } from '../domain/disposal';

const CSV_HEADER = ['aip', 'object', 'delivery', 'information type', 'source system', 'scope', 'records', 'bytes', 'first record date', 'last record date', 'locations'];
/** Spreadsheet programs run cells that start with these as formulas; a leading quote disarms them. */
const FORMULA = /^[=+\-@\t\r]/;

function cell(value: string | number | null): string {
  let s = value === null ? '' : String(value);
  if (typeof value === 'string' && FORMULA.test(s)) s = `'${s}`;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV with a UTF-8 byte-order mark: one row per destroyed AIP (or part of one). */
export function destructionCsv(r: DestructionReport): Buffer {
  const rows = r.items.map((i) => [i.aipId, i.objectId, i.deliveryId, i.informationTypeId, i.sourceSystem, i.scope, i.records, i.bytes, i.firstDate, i.lastDate, i.locations.join(' ')]);
  const lines = [CSV_HEADER, ...rows].map((cells) => cells.map(cell).join(','));
  return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
}

/** The destruction report (gallringsprotokoll) as a PDF: the decision, who and when, and what went. */
export function destructionPdf(r: DestructionReport): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: 'Gallringsprotokoll', Producer: 'Samarkiv' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(16).text(r.kind === 'journal' ? 'Protokoll över journalförstöring' : 'Gallringsprotokoll');
    doc.moveDown(0.5).fontSize(10);
    doc.text(`Beslut: ${r.decisionReference}`);
    doc.text(`Region: ${r.tenantId}`);
    doc.text(`Beslutat av: ${r.decidedBy.name ?? r.decidedBy.id}, ${r.decidedAt}`);
    doc.text(`Verkställt av: ${r.executedBy.name ?? r.executedBy.id}, ${r.executedAt}`);
    doc.text(`Gallring: ${r.disposalId}`);
    doc.text(`Omfattning: ${r.totals.aips} arkivpaket, ${r.totals.records} poster, ${r.totals.bytes} byte`);
    // The hold's reason names AIP ids only, never a patient.
    if (r.stopped) doc.font('Helvetica-Bold').text(`Avbruten: ett bevarandebeslut (legal hold) stoppade verkställandet; ${r.stopped.notDestroyed} arkivpaket förstördes inte. ${r.stopped.reason}`).font('Helvetica');
    doc.moveDown();
    for (const i of r.items) {
      doc.fontSize(9).font('Helvetica-Bold').text(`AIP ${i.aipId}${i.scope === 'records' ? ' (delar)' : ''}`);
      doc.font('Helvetica').text(`Informationstyp: ${i.informationTypeId}, källsystem: ${i.sourceSystem}, leverans: ${i.deliveryId}`);
      doc.text(`Poster: ${i.records}, byte: ${i.bytes}, period: ${i.firstDate ?? '–'} – ${i.lastDate ?? '–'}`);
      doc.text(`Förstört i lagringsplatser: ${i.locations.join(', ') || '–'}`);
      doc.moveDown(0.4);
    }
    doc.end();
  });
}
