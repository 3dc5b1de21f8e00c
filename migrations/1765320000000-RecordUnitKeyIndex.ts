import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A care unit narrowed by the type's first key in a period (patient records: care unit + document
 * type, one of the query kinds). Through the unit index alone a page read about ten rows
 * per match (a unit's records of every document type) and the facet sample every row of the unit
 * in the period; with the key in the index it reads the matches only. Rows without a unit or a
 * first key (finance, documents) are not in it.
 */
export class RecordUnitKeyIndex1765320000000 implements MigrationInterface {
  name = 'RecordUnitKeyIndex1765320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX record_unit_key1_idx ON record (tenant_id, information_type_id, unit, key1, record_date, id) WHERE unit <> '' AND key1 <> ''`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX record_unit_key1_idx`);
  }
}
