import { XmlTag } from '../xml/xml-events';

/** ICD-10 code systems: WHO ICD-10, ICD-10-CM (US) and ICD-10-SE (Socialstyrelsen). */
const ICD10_SYSTEMS = new Set(['2.16.840.1.113883.6.3', '2.16.840.1.113883.6.90', '1.2.752.116.1.1.1.1.3']);
const CODED_ELEMENTS = new Set(['value', 'code', 'translation']);
/** Narrative text is capped per document so that one huge export cannot exhaust memory. */
const MAX_TEXT_CHARS = 2_000_000;

/** Text of one element and its descendants, parts separated by a space. */
class TextBuilder {
  private raw = '';

  add(text: string): void {
    this.raw += text;
  }

  value(): string | null {
    return this.raw.replace(/\s+/g, ' ').trim() || null;
  }
}

interface SectionState {
  title: string;
  text: string[];
}

/**
 * What the reader collects while streaming one ClinicalDocument. Paths are element local names
 * from the root; only the header parts and section narratives are kept.
 */
export class CcdaDocumentState {
  documentId: string | null = null;
  code: string | null = null;
  codeDisplayName: string | null = null;
  title: string | null = null;
  effectiveTime: string | null = null;
  patientIds: Array<{ root: string | null; extension: string }> = [];
  custodian: string | null = null;
  authorOrganization: string | null = null;
  encounterFacility: string | null = null;
  signedTime: string | null = null;
  diagnosisCodes = new Set<string>();
  sectionTexts: string[] = [];
  /** Files of the delivery the narrative links to (`linkHtml` with a relative href), e.g. a scanned letter. */
  attachments: string[] = [];

  private patientNameDone = false;
  private patientName$ = new TextBuilder();
  private authorName$ = new TextBuilder();
  private authorDone = false;
  private authorDevice$ = new TextBuilder();
  private signer$ = new TextBuilder();
  private capture: ((t: string) => void) | null = null;
  private captureDepth = 0;
  private sections: SectionState[] = [];
  private textChars = 0;

  get patientName(): string | null {
    return this.patientName$.value();
  }

  /** A person if one authored the document, else the authoring device (EHR software), else the organisation. */
  get authorName(): string | null {
    return this.authorName$.value() ?? this.authorDevice ?? this.authorOrganization;
  }

  private get authorDevice(): string | null {
    return this.authorDevice$.value();
  }

  get signerName(): string | null {
    return this.signer$.value();
  }

