/** Regions with their real organisationsnummer, used as HSA-id prefixes (SE + number). */
export const REGIONS = [
  { id: 'region-orebro', name: 'Region Örebro län', orgNumber: '2321000164', city: 'Örebro', hospital: 'Universitetssjukhuset Örebro' },
  { id: 'region-uppsala', name: 'Region Uppsala', orgNumber: '2321000024', city: 'Uppsala', hospital: 'Akademiska sjukhuset' },
  { id: 'region-stockholm', name: 'Region Stockholm', orgNumber: '2321000016', city: 'Stockholm', hospital: 'Karolinska Universitetssjukhuset' },
  { id: 'region-skane', name: 'Region Skåne', orgNumber: '2321000255', city: 'Lund', hospital: 'Skånes universitetssjukhus' },
  { id: 'vastra-gotalandsregionen', name: 'Västra Götalandsregionen', orgNumber: '2321000131', city: 'Göteborg', hospital: 'Sahlgrenska Universitetssjukhuset' },
] as const;

export type Region = (typeof REGIONS)[number];

/** Kinds of care units; `{city}` and `{hospital}` are filled per region. */
export const UNIT_KINDS = [
  { name: 'Vårdcentralen {district}', primaryCare: true },
  { name: 'Akutmottagningen, {hospital}', primaryCare: false },
  { name: 'Medicinkliniken, {hospital}', primaryCare: false },
  { name: 'Kirurgkliniken, {hospital}', primaryCare: false },
  { name: 'Ortopedkliniken, {hospital}', primaryCare: false },
  { name: 'Kvinnokliniken, {hospital}', primaryCare: false },
  { name: 'Barn- och ungdomskliniken, {hospital}', primaryCare: false },
  { name: 'Psykiatriska kliniken, {city}', primaryCare: false },
  { name: 'Hjärtkliniken, {hospital}', primaryCare: false },
  { name: 'Röntgenkliniken, {hospital}', primaryCare: false },
  { name: 'Laboratoriemedicin, {hospital}', primaryCare: false },
  { name: 'Geriatriska kliniken, {city}', primaryCare: false },
] as const;

export const DISTRICTS = ['Tullhus', 'Väster', 'Norr', 'Söder', 'Centrum', 'Brickebacken', 'Eyra', 'Gottsunda', 'Sävja', 'Hertsö', 'Lyckan', 'Skogsbacken'] as const;

/** Document types with their LOINC codes (as C-CDA and FHIR carry them) and Swedish names. */
export const DOCUMENT_TYPES = [
  { loinc: '11506-3', sv: 'Daganteckning', en: 'Progress note', weight: 30 },
  { loinc: '34117-2', sv: 'Inskrivningsanteckning', en: 'History and physical note', weight: 8 },
  { loinc: '18842-5', sv: 'Epikris', en: 'Discharge summary', weight: 8 },
  { loinc: '11488-4', sv: 'Konsultationsanteckning', en: 'Consult note', weight: 8 },
  { loinc: '57133-1', sv: 'Remiss', en: 'Referral note', weight: 10 },
  { loinc: '11502-2', sv: 'Provsvar, laboratorium', en: 'Laboratory report', weight: 14 },
  { loinc: '18748-4', sv: 'Röntgensvar', en: 'Diagnostic imaging study', weight: 8 },
  { loinc: '28570-0', sv: 'Operationsberättelse', en: 'Procedure note', weight: 5 },
  { loinc: '34746-8', sv: 'Omvårdnadsanteckning', en: 'Nurse note', weight: 9 },
] as const;

export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const ICD10SE_OID = '1.2.752.116.1.1.1.1.3';
export const LOINC_OID = '2.16.840.1.113883.6.1';

