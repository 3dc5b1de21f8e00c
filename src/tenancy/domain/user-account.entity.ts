import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A person as known by one region's identity provider. A person working for several regions has
 * one account per region, which keeps every grant inside its tenant. Central operations accounts
 * have no tenant.
 */
@Entity('user_account')
export class UserAccountEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 63, nullable: true })
  tenantId!: string | null;

  /** The identity provider's subject (NameID or the mapped user-id attribute). */
  @Column({ type: 'text' })
  externalId!: string;

  @Column({ type: 'text', nullable: true })
  hsaId!: string | null;

  @Column({ type: 'text' })
  displayName!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;
}
