import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { PolicyDecision } from '@samarkiv/pronom';

/** A tenant administrator's accepted-format policy for one information type. */
@Entity('format_policy')
export class FormatPolicyEntity {
  @PrimaryColumn({ type: 'varchar', length: 63 })
  tenantId!: string;

  @PrimaryColumn({ type: 'varchar', length: 63 })
  informationTypeId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  defaultDecision!: PolicyDecision;

  @Column({ type: 'jsonb' })
  formats!: Record<string, PolicyDecision>;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'text', nullable: true })
  updatedBy!: string | null;
}
