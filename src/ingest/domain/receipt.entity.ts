import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { ReceiptBody } from './receipt';

/** The signed answer to a delivery; exactly one per delivery. */
@Entity('receipt')
export class ReceiptEntity {
  @PrimaryColumn({ type: 'varchar', length: 63 })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid' })
  deliveryId!: string;

  @Column({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  outcome!: 'accepted' | 'rejected';

  @Column({ type: 'jsonb' })
  body!: ReceiptBody;

  /** Compact JWS whose payload is the body's canonical JSON. */
  @Column({ type: 'text' })
  jws!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
