import { existsSync, readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import * as jpeg from 'jpeg-js';
import { Prng } from './prng';

/** PDF/A needs its fonts embedded: a TrueType font from the system (Debian: fonts-dejavu-core). */
export const DEFAULT_FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/freefont/FreeSans.ttf',
];

export function findFont(explicit?: string): string | undefined {
  if (explicit) return existsSync(explicit) ? explicit : undefined;
  return DEFAULT_FONT_CANDIDATES.find((f) => existsSync(f));
}

/** Leaflets and forms that are filed with patient records; they name no patient. */
const LEAFLETS = [
  { title: 'Information inför operation', text: ['Du ska snart opereras. Här får du information om hur du förbereder dig.', 'Ät inte efter midnatt före operationsdagen. Klart vatten får drickas fram till två timmar före.', 'Ta med en lista över dina läkemedel.'] },
  { title: 'Samtycke till behandling', text: ['Jag har fått muntlig och skriftlig information om behandlingen, dess syfte och risker.', 'Jag samtycker till att behandlingen genomförs.', 'Underskrift: ____________________   Datum: __________'] },
  { title: 'Egenvårdsråd vid förkylning', text: ['Vila, drick mycket och använd näsdroppar vid behov, högst tio dagar.', 'Kontakta vården vid hög feber i mer än tre dygn eller andningsbesvär.'] },
  { title: 'Kallelse till återbesök', text: ['Du är välkommen på återbesök. Ta med legitimation.', 'Om du får förhinder, avboka senast 24 timmar innan. Uteblivet besök debiteras.'] },
  { title: 'Rutin för provtagning', text: ['Provtagning sker fastande före klockan tio.', 'Venprov tas i armbågsvecket. Märk röret med patientens identitet direkt vid provtagningen.'] },
  { title: 'Information om hjärtsvikt', text: ['Väg dig varje morgon. Ökar vikten mer än två kilo på tre dagar, kontakta din mottagning.', 'Begränsa mängden vätska enligt ordination.'] },
  { title: 'Blankett för läkemedelsgenomgång', text: ['Läkemedel, styrka, dosering, indikation.', '1. ______________________', '2. ______________________', '3. ______________________'] },
  { title: 'Information om personuppgifter i vården', text: ['Dina uppgifter behandlas enligt patientdatalagen (2008:355).', 'Du har rätt att få veta vem som har tagit del av din journal (loggutdrag).'] },
] as const;

/**
 * A leaflet or form as a PDF/A-1b: embedded font, XMP identification and sRGB output intent
 * (pdfkit writes both for the subset); fixed dates so the same seed gives the same bytes. A small
 * pool per seed serves every document: building a PDF costs more than the rest of a record.
 */
export function pdfAttachment(seed: string, index: number, fontPath: string): Promise<Buffer> {
  const slot = index % LEAFLETS.length;
  const key = `pdf\u0000${seed}\u0000${fontPath}\u0000${slot}`;
  let pending = pdfCache.get(key);
  if (!pending) pdfCache.set(key, (pending = renderLeaflet(LEAFLETS[slot], fontPath)));
  return pending;
}

const pdfCache = new Map<string, Promise<Buffer>>();

function renderLeaflet(leaflet: (typeof LEAFLETS)[number], fontPath: string): Promise<Buffer> {
  const date = new Date(Date.UTC(2015, 0, 1));
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 56,
    pdfVersion: '1.4',
    subset: 'PDF/A-1b',
    lang: 'sv-SE',
    info: { Title: leaflet.title, Producer: 'Samarkiv generator', CreationDate: date, ModDate: date },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.font(readFileSync(fontPath));
  pdf.fontSize(16).text(leaflet.title);
  pdf.fontSize(11);
  for (const p of leaflet.text) pdf.moveDown(0.6).text(p);
  pdf.end();
  return done;
}

/** A5 at 84 dpi: enough to look like a scan, small enough to be cheap. */
const SCAN_WIDTH = 496;
const SCAN_HEIGHT = 702;