  open(tag: XmlTag, path: readonly string[]): void {
    const depth = path.length;
    const at = (p: string) => path.slice(1).join('/') === p;
    const a = tag.attrs;
    if (depth === 2) {
      if (tag.name === 'id' && !this.documentId) this.documentId = a.extension ? `${a.root ?? ''}^${a.extension}` : (a.root ?? null);
      else if (tag.name === 'code') {
        this.code = a.code ?? null;
        this.codeDisplayName = a.displayName?.trim() || null;
      } else if (tag.name === 'effectiveTime') this.effectiveTime = a.value ?? null;
      else if (tag.name === 'title') this.captureInto(depth, (t) => (this.title = ((this.title ?? '') + t).replace(/\s+/g, ' ')));
      return;
    }
    if (at('recordTarget/patientRole/id') && !a.nullFlavor && (a.extension || a.root)) {
      // An II with a root alone is itself the identifier (CDA R2 data types).
      this.patientIds.push(a.extension ? { root: a.root ?? null, extension: a.extension } : { root: null, extension: a.root });
    }
    else if (!this.patientNameDone && at('recordTarget/patientRole/patient/name')) this.captureInto(depth, (t) => this.patientName$.add(t));
    else if (!this.authorDone && at('author/assignedAuthor/assignedPerson/name')) this.captureInto(depth, (t) => this.authorName$.add(t));
    else if (!this.authorDone && !this.authorDevice && (at('author/assignedAuthor/assignedAuthoringDevice/softwareName') || at('author/assignedAuthor/assignedAuthoringDevice/manufacturerModelName'))) {
      this.captureInto(depth, (t) => this.authorDevice$.add(t));
    } else if (at('author/assignedAuthor/representedOrganization/name') && !this.authorOrganization) this.captureInto(depth, (t) => (this.authorOrganization = (this.authorOrganization ?? '') + t));
    else if (at('custodian/assignedCustodian/representedCustodianOrganization/name')) this.captureInto(depth, (t) => (this.custodian = (this.custodian ?? '') + t));
    else if (at('componentOf/encompassingEncounter/location/healthCareFacility/serviceProviderOrganization/name') || at('componentOf/encompassingEncounter/location/healthCareFacility/location/name')) {
      if (!this.encounterFacility) this.captureInto(depth, (t) => (this.encounterFacility = (this.encounterFacility ?? '') + t));
    } else if (at('legalAuthenticator/time')) this.signedTime = a.value ?? null;
    else if (at('legalAuthenticator/assignedEntity/assignedPerson/name')) this.captureInto(depth, (t) => this.signer$.add(t));
    else if (tag.name === 'section') this.sections.push({ title: '', text: [] });
    else if (this.sections.length && tag.name === 'title' && path[depth - 2] === 'section') this.captureInto(depth, (t) => (this.currentSection.title += t));
    else if (this.sections.length && tag.name === 'text' && path[depth - 2] === 'section') this.captureInto(depth, (t) => this.addText(t));
    if (tag.name === 'linkHtml' && this.sections.length && a.href && isPackageReference(a.href) && !this.attachments.includes(a.href.trim())) this.attachments.push(a.href.trim());
    if (CODED_ELEMENTS.has(tag.name) && a.code && a.codeSystem && ICD10_SYSTEMS.has(a.codeSystem)) this.diagnosisCodes.add(a.code.trim());
    // Child elements (name parts, table cells, paragraphs) are separated, so words do not run together.
    if (this.capture && this.captureDepth < depth) this.capture(BLOCK_ELEMENTS.has(tag.name) ? '\n' : ' ');
  }

  close(tag: XmlTag, path: readonly string[]): void {
    const depth = path.length;
    if (this.capture && depth === this.captureDepth) {
      this.capture = null;
      this.captureDepth = 0;
    }
    if (tag.name === 'author' && depth === 2 && this.authorName$.value()) this.authorDone = true;
    if (tag.name === 'name' && path.slice(1).join('/') === 'recordTarget/patientRole/patient/name') this.patientNameDone = true;
    if (tag.name === 'section' && this.sections.length) {
      const s = this.sections.pop()!;
      const title = s.title.replace(/\s+/g, ' ').trim();
      const body = s.text.join('').replace(/[ \t\r\f\v]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();
      if (title || body) this.sectionTexts.push([title, body].filter(Boolean).join('\n'));
    }
  }

  text(text: string): void {
    this.capture?.(text);
  }

  private get currentSection(): SectionState {
    return this.sections[this.sections.length - 1];
  }

  private captureInto(depth: number, fn: (t: string) => void): void {
    if (this.capture) return;
    this.capture = fn;
    this.captureDepth = depth;
  }

  private addText(t: string): void {
    if (this.textChars >= MAX_TEXT_CHARS) return;
    this.textChars += t.length;
    this.currentSection.text.push(t);
  }

  /** Whitespace in header values is layout, not content. */
  finish(): void {
    const clean = (s: string | null) => (s === null ? null : s.replace(/\s+/g, ' ').trim() || null);
    this.title = clean(this.title);
    this.custodian = clean(this.custodian);
    this.authorOrganization = clean(this.authorOrganization);
    this.encounterFacility = clean(this.encounterFacility);
  }
}

/** A relative link (no scheme, fragment or absolute path) names a file delivered beside the document. */
function isPackageReference(href: string): boolean {
  const h = href.trim();
  return h !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(h) && !h.startsWith('#') && !h.startsWith('/') && !h.startsWith('\\');
}

const BLOCK_ELEMENTS = new Set(['paragraph', 'br', 'tr', 'item', 'list', 'table', 'caption']);
