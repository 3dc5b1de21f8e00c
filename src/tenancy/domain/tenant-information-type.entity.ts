import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Which information types a tenant has switched on. */
@Entity('tenant_information_type')
export class TenantInformationTypeEntity {
  @PrimaryColumn({ type: 'varchar', length: 63 })
  tenantId!: string;

  @PrimaryColumn({ type: 'varchar', length: 63 })
  informationTypeId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  enabledAt!: Date;
}
