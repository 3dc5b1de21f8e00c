import { Finding, Severity, ValidationResult } from '@samarkiv/information-package';

/** Asserts that a finding with this id and severity exists, and shows all findings when it does not. */
export function expectFinding(result: ValidationResult, id: string, severity: Severity): Finding {
  const found = result.findings.find((f) => f.id === id && f.severity === severity);
  if (!found) {
    const seen = result.findings.map((f) => `${f.severity} ${f.id}: ${f.message}`).join('\n');
    throw new Error(`expected a ${severity} finding ${id}; got:\n${seen}`);
  }
  expect(found.message.length).toBeGreaterThan(10);
  expect(found.location.length).toBeGreaterThan(0);
  return found;
}

/** Replaces the first occurrence and fails loudly when the fixture text changed under the test. */
export function replaceOnce(xml: string, from: string | RegExp, to: string): string {
  const next = xml.replace(from, to);
  if (next === xml) throw new Error(`fixture edit did not apply: ${String(from)}`);
  return next;
}
