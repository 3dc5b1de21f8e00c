import { Prng } from './prng';
import { organisationNumber } from './swedish-ids';
import { RegistryCase, Voucher } from './model';
import { FEMALE_NAMES, MALE_NAMES, SURNAMES } from './vocabulary/names';
import { Region } from './vocabulary/care';
import {
  ACCOUNTS,
  COMPANY_FORMS,
  COMPANY_WORDS,
  REGISTRY_DOCUMENTS,
  REGISTRY_THINGS,
  REGISTRY_TITLES,
  REGISTRY_UNITS,
  SECRECY_MARKINGS,
} from './vocabulary/administration';

const FIRST_DAY = Date.UTC(2008, 0, 1);
const DAYS = 15 * 365;
const SUPPLIERS = 400;

const day = (rng: Prng) => new Date(FIRST_DAY + rng.int(0, DAYS) * 86_400_000).toISOString().slice(0, 10);
const person = (rng: Prng) => `${rng.pick(rng.chance(0.5) ? FEMALE_NAMES : MALE_NAMES)} ${rng.pick(SURNAMES)}`;

/** Finance vouchers and supplier invoices of one region, deterministic per (seed, index). */
export class FinanceSource {
  constructor(
    readonly seed: string,
    readonly region: Region,
  ) {}

  voucher(index: number): Voucher {
    const rng = Prng.for(this.seed, `voucher/${this.region.id}`, index);
    const account = rng.pick(ACCOUNTS);
    const supplier = this.supplier(rng.int(0, SUPPLIERS - 1));
    const date = day(rng);
    const income = account.account.startsWith('3');
    const amount = (rng.int(100, 2_500_000_00) / 100) * (income ? -1 : 1);
    return {
      index,
      voucherNumber: `${date.slice(0, 4)}-${String(index + 1).padStart(8, '0')}`,
      date,
      account: account.account,
      amount: amount.toFixed(2),
      counterparty: supplier.name,
      counterpartyOrganisationNumber: supplier.orgNumber,
      invoiceNumber: String(rng.int(10_000_000, 99_999_999)),
      text: `${account.text}, ${supplier.name}`,
    };
  }

  private supplier(s: number): { name: string; orgNumber: string } {
    const rng = Prng.for(this.seed, 'supplier', s);
    return { name: `${rng.pick(SURNAMES)}s ${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_FORMS)}`, orgNumber: organisationNumber(rng) };
  }
}

/** Registry (diarium) cases of one region, deterministic per (seed, index). */
export class RegistrySource {
  constructor(
    readonly seed: string,
    readonly region: Region,
  ) {}

  registryCase(index: number): RegistryCase {
    const rng = Prng.for(this.seed, `case/${this.region.id}`, index);
    const date = day(rng);
    const unit = rng.pick(REGISTRY_UNITS);
    const title = rng.pick(REGISTRY_TITLES).replace('{thing}', rng.pick(REGISTRY_THINGS)).replace('{unit}', this.region.hospital);
    const parties = Array.from({ length: rng.int(1, 2) }, () => (rng.chance(0.6) ? `${rng.pick(SURNAMES)} ${rng.pick(COMPANY_WORDS)} AB` : person(rng)));
    return {
      index,
      caseNumber: `RS ${date.slice(0, 4)}-${String(index + 1).padStart(5, '0')}`,
      registrationDate: date,
      title,
      parties,
      unit,
      officer: person(rng),
      documents: rng.sample(REGISTRY_DOCUMENTS, rng.int(1, 4)),
      secrecy: rng.pick(SECRECY_MARKINGS),
    };
  }
}
