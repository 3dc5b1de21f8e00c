export type Severity = 'error' | 'warning' | 'info';
export type RequirementLevel = 'MUST' | 'SHOULD' | 'MAY';

export interface Finding {
  /** Requirement id (CSIP12, SIP15, CSIPSTR4, FGS1…) or a validator id (READ, XSD, FIXITY…). */
  id: string;
  severity: Severity;
  message: string;
  /** File relative to the package root, optionally followed by an XPath or a line number. */
  location: string;
}

export type PackageKind = 'E-ARK SIP' | 'E-ARK CSIP' | 'E-ARK AIP' | 'E-ARK DIP' | 'FGS 1.x' | 'BagIt' | 'unknown';

export interface ValidationResult {
  valid: boolean;
  kind: PackageKind;
  version: string | null;
  findings: Finding[];
}

export function severityOf(level: RequirementLevel): Severity {
  switch (level) {
    case 'MUST':
      return 'error';
    case 'SHOULD':
      return 'warning';
    default:
      return 'info';
  }
}

/** Collects findings; caps identical ids so a 100k-file package with one systematic fault stays readable. */
export class FindingSink {
  readonly findings: Finding[] = [];
  private readonly perId = new Map<string, number>();

  constructor(private readonly maxPerId = 200) {}

  add(finding: Finding): void {
    const count = (this.perId.get(finding.id) ?? 0) + 1;
    this.perId.set(finding.id, count);
    if (count <= this.maxPerId) this.findings.push(finding);
    else if (count === this.maxPerId + 1) {
      this.findings.push({
        id: finding.id,
        severity: finding.severity,
        message: `More than ${this.maxPerId} findings for ${finding.id}; the rest are not listed.`,
        location: finding.location,
      });
    }
  }

  error(id: string, location: string, message: string): void {
    this.add({ id, severity: 'error', location, message });
  }

  warning(id: string, location: string, message: string): void {
    this.add({ id, severity: 'warning', location, message });
  }

  info(id: string, location: string, message: string): void {
    this.add({ id, severity: 'info', location, message });
  }

  hasErrors(): boolean {
    return this.findings.some((f) => f.severity === 'error');
  }
}
