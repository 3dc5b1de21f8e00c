import { Prng, stableUuid } from './prng';
import { swedishIdentity } from './swedish-ids';
import { CareUnit, Clinician, GeneratedPatient, PatientDocument, Section } from './model';
import { FEMALE_NAMES, MALE_NAMES, SURNAMES } from './vocabulary/names';
import { DIAGNOSES, DISTRICTS, DOCUMENT_TYPES, DocumentType, Diagnosis, PROFESSIONS, Region, UNIT_KINDS } from './vocabulary/care';


const UNITS_PER_REGION = 40;
const CLINICIANS_PER_UNIT = 12;
/** Documents per patient on average: enough for a real timeline per patient. */
const DOCUMENTS_PER_PATIENT = 8;
const FIRST_DAY = Date.UTC(2005, 0, 1);
const LAST_DAY = Date.UTC(2022, 11, 31);
const DAY = 86_400_000;

/**
 * Patient-record documents for one region, deterministic per (seed, index): document i is the same
 * whatever the package size, so deliveries can be generated in any order or in parallel.
 */
export class PatientRecordSource {
  private readonly patients: number;

  constructor(
    readonly seed: string,
    readonly region: Region,
    readonly total: number,
    readonly sourceSystem = 'Samarkiv testjournal',
  ) {
    this.patients = Math.max(1, Math.ceil(total / DOCUMENTS_PER_PATIENT));
  }

  document(index: number): PatientDocument {
    const rng = Prng.for(this.seed, 'document', index);
    const patient = this.patient(rng.int(0, this.patients - 1));
    const unitIndex = rng.int(0, UNITS_PER_REGION - 1);
    const careUnit = this.unit(unitIndex);
    const author = this.clinician(unitIndex, rng.int(0, CLINICIANS_PER_UNIT - 1));
    const signer = rng.chance(0.7) ? author : this.clinician(unitIndex, rng.int(0, CLINICIANS_PER_UNIT - 1));
    const type = rng.weighted(DOCUMENT_TYPES.map((t) => [t, t.weight] as const));
    const diagnoses = rng.sample(DIAGNOSES, rng.weighted([[1, 6], [2, 3], [3, 1]] as const));
    const start = FIRST_DAY + rng.int(0, (LAST_DAY - FIRST_DAY) / DAY) * DAY + rng.int(7 * 60, 17 * 60) * 60_000;
    const end = start + rng.int(15, 90) * 60_000;
    const signed = end + rng.int(1, 72 * 60) * 60_000;
    return {
      index,
      id: stableUuid(`${this.seed}/${this.region.id}/document/${index}`),
      sourceSystem: this.sourceSystem,
      careProvider: { name: this.region.name, orgNumber: this.region.orgNumber, hsaId: `SE${this.region.orgNumber}-${this.region.orgNumber.slice(-4)}` },
      patient,
      careUnit,
      author,
      signer,
      type,
      title: `${type.sv}, ${careUnit.name.split(',')[0]}`,
      date: iso(end),
      signedAt: iso(signed),
      encounter: { id: stableUuid(`${this.seed}/${this.region.id}/encounter/${index}`), start: iso(start), end: iso(end) },
      diagnoses,
      sections: sectionsFor(rng, type, diagnoses, patient),
      attachment: rng.chance(0.05) ? rng.weighted([['pdf', 6], ['tiff', 2], ['jpeg', 2]] as const) : null,
    };
  }

  patient(p: number): GeneratedPatient {
    const rng = Prng.for(this.seed, `patient/${this.region.id}`, p);
    const sex = rng.chance(0.5) ? 'female' : 'male';
    const birth = new Date(Date.UTC(1930, 0, 1) + rng.int(0, 90 * 365) * DAY);
    return {
      identity: swedishIdentity(rng, birth, sex, rng.chance(0.03)),
      givenName: rng.pick(sex === 'female' ? FEMALE_NAMES : MALE_NAMES),
      familyName: rng.pick(SURNAMES),
      address: { street: `${rng.pick(SURNAMES).replace(/(s?son|berg|ström|qvist|gren)$/, '')}vägen ${rng.int(1, 120)}`, postalCode: `${rng.int(100, 989)} ${String(rng.int(0, 99)).padStart(2, '0')}`, city: this.region.city },
    };
  }

