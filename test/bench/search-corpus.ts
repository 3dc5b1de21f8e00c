import type { CanonicalRecord } from '@samarkiv/records';

/**
 * The generated patient-record corpus the search benchmark and the load test index and query:
 * deterministic for a seed, realistic in its distributions (patients with ~10 records each, 200
 * care units, Zipf-like Swedish clinical words, one rare word per record seen ~10 times in all).
 */
export const BATCH = 1_000;
const UNITS = 200;
const TYPES = ['anteckning', 'epikris', 'remiss', 'provsvar', 'läkemedel', 'diagnos', 'intyg', 'röntgensvar', 'operationsberättelse', 'vårdplan'];
const PROVIDERS = ['Region Örebro län', 'Capio', 'Aleris', 'Praktikertjänst', 'Läkarhuset'];
// "patienten" is in every record (the very common case).
const COMMON = ['patienten', 'besök', 'blodtryck', 'smärta', 'behandling', 'uppföljning', 'provtagning', 'läkemedel', 'kontroll', 'bedömning', 'remiss', 'diabetes', 'hypertoni', 'feber', 'hosta', 'yrsel', 'andfåddhet', 'sårvård', 'röntgen', 'ultraljud'];
const VOCABULARY = [...COMMON, ...Array.from({ length: 480 }, (_, i) => `term${i}`)];
const rareWord = (n: number) => `rar${n.toString(36)}`;
const YEAR_MS = 365.25 * 86_400_000;
const START = Date.UTC(2005, 0, 1);

/** Deterministic pseudo-random numbers (mulberry32), so every run indexes the same data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A valid personnummer for patient n (birth date from 1930, serial from n, Luhn check digit). */
export function personnummer(n: number): string {
  const d = new Date(Date.UTC(1930, 0, 1) + (n % 30000) * 86_400_000);
  const yymmdd = d.toISOString().slice(2, 10).replace(/-/g, '');
  const serial = String(Math.floor(n / 30000) % 1000).padStart(3, '0');
  const nine = yymmdd + serial;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let v = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (v > 9) v -= 9;
    sum += v;
  }
  return `${d.getUTCFullYear()}${nine.slice(2)}${(10 - (sum % 10)) % 10}`;
}

export interface SearchQuery {
  kind: string;
  body: unknown;
}

export class SearchCorpus {
  readonly patients: number;
  private readonly rareWords: number;

  constructor(readonly records: number) {
    this.patients = Math.max(1, Math.floor(records / 10));
    this.rareWords = Math.max(1, Math.floor(records / 10));
  }

  record(i: number, random: () => number): CanonicalRecord {
    const patient = Math.floor(random() * this.patients);
    const pnr = personnummer(patient);
    const words = ['patienten'];
    const n = 20 + Math.floor(random() * 20);
    // Zipf-like: low indexes (the real words) much more often than the synthetic tail.
    for (let w = 0; w < n; w++) words.push(VOCABULARY[Math.floor(VOCABULARY.length * random() ** 3)]);
    words.push(rareWord(Math.floor(random() * this.rareWords)));
    const date = new Date(START + random() * 20 * YEAR_MS).toISOString();
    const unit = Math.floor(random() * UNITS);
    return {
      recordId: `r${i}`,
      informationTypeId: 'patient-record',
      fields: {
        patientId: pnr,
        patientName: `Patient ${patient}`,
        date,
        careProvider: PROVIDERS[unit % PROVIDERS.length],
        careUnit: `Vårdenhet ${unit}`,
        documentType: TYPES[Math.floor(random() * TYPES.length)],
        title: `Anteckning ${i}`,
        author: `Doktor ${Math.floor(random() * 1000)}`,
        diagnosisCodes: [`I${10 + Math.floor(random() * 80)}`],
      },
      text: words.join(' '),
      patient: { id: pnr, issuer: '1.2.752.129.2.1.3.1' },
      sourceFile: 'bench.xml',
    };
  }

  async *batches(from: number, to: number, random: () => number): AsyncIterable<CanonicalRecord[]> {
    for (let i = from; i < to; i += BATCH) yield Array.from({ length: Math.min(BATCH, to - i) }, (_, k) => this.record(i + k, random));
  }

  /** One query of the mix: patient id, patient + period, unit + type + period, rare and very common words. */
  query(i: number, random: () => number): SearchQuery {
    const year = () => 2005 + Math.floor(random() * 19);
    const period = (years: number) => {
      const y = year();
      return { from: `${y}-01-01`, to: `${y + years - 1}-12-31` };
    };
    const patient = personnummer(Math.floor(random() * this.patients));
    switch (i % 5) {
      case 0:
        return { kind: 'patient id', body: { criteria: { patientId: `${patient.slice(2, 8)}-${patient.slice(8)}` } } };
      case 1:
        return { kind: 'patient + period', body: { criteria: { patientId: patient, date: period(5) } } };
      case 2:
        return { kind: 'care unit + document type + period', body: { criteria: { careUnit: `Vårdenhet ${Math.floor(random() * UNITS)}`, documentType: TYPES[Math.floor(random() * TYPES.length)], date: period(1) } } };
      case 3:
        return { kind: 'free text, rare word + period', body: { criteria: { text: rareWord(Math.floor(random() * this.rareWords)), date: period(5) } } };
      default:
        return { kind: 'free text, very common word + period', body: { criteria: { text: random() < 0.5 ? 'patienten' : 'blodtrycket', date: period(1) } } };
    }
  }

  queries(random: () => number, n: number): SearchQuery[] {
    return Array.from({ length: n }, (_, i) => this.query(i, random));
  }
}
