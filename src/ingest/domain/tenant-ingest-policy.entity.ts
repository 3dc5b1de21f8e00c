import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

const bigint = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

export type DuplicateObjidPolicy = 'reject' | 'new-version';

/** A tenant's ingest rules; a null column means the installation default from the configuration. */
@Entity('tenant_ingest_policy')
export class TenantIngestPolicyEntity {
  @PrimaryColumn({ type: 'varchar', length: 63 })
  tenantId!: string;

  /** What a SIP OBJID that is already archived becomes: a refusal, or a new version of the AIP. */
  @Column({ type: 'text' })
  duplicateObjid!: DuplicateObjidPolicy;

  @Column({ type: 'bigint', nullable: true, transformer: bigint })
  maxPackageBytes!: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigint })
  stagingQuotaBytes!: number | null;

  @Column({ type: 'integer', nullable: true })
  quarantineDays!: number | null;

  @Column({ type: 'integer', nullable: true })
  maxConcurrentDeliveries!: number | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