  unit(u: number): CareUnit {
    const rng = Prng.for(this.seed, `unit/${this.region.id}`, u);
    const kind = u < UNIT_KINDS.length ? UNIT_KINDS[u] : rng.pick(UNIT_KINDS);
    const name = kind.name.replace('{district}', DISTRICTS[u % DISTRICTS.length]).replace('{hospital}', this.region.hospital).replace('{city}', this.region.city);
    return { hsaId: `SE${this.region.orgNumber}-E${String(1000 + u)}`, name: u >= UNIT_KINDS.length && !kind.primaryCare ? `${name} ${Math.floor(u / UNIT_KINDS.length) + 1}` : name };
  }

  clinician(unit: number, k: number): Clinician {
    const rng = Prng.for(this.seed, `clinician/${this.region.id}`, unit * 100 + k);
    const female = rng.chance(0.55);
    return {
      givenName: rng.pick(female ? FEMALE_NAMES : MALE_NAMES),
      familyName: rng.pick(SURNAMES),
      hsaId: `SE${this.region.orgNumber}-P${String(unit * 100 + k).padStart(5, '0')}`,
      profession: rng.pick(PROFESSIONS),
    };
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** Swedish clinical prose per document type, from the diagnoses' symptoms and plans. */
function sectionsFor(rng: Prng, type: DocumentType, diagnoses: readonly Diagnosis[], patient: GeneratedPatient): Section[] {
  const main = diagnoses[0];
  const days = rng.int(1, 14);
  const general = rng.pick(['gott', 'gott', 'något påverkat', 'påverkat']);
  const diagnosisText = diagnoses.map((d) => `${d.text} (${d.code})`).join(', ');
  switch (type.loinc) {
    case '11502-2':
      return [
        { title: 'Frågeställning', paragraphs: [`Kontroll vid ${main.text.toLowerCase()}.`] },
        {
          title: 'Provsvar',
          paragraphs: [
            `B-Hb ${rng.int(105, 165)} g/L (ref 117–153). P-CRP ${rng.int(1, 180)} mg/L (ref <5). P-Kreatinin ${rng.int(50, 140)} µmol/L (ref 45–90).`,
            `P-Glukos ${(rng.int(40, 140) / 10).toFixed(1)} mmol/L. B-HbA1c ${rng.int(30, 90)} mmol/mol.`,
          ],
        },
      ];
    case '18748-4':
      return [
        { title: 'Frågeställning', paragraphs: [`${capitalise(main.symptom)} sedan ${days} dagar. ${main.text}?`] },
        { title: 'Utlåtande', paragraphs: [rng.pick(['Inga säkra patologiska fynd.', `Fynd förenliga med ${main.text.toLowerCase()}.`, 'Jämfört med tidigare undersökning oförändrat utseende.'])] },
      ];
    case '57133-1':
      return [
        { title: 'Remissorsak', paragraphs: [`Patienten, ${patient.givenName} ${patient.familyName}, remitteras för bedömning av ${main.text.toLowerCase()}.`] },
        { title: 'Anamnes', paragraphs: [`${capitalise(main.symptom)} sedan ${days} veckor. Tidigare frisk.`] },
        { title: 'Frågeställning', paragraphs: ['Vänligen bedöm och ta ställning till vidare utredning och behandling.'] },
      ];
    default:
      return [
        { title: 'Aktuellt', paragraphs: [`Patienten söker för ${main.symptom} sedan ${days} dagar.${diagnoses.length > 1 ? ` Känd ${diagnoses[1].text.toLowerCase()}.` : ''}`] },
        {
          title: 'Status',
          paragraphs: [`Allmäntillstånd ${general}. Cor: regelbunden rytm, inga blåsljud, frekvens ${rng.int(55, 110)}. Pulm: vesikulära andningsljud bilateralt. Blodtryck ${rng.int(105, 175)}/${rng.int(60, 100)}.`],
        },
        { title: 'Bedömning', paragraphs: [`${diagnosisText}.`] },
        { title: 'Åtgärd', paragraphs: [main.plan] },
      ];
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