/** A greyscale "scanned page": pale paper with dark lines where text would be. */
function scannedPage(seed: string, index: number, width: number, height: number): Uint8Array {
  const rng = Prng.for(seed, 'scan', index);
  const pixels = new Uint8Array(width * height).fill(244);
  for (let y = 60; y < height - 60; y += 22) {
    if (rng.chance(0.15)) continue;
    const len = rng.int(Math.floor(width * 0.3), width - 120);
    for (let dy = 0; dy < 9; dy++) for (let x = 60; x < 60 + len; x++) if (rng.chance(0.7)) pixels[(y + dy) * width + x] = rng.int(20, 90);
  }
  return pixels;
}

/**
 * Scanned pages are not tied to their document's text, so a small pool per seed serves every
 * document: drawing and encoding a page costs far more than the rest of a record.
 */
const SCAN_POOL = 8;
const scanCache = new Map<string, Buffer>();

function pooled(kind: string, seed: string, index: number, make: (slot: number) => Buffer): Buffer {
  const key = `${kind}\u0000${seed}\u0000${index % SCAN_POOL}`;
  let bytes = scanCache.get(key);
  if (!bytes) scanCache.set(key, (bytes = make(index % SCAN_POOL)));
  return bytes;
}

/** Baseline uncompressed 8-bit greyscale TIFF, little-endian, one strip (TIFF 6.0 §Section 4). */
export function tiffAttachment(seed: string, index: number): Buffer {
  return pooled('tiff', seed, index, (slot) => encodeTiff(scannedPage(seed, slot, SCAN_WIDTH, SCAN_HEIGHT), SCAN_WIDTH, SCAN_HEIGHT));
}

function encodeTiff(pixels: Uint8Array, width: number, height: number): Buffer {
  const entries: Array<[tag: number, type: number, count: number, value: number]> = [
    [256, 3, 1, width],
    [257, 3, 1, height],
    [258, 3, 1, 8],
    [259, 3, 1, 1],
    [262, 3, 1, 1],
    [273, 4, 1, 0],
    [277, 3, 1, 1],
    [278, 3, 1, height],
    [279, 4, 1, pixels.length],
    [282, 5, 1, 0],
    [283, 5, 1, 0],
    [296, 3, 1, 2],
  ];
  const ifdOffset = 8;
  const ifdSize = 2 + entries.length * 12 + 4;
  const resolutionOffset = ifdOffset + ifdSize;
  const dataOffset = resolutionOffset + 16;
  const buf = Buffer.alloc(dataOffset + pixels.length);
  buf.write('II', 0, 'latin1');
  buf.writeUInt16LE(42, 2);
  buf.writeUInt32LE(ifdOffset, 4);
  buf.writeUInt16LE(entries.length, ifdOffset);
  entries.forEach(([tag, type, count, value], i) => {
    const at = ifdOffset + 2 + i * 12;
    buf.writeUInt16LE(tag, at);
    buf.writeUInt16LE(type, at + 2);
    buf.writeUInt32LE(count, at + 4);
    if (tag === 273) value = dataOffset;
    if (tag === 282) value = resolutionOffset;
    if (tag === 283) value = resolutionOffset + 8;
    if (type === 3) buf.writeUInt16LE(value, at + 8);
    else buf.writeUInt32LE(value, at + 8);
  });
  buf.writeUInt32LE(0, ifdOffset + 2 + entries.length * 12);
  // 150 dpi in both directions (RATIONAL = two LONGs).
  buf.writeUInt32LE(150, resolutionOffset);
  buf.writeUInt32LE(1, resolutionOffset + 4);
  buf.writeUInt32LE(150, resolutionOffset + 8);
  buf.writeUInt32LE(1, resolutionOffset + 12);
  Buffer.from(pixels).copy(buf, dataOffset);
  return buf;
}

/** A baseline JFIF JPEG of a scanned page (jpeg-js encoder, quality 70). */
export function jpegAttachment(seed: string, index: number): Buffer {
  return pooled('jpeg', seed, index, (slot) => encodeJpeg(scannedPage(seed, slot, SCAN_WIDTH, SCAN_HEIGHT), SCAN_WIDTH, SCAN_HEIGHT));
}

function encodeJpeg(grey: Uint8Array, width: number, height: number): Buffer {
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < grey.length; i++) {
    rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = grey[i];
    rgba[i * 4 + 3] = 255;
  }
  return jpeg.encode({ data: rgba, width, height }, 70).data;
}
