import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A region (landsting) that owns its records. */
@Entity('tenant')
export class TenantEntity {
  /** A readable slug, e.g. `region-orebro`; part of storage paths and object ids. */
  @PrimaryColumn({ type: 'varchar', length: 63 })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Swedish organisationsnummer, stored as NNNNNN-NNNN. */
  @Column({ type: 'varchar', length: 11 })
  organisationNumber!: string;

  @Column({ type: 'text' })
  archiveAuthorityName!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
