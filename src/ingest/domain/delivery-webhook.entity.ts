import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Where an API client wants the outcomes of its deliveries posted. */
@Entity('delivery_webhook')
export class DeliveryWebhookEntity {
  @PrimaryColumn({ type: 'varchar', length: 63 })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid' })
  apiClientId!: string;

  @Column({ type: 'text' })
  url!: string;

  /** HMAC-SHA256 key for the Samarkiv-Signature header; the archive must keep it to sign. */
  @Column({ type: 'text' })
  secret!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
