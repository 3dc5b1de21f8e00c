/** Accounts of the municipal/regional chart of accounts (Kommun-Bas/Region-Bas style), abridged. */
export const ACCOUNTS = [
  { account: '4010', text: 'Inköp av förbrukningsmaterial' },
  { account: '4540', text: 'Köpt vård från andra regioner' },
  { account: '5010', text: 'Lokalhyror' },
  { account: '5460', text: 'Läkemedel' },
  { account: '5610', text: 'Konsulttjänster' },
  { account: '6110', text: 'Telefoni och datakommunikation' },
  { account: '6420', text: 'Utbildning' },
  { account: '7010', text: 'Löner tillsvidareanställda' },
  { account: '3110', text: 'Patientavgifter' },
  { account: '3490', text: 'Övriga försäljningsintäkter' },
] as const;

export const COMPANY_WORDS = ['Medicinteknik', 'Laboratorieservice', 'Fastighets', 'Konsult', 'Läkemedel', 'IT-tjänster', 'Städ', 'Transport', 'Bemanning', 'Livsmedel'] as const;
export const COMPANY_FORMS = ['AB', 'AB', 'AB', 'HB', 'Ekonomisk förening'] as const;

export const REGISTRY_TITLES = [
  'Begäran om utlämnande av allmän handling',
  'Upphandling av {thing}',
  'Avtal om {thing}',
  'Klagomål på vården vid {unit}',
  'Remissvar angående {thing}',
  'Delegationsbeslut avseende {thing}',
  'Anmälan enligt lex Maria, {unit}',
  'Yttrande till Inspektionen för vård och omsorg',
  'Överenskommelse om samverkan kring {thing}',
  'Ansökan om projektmedel för {thing}',
] as const;

export const REGISTRY_THINGS = ['laboratorietjänster', 'journalsystem', 'ambulanssjukvård', 'tolktjänster', 'läkemedelsförsörjning', 'e-arkiv', 'lokalvård', 'medicinteknisk utrustning', 'digitala vårdbesök', 'sjukresor'] as const;
export const REGISTRY_UNITS = ['Regionkansliet', 'Hälso- och sjukvårdsförvaltningen', 'Regionservice', 'Ekonomiavdelningen', 'Upphandlingsenheten', 'Patientnämndens kansli'] as const;
export const REGISTRY_DOCUMENTS = ['Inkommande skrivelse', 'Tjänsteskrivelse', 'Beslut', 'Protokollsutdrag', 'Avtal', 'Yttrande', 'Kvittens', 'Underrättelse'] as const;
export const SECRECY_MARKINGS = ['', '', '', '', 'OSL 25 kap. 1 §', 'OSL 19 kap. 3 §', 'OSL 31 kap. 16 §'] as const;
