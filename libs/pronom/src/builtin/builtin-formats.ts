import { parsePattern } from '../pattern/pattern-syntax.parser';
import {
  COMPILED_FORMAT_VERSION,
  CompiledByteSequence,
  CompiledContainerSignatureFile,
  CompiledSignatureFile,
  FormatInfo,
  SequenceAnchor,
} from '../signature/compiled-signature';
import { splitAtAnchor } from '../signature/subsequence.builder';

/** One byte sequence in PRONOM syntax with the offset window of its start (BOF) or end (EOF). */
interface SeqSpec {
  ref: SequenceAnchor;
  pattern: string;
  min?: number;
  max?: number;
}

interface BuiltinSpec {
  id: number;
  puid: string;
  name: string;
  version: string;
  mime: string;
  extensions: string[];
  /** Alternative signatures; each is a list of byte sequences that must all match. */
  signatures: SeqSpec[][];
  priorityOver?: number[];
}

const pdf = (id: number, puid: string, version: string): BuiltinSpec => ({
  id,
  puid,
  name: 'Acrobat PDF ' + version + ' - Portable Document Format',
  version,
  mime: 'application/pdf',
  extensions: ['pdf'],
  signatures: [
    [
      { ref: 'bof', pattern: `'%PDF-${version}'`, min: 0, max: 1024 },
      { ref: 'eof', pattern: "'%%EOF'", min: 0, max: 1024 },
    ],
  ],
});

const jpegJfif = (id: number, puid: string, version: string, hex: string): BuiltinSpec => ({
  id,
  puid,
  name: 'JPEG File Interchange Format',
  version,
  mime: 'image/jpeg',
  extensions: ['jpg', 'jpeg', 'jpe', 'jfif'],
  signatures: [[{ ref: 'bof', pattern: `FFD8FFE0 {2} 4A46494600 ${hex}` }]],
  priorityOver: [41],
});

const png = (id: number, puid: string, version: string, chunk: string | null): BuiltinSpec => ({
  id,
  puid,
  name: 'Portable Network Graphics',
  version,
  mime: 'image/png',
  extensions: ['png'],
  signatures: [
    [
      { ref: 'bof', pattern: '89504E470D0A1A0A 0000000D 49484452' },
      ...(chunk ? [{ ref: 'var' as const, pattern: chunk }] : []),
      { ref: 'eof', pattern: '49454E44 AE426082' },
    ],
  ],
});

/**
 * Written by us from PRONOM's published format facts (PRONOM, The National Archives) for the
 * formats Swedish archives accept, so a fresh install without a signature file still knows
 * them. IDs mirror PRONOM's FileFormat IDs where priorities need them.
 */
const BUILTIN_SPECS: BuiltinSpec[] = [
  pdf(613, 'fmt/14', '1.0'),
  pdf(614, 'fmt/15', '1.1'),
  pdf(615, 'fmt/16', '1.2'),
  pdf(616, 'fmt/17', '1.3'),
  pdf(617, 'fmt/18', '1.4'),
  pdf(618, 'fmt/19', '1.5'),
  pdf(637, 'fmt/20', '1.6'),
  pdf(1016, 'fmt/276', '1.7'),
  pdf(1939, 'fmt/1129', '2.0'),
  {
    id: 353,
    puid: 'fmt/353',
    name: 'Tagged Image File Format',
    version: '',
    mime: 'image/tiff',
    extensions: ['tif', 'tiff'],
    signatures: [[{ ref: 'bof', pattern: '49492A00' }], [{ ref: 'bof', pattern: '4D4D002A' }]],
  },
  jpegJfif(42, 'fmt/42', '1.00', '0100'),
  jpegJfif(43, 'fmt/43', '1.01', '0101'),
  jpegJfif(44, 'fmt/44', '1.02', '0102'),
  {
    id: 645,
    puid: 'fmt/645',
    name: 'Exchangeable Image File Format (Compressed)',
    version: '',
    mime: 'image/jpeg',
    extensions: ['jpg', 'jpeg'],
    signatures: [[{ ref: 'bof', pattern: "FFD8FFE1 {2} 'Exif' 0000" }]],
    priorityOver: [41],
  },
  {
    id: 41,
    puid: 'fmt/41',
    name: 'Raw JPEG Stream',
    version: '',
    mime: 'image/jpeg',
    extensions: ['jpg', 'jpeg', 'jpe'],
    signatures: [[{ ref: 'bof', pattern: 'FFD8FF' }]],
  },
  png(11, 'fmt/11', '1.0', null),
  { ...png(12, 'fmt/12', '1.1', "('sRGB'|'iCCP'|'sPLT')"), priorityOver: [11] },
  { ...png(13, 'fmt/13', '1.2', "'iTXt'"), priorityOver: [11, 12] },
  {
    id: 101,
    puid: 'fmt/101',
    name: 'Extensible Markup Language',
    version: '1.0',
    mime: 'application/xml, text/xml',
    extensions: ['xml'],
    signatures: [[{ ref: 'bof', pattern: "(EFBBBF|) '<?xml' (20|09|0D|0A) {0-64} 'version' {0-4} (22|27) '1.0' (22|27)", min: 0, max: 0 }]],
  },
  {
    id: 382,
    puid: 'x-fmt/263',
    name: 'ZIP Format',
    version: '',
    mime: 'application/zip',
    extensions: ['zip'],
    signatures: [
      [
        { ref: 'bof', pattern: '504B0304' },
        { ref: 'eof', pattern: '504B0506 {18}', min: 0, max: 65535 },
      ],
    ],
  },
];