/** ICD-10-SE codes common in Swedish care, with Socialstyrelsen's Swedish titles. */
export const DIAGNOSES = [
  { code: 'I10.9', text: 'Essentiell hypertoni', symptom: 'huvudvärk och yrsel', plan: 'Fortsatt behandling med ACE-hämmare, kontroll av blodtryck om tre månader.' },
  { code: 'E11.9', text: 'Diabetes mellitus typ 2 utan komplikationer', symptom: 'ökad törst och trötthet', plan: 'Metformin insätts, HbA1c kontrolleras om tre månader, kostrådgivning.' },
  { code: 'J18.9', text: 'Pneumoni, ospecificerad', symptom: 'feber och hosta', plan: 'Antibiotika per os i sju dagar, återbesök vid utebliven förbättring.' },
  { code: 'J45.9', text: 'Astma, ospecificerad', symptom: 'andfåddhet och pip i bröstet', plan: 'Inhalationssteroid och beta-2-agonist vid behov, spirometri om sex veckor.' },
  { code: 'I48.9', text: 'Förmaksflimmer och förmaksfladder, ospecificerat', symptom: 'hjärtklappning', plan: 'Antikoagulantia insätts efter CHA2DS2-VASc-bedömning, EKG-kontroll.' },
  { code: 'M54.5', text: 'Lumbago', symptom: 'smärta i ländryggen', plan: 'Fysioterapi, fortsatt fysisk aktivitet, paracetamol vid behov.' },
  { code: 'K35.8', text: 'Akut appendicit, annan och ospecificerad', symptom: 'buksmärta i höger fossa', plan: 'Laparoskopisk appendektomi planeras akut.' },
  { code: 'S52.5', text: 'Fraktur på nedre delen av radius', symptom: 'smärta och svullnad i handleden efter fall', plan: 'Gipsskena i fyra veckor, röntgenkontroll efter en vecka.' },
  { code: 'F32.9', text: 'Depressiv episod, ospecificerad', symptom: 'nedstämdhet och sömnsvårigheter', plan: 'Samtalskontakt och SSRI, uppföljning om fyra veckor.' },
  { code: 'N39.0', text: 'Urinvägsinfektion utan angiven lokalisation', symptom: 'sveda vid miktion', plan: 'Pivmecillinam i fem dagar, urinodling tagen.' },
  { code: 'I21.9', text: 'Akut hjärtinfarkt, ospecificerad', symptom: 'tryck över bröstet', plan: 'Akut PCI utförd, dubbel trombocythämning i tolv månader.' },
  { code: 'J06.9', text: 'Akut övre luftvägsinfektion, ospecificerad', symptom: 'halsont och snuva', plan: 'Symtomatisk behandling, ingen antibiotika.' },
  { code: 'R07.4', text: 'Bröstsmärtor, ospecificerade', symptom: 'bröstsmärta vid ansträngning', plan: 'Arbetsprov och troponinkontroll, remiss till kardiolog.' },
  { code: 'G43.9', text: 'Migrän, ospecificerad', symptom: 'återkommande halvsidig huvudvärk', plan: 'Triptan vid anfall, huvudvärksdagbok.' },
  { code: 'L03.1', text: 'Cellulit i annan del av extremitet', symptom: 'rodnad och svullnad i underbenet', plan: 'Flukloxacillin i tio dagar, markering av rodnadens utbredning.' },
  { code: 'O80.0', text: 'Spontan förlossning i huvudbjudning', symptom: 'värkarbete', plan: 'Normal förlossning, hemgång efter två dygn.' },
  { code: 'C50.9', text: 'Bröstcancer, ospecificerad', symptom: 'knöl i bröstet', plan: 'Multidisciplinär konferens, sektorresektion planeras.' },
  { code: 'Z00.0', text: 'Allmän hälsokontroll', symptom: 'hälsokontroll', plan: 'Inga åtgärder, ny kontroll om ett år.' },
] as const;

export type Diagnosis = (typeof DIAGNOSES)[number];

export const PROFESSIONS = ['Leg. läkare', 'Specialistläkare', 'Överläkare', 'Leg. sjuksköterska', 'Distriktssköterska', 'Leg. fysioterapeut', 'Biomedicinsk analytiker'] as const;
