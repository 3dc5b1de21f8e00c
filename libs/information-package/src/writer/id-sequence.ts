/**
 * Deterministic XML IDs (NCName: a letter first, then letters, digits, '-', '_', '.'), so the same
 * input gives the same METS byte for byte apart from dates.
 */
export class IdSequence {
  private readonly counters = new Map<string, number>();

  next(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}-${String(n).padStart(4, '0')}`;
  }
}

/** A readable, valid NCName fragment from free text (representation names, record ids). */
export function idFragment(value: string): string {
  const cleaned = value.normalize('NFKD').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return cleaned.length === 0 ? 'x' : cleaned;
}
