import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tenants, users, groups and grants. Composite keys keep every grant inside its tenant. */
export class Tenancy1764072000000 implements MigrationInterface {
  name = 'Tenancy1764072000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenant (
        id varchar(63) NOT NULL,
        name text NOT NULL,
        organisation_number varchar(11) NOT NULL,
        archive_authority_name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT tenant_pkey PRIMARY KEY (id),
        CONSTRAINT tenant_id_check CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
        CONSTRAINT tenant_organisation_number_check CHECK (organisation_number ~ '^[0-9]{6}-[0-9]{4}$')
      )`);
    await q.query(`
      CREATE TABLE tenant_information_type (
        tenant_id varchar(63) NOT NULL,
        information_type_id varchar(63) NOT NULL,
        enabled_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT tenant_information_type_pkey PRIMARY KEY (tenant_id, information_type_id),
        CONSTRAINT tenant_information_type_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant(id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE user_account (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        tenant_id varchar(63),
        external_id text NOT NULL,
        hsa_id text,
        display_name text NOT NULL,
        email text,
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz,
        CONSTRAINT user_account_pkey PRIMARY KEY (id),
        CONSTRAINT user_account_tenant_id_id_key UNIQUE (tenant_id, id),
        CONSTRAINT user_account_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant(id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX user_account_tenant_id_external_id_key ON user_account (tenant_id, external_id) WHERE tenant_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX user_account_central_external_id_key ON user_account (external_id) WHERE tenant_id IS NULL`);
    await q.query(`
      CREATE TABLE user_group (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        tenant_id varchar(63) NOT NULL,
        name text NOT NULL,
        external_name text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT user_group_pkey PRIMARY KEY (id),
        CONSTRAINT user_group_tenant_id_id_key UNIQUE (tenant_id, id),
        CONSTRAINT user_group_tenant_id_name_key UNIQUE (tenant_id, name),
        CONSTRAINT user_group_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant(id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX user_group_tenant_id_external_name_key ON user_group (tenant_id, external_name) WHERE external_name IS NOT NULL`);
    await q.query(`
      CREATE TABLE group_member (
        tenant_id varchar(63) NOT NULL,
        group_id uuid NOT NULL,
        user_id uuid NOT NULL,
        CONSTRAINT group_member_pkey PRIMARY KEY (tenant_id, group_id, user_id),
        CONSTRAINT group_member_tenant_id_group_id_fkey FOREIGN KEY (tenant_id, group_id) REFERENCES user_group(tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT group_member_tenant_id_user_id_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES user_account(tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX group_member_tenant_id_user_id_idx ON group_member (tenant_id, user_id)`);
    await q.query(`
      CREATE TABLE access_grant (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        tenant_id varchar(63),
        user_id uuid,
        group_id uuid,
        role varchar(32) NOT NULL,
        information_type_id varchar(63),
        tier varchar(16),
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT access_grant_pkey PRIMARY KEY (id),
        CONSTRAINT access_grant_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant(id) ON DELETE CASCADE,
        CONSTRAINT access_grant_user_id_fkey FOREIGN KEY (user_id) REFERENCES user_account(id) ON DELETE CASCADE,
        CONSTRAINT access_grant_tenant_id_user_id_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES user_account(tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT access_grant_tenant_id_group_id_fkey FOREIGN KEY (tenant_id, group_id) REFERENCES user_group(tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT access_grant_subject_check CHECK ((user_id IS NULL) <> (group_id IS NULL)),
        CONSTRAINT access_grant_role_check CHECK (role IN ('reader','archivist','authority-archivist','log-reviewer','tenant-admin','operator')),
        CONSTRAINT access_grant_tier_check CHECK (tier IS NULL OR tier IN ('intermediate','final')),
        CONSTRAINT access_grant_scope_check CHECK (
          CASE role
            WHEN 'operator' THEN tenant_id IS NULL AND group_id IS NULL AND information_type_id IS NULL AND tier IS NULL
            WHEN 'tenant-admin' THEN tenant_id IS NOT NULL AND information_type_id IS NULL AND tier IS NULL
            WHEN 'log-reviewer' THEN tenant_id IS NOT NULL AND information_type_id IS NOT NULL AND tier IS NULL
            WHEN 'authority-archivist' THEN tenant_id IS NOT NULL AND information_type_id IS NOT NULL AND tier = 'final'
            ELSE tenant_id IS NOT NULL AND information_type_id IS NOT NULL AND tier IS NOT NULL
          END)
      )`);
    await q.query(`CREATE UNIQUE INDEX access_grant_unique_key ON access_grant (coalesce(tenant_id, ''), coalesce(user_id, group_id), role, coalesce(information_type_id, ''), coalesce(tier, ''))`);
    await q.query(`CREATE INDEX access_grant_tenant_id_user_id_idx ON access_grant (tenant_id, user_id)`);
    await q.query(`CREATE INDEX access_grant_tenant_id_group_id_idx ON access_grant (tenant_id, group_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE access_grant`);
    await q.query(`DROP TABLE group_member`);
    await q.query(`DROP TABLE user_group`);
    await q.query(`DROP TABLE user_account`);
    await q.query(`DROP TABLE tenant_information_type`);
    await q.query(`DROP TABLE tenant`);
  }
}
