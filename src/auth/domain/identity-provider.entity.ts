import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Which SAML attribute carries what. Values are attribute names (or friendly names). */
export interface AttributeMap {
  /** The user id; `nameID` means the subject's NameID. */
  userId: string;
  displayName?: string;
  email?: string;
  hsaId?: string;
  /** The HSA-id and name of the care unit the person acts in (the assignment chosen at login). */
  careUnitHsaId?: string;
  careUnitName?: string;
  /** Attribute whose values are matched against group external names to grant access. */
  groups?: string;
}

export const DEFAULT_ATTRIBUTE_MAP: AttributeMap = { userId: 'nameID', displayName: 'displayName', email: 'mail', hsaId: 'hsaIdentity', careUnitHsaId: 'careUnitHsaId', careUnitName: 'careUnitName', groups: 'groups' };

/** One region's identity provider, editable by its tenant administrator. */
@Entity('tenant_identity_provider')
export class IdentityProviderEntity {
  @PrimaryColumn({ type: 'varchar', length: 63 })
  tenantId!: string;

  @Column({ type: 'text' })
  entityId!: string;

  @Column({ type: 'text' })
  ssoUrl!: string;

  @Column({ type: 'text', nullable: true })
  sloUrl!: string | null;

  /** PEM certificates the IdP signs with (several during key rollover). */
  @Column({ type: 'text', array: true })
  certificates!: string[];

  @Column({ type: 'text', nullable: true })
  metadataXml!: string | null;

  @Column({ type: 'text', nullable: true })
  metadataUrl!: string | null;

  @Column({ type: 'jsonb' })
  attributeMap!: AttributeMap;

  @Column({ type: 'boolean', default: false })
  wantEncryptedAssertions!: boolean;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'text', nullable: true })
  updatedBy!: string | null;
}