/** Formats without byte signatures: the built-in text check and extension fallback name them. */
const BUILTIN_SIGNATURELESS: FormatInfo[] = [
  { id: 163, puid: 'x-fmt/111', name: 'Plain Text File', version: '', mime: 'text/plain', extensions: ['txt'], signatureIds: [], priorityOver: [] },
  { id: 45, puid: 'x-fmt/18', name: 'Comma Separated Values', version: '', mime: 'text/csv', extensions: ['csv'], signatureIds: [], priorityOver: [] },
  ...[
    ['fmt/95', 'PDF/A-1a'],
    ['fmt/354', 'PDF/A-1b'],
    ['fmt/476', 'PDF/A-2a'],
    ['fmt/477', 'PDF/A-2b'],
    ['fmt/478', 'PDF/A-2u'],
    ['fmt/479', 'PDF/A-3a'],
    ['fmt/480', 'PDF/A-3b'],
    ['fmt/481', 'PDF/A-3u'],
    ['fmt/1910', 'PDF/A-4'],
    ['fmt/1911', 'PDF/A-4e'],
    ['fmt/1912', 'PDF/A-4f'],
  ].map(([puid, name], i) => ({
    id: 90000 + i,
    puid,
    name: 'Acrobat PDF/A - Portable Document Format',
    version: name.slice('PDF/A-'.length),
    mime: 'application/pdf',
    extensions: ['pdf'],
    signatureIds: [],
    priorityOver: [],
  })),
  ...[
    [412, 'fmt/412', 'Microsoft Word for Windows', '2007 onwards', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
    [214, 'fmt/214', 'Microsoft Excel for Windows', '2007 onwards', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
    [290, 'fmt/290', 'OpenDocument Text', '1.1', 'application/vnd.oasis.opendocument.text', 'odt'],
    [291, 'fmt/291', 'OpenDocument Text', '1.2', 'application/vnd.oasis.opendocument.text', 'odt'],
    [1756, 'fmt/1756', 'OpenDocument Text', '1.3', 'application/vnd.oasis.opendocument.text', 'odt'],
  ].map(([id, puid, name, version, mime, ext]) => ({
    id: id as number,
    puid: puid as string,
    name: name as string,
    version: version as string,
    mime: mime as string,
    extensions: [ext as string],
    signatureIds: [],
    priorityOver: id === 291 || id === 1756 ? [290] : [],
  })),
];

export function builtinSignatureFile(): CompiledSignatureFile {
  const formats: FormatInfo[] = [];
  const signatures: CompiledSignatureFile['signatures'] = [];
  let nextSig = 1;
  for (const spec of BUILTIN_SPECS) {
    const ids: number[] = [];
    for (const seqs of spec.signatures) {
      const id = nextSig++;
      ids.push(id);
      signatures.push({ id, sequences: seqs.map(compileSeq) });
    }
    formats.push({
      id: spec.id,
      puid: spec.puid,
      name: spec.name,
      version: spec.version,
      mime: spec.mime,
      extensions: spec.extensions,
      signatureIds: ids,
      priorityOver: spec.priorityOver ?? [],
    });
  }
  formats.push(...BUILTIN_SIGNATURELESS);
  return { formatVersion: COMPILED_FORMAT_VERSION, sourceVersion: 'builtin', formats, signatures };
}

function compileSeq(spec: SeqSpec): CompiledByteSequence {
  const min = spec.min ?? 0;
  const max = spec.ref === 'var' ? -1 : (spec.max ?? min);
  return { ref: spec.ref, subs: [splitAtAnchor(parsePattern(spec.pattern), min, max)] };
}

const zipEntry = (id: number, puid: string, path: string, pattern: string, extra?: { path: string; pattern: string }) => ({
  id,
  type: 'ZIP' as const,
  description: puid,
  puids: [puid],
  files: [
    { path, signatures: [{ id, sequences: [compileSeq({ ref: 'bof', pattern, min: 0, max: 32768 })] }] },
    ...(extra ? [{ path: extra.path, signatures: [{ id, sequences: [compileSeq({ ref: 'bof', pattern: extra.pattern, min: 0, max: 32768 })] }] }] : []),
  ],
});

/** ZIP-based office formats by the entries PRONOM's container signatures look at. */
export function builtinContainerFile(): CompiledContainerSignatureFile {
  const odtMime = "'application/vnd.oasis.opendocument.text'";
  return {
    formatVersion: COMPILED_FORMAT_VERSION,
    sourceVersion: 'builtin',
    triggers: { 'x-fmt/263': 'ZIP' },
    signatures: [
      zipEntry(1, 'fmt/412', '[Content_Types].xml', "'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'"),
      zipEntry(2, 'fmt/214', '[Content_Types].xml', "'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'"),
      zipEntry(3, 'fmt/290', 'mimetype', odtMime),
      zipEntry(4, 'fmt/291', 'mimetype', odtMime, { path: 'META-INF/manifest.xml', pattern: "'manifest:version=\"1.2\"'" }),
      zipEntry(5, 'fmt/1756', 'mimetype', odtMime, { path: 'META-INF/manifest.xml', pattern: "'manifest:version=\"1.3\"'" }),
    ],
  };
}
