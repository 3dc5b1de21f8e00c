import { MigrationInterface, QueryRunner } from 'typeorm';

/** Identity-provider settings per tenant and machine API clients. */
export class Auth1764100000000 implements MigrationInterface {
  name = 'Auth1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenant_identity_provider (
        tenant_id varchar(63) NOT NULL,
        entity_id text NOT NULL,
        sso_url text NOT NULL,
        slo_url text,
        certificates text[] NOT NULL,
        metadata_xml text,
        metadata_url text,
        attribute_map jsonb NOT NULL,
        want_encrypted_assertions boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text,
        CONSTRAINT tenant_identity_provider_pkey PRIMARY KEY (tenant_id),
        CONSTRAINT tenant_identity_provider_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant(id) ON DELETE CASCADE,
        CONSTRAINT tenant_identity_provider_certificates_check CHECK (cardinality(certificates) > 0)
      )`);
    await q.query(`
      CREATE TABLE api_client (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        tenant_id varchar(63) NOT NULL,
        name text NOT NULL,
        scopes text[] NOT NULL,
        information_types text[] NOT NULL,
        secret_hash text NOT NULL,
        previous_secret_hash text,
        previous_valid_until timestamptz,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text,
        rotated_at timestamptz,
        last_used_at timestamptz,
        CONSTRAINT api_client_pkey PRIMARY KEY (id),
        CONSTRAINT api_client_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant(id) ON DELETE CASCADE,
        CONSTRAINT api_client_tenant_id_name_key UNIQUE (tenant_id, name),
        CONSTRAINT api_client_scopes_check CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['deliver','validate','receipts']::text[])
      )`);
    await q.query(`CREATE INDEX api_client_tenant_id_idx ON api_client (tenant_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_client`);
    await q.query(`DROP TABLE tenant_identity_provider`);
  }
}
