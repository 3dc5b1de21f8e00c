import { deflateSync } from 'node:zlib';
import * as CFB from 'cfb';
import { zipSync } from 'fflate';

/**
 * Small but well-formed files of the formats archives accept, generated so tests and the
 * benchmark need no binary fixtures in the repository.
 */
export function samplePdf(version = '1.4', xmp?: { part: number; conformance: string; asElements?: boolean }): Buffer {
  const meta = xmp
    ? xmp.asElements
      ? `<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"><pdfaid:part>${xmp.part}</pdfaid:part><pdfaid:conformance>${xmp.conformance}</pdfaid:conformance></rdf:Description>`
      : `<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" pdfaid:part="${xmp.part}" pdfaid:conformance="${xmp.conformance}"/>`
    : '';
  const xmpPacket = xmp
    ? `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">${meta}</rdf:RDF></x:xmpmeta><?xpacket end="w"?>`
    : '';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R' + (xmp ? ' /Metadata 4 0 R' : '') + ' >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    ...(xmp ? [`<< /Type /Metadata /Subtype /XML /Length ${Buffer.byteLength(xmpPacket)} >>\nstream\n${xmpPacket}\nendstream`] : []),
  ];
  let body = `%PDF-${version}\n%\xe2\xe3\xcf\xd3\n`;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A 1×1 8-bit greyscale baseline TIFF, little-endian. */
export function sampleTiff(): Buffer {
  const entries: [number, number, number, number][] = [
    [256, 3, 1, 1], // ImageWidth
    [257, 3, 1, 1], // ImageLength
    [258, 3, 1, 8], // BitsPerSample
    [259, 3, 1, 1], // Compression: none
    [262, 3, 1, 1], // Photometric: BlackIsZero
    [273, 4, 1, 8 + 2 + 12 * 9 + 4], // StripOffsets
    [277, 3, 1, 1], // SamplesPerPixel
    [278, 3, 1, 1], // RowsPerStrip
    [279, 4, 1, 1], // StripByteCounts
  ];
  const buf = Buffer.alloc(8 + 2 + 12 * entries.length + 4 + 1);
  buf.write('II', 0, 'latin1');
  buf.writeUInt16LE(42, 2);
  buf.writeUInt32LE(8, 4);
  buf.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, type, count, value], i) => {
    const p = 10 + i * 12;
    buf.writeUInt16LE(tag, p);
    buf.writeUInt16LE(type, p + 2);
    buf.writeUInt32LE(count, p + 4);
    if (type === 3) buf.writeUInt16LE(value, p + 8);
    else buf.writeUInt32LE(value, p + 8);
  });
  buf[buf.length - 1] = 0x80;
  return buf;
}

/** A minimal baseline JPEG: JFIF 1.01 (or Exif) header, tables omitted, ending in EOI. */
export function sampleJpeg(kind: 'jfif' | 'exif' = 'jfif'): Buffer {
  const app =
    kind === 'jfif'
      ? Buffer.from('FFE000104A46494600010101004800480000', 'hex')
      : Buffer.concat([Buffer.from('FFE1001A', 'hex'), Buffer.from('Exif\0\0', 'latin1'), Buffer.from('49492A000800000000000000000000000000', 'hex')]);
  const sof = Buffer.from('FFC0000B080001000101011100', 'hex');
  const sos = Buffer.from('FFDA0008010100003F00', 'hex');
  return Buffer.concat([Buffer.from('FFD8', 'hex'), app, sof, sos, Buffer.from('D2CF20', 'hex'), Buffer.from('FFD9', 'hex')]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A 1×1 greyscale PNG. */
export function samplePng(): Buffer {
  const ihdr = Buffer.from('0000000100000001080000000000', 'hex').subarray(0, 13);
  return Buffer.concat([
    Buffer.from('89504E470D0A1A0A', 'hex'),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 0]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export function sampleXml(): Buffer {
  return Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<arkiv xmlns="urn:example"><post id="1">Åtgärd</post></arkiv>\n');
}

export function sampleText(encoding: 'utf8' | 'latin1' = 'utf8'): Buffer {
  return Buffer.from('Journalanteckning: patienten mår bättre.\nÅterbesök om två veckor.\n', encoding);
}

export function sampleCsv(): Buffer {
  return Buffer.from('id;namn;datum\n1;Åsa;2024-01-02\n2;Örjan;2024-02-03\n');
}

export function sampleZip(files: Record<string, string> = { 'readme.txt': 'hello' }): Buffer {
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)]))));
}

const CONTENT_TYPES = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="${main}"/></Types>`;

export function sampleDocx(): Buffer {
  return sampleZip({
    '[Content_Types].xml': CONTENT_TYPES('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'),
    '_rels/.rels': '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>',
    'word/document.xml': '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
  });
}

export function sampleXlsx(): Buffer {
  return sampleZip({
    '[Content_Types].xml': CONTENT_TYPES('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'),
    '_rels/.rels': '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>',
    'xl/workbook.xml': '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
  });
}

/** ODF and EPUB put an uncompressed `mimetype` entry first; fflate stores level-0 entries. */
function odfLike(mime: string, files: Record<string, string>): Buffer {
  const entries: Record<string, [Uint8Array, { level: 0 | 6 }]> = { mimetype: [Buffer.from(mime), { level: 0 }] };
  for (const [k, v] of Object.entries(files)) entries[k] = [Buffer.from(v), { level: 6 }];
  return Buffer.from(zipSync(entries));
}

export function sampleOdt(version = '1.2'): Buffer {
  return odfLike('application/vnd.oasis.opendocument.text', {
    'content.xml': `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="${version}"/>`,
    'META-INF/manifest.xml': `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="${version}"><manifest:file-entry manifest:full-path="/" manifest:version="${version}" manifest:media-type="application/vnd.oasis.opendocument.text"/></manifest:manifest>`,
  });
}

export function sampleEpub(): Buffer {
  return odfLike('application/epub+zip', {
    'META-INF/container.xml':
      '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
    'content.opf': '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"/>',
  });
}

/** A Word 97-2003 compound file: a WordDocument stream with a FIB header and a CompObj naming Word.Document.8. */
export function sampleDoc(): Buffer {
  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, '/WordDocument', Buffer.concat([Buffer.from('ECA5C100', 'hex'), Buffer.alloc(5000)]));
  CFB.utils.cfb_add(cfb, '/\x01CompObj', Buffer.concat([Buffer.alloc(60), Buffer.from('\x10\x00\x00\x00Word.Document.8\x00', 'latin1'), Buffer.alloc(50)]));
  return Buffer.from(CFB.write(cfb, { type: 'buffer' }) as Uint8Array);
}
