import { FieldKind, RecordTypeShape } from '../canonical-record';
import { canonicalNamespace } from './canonical-xml.namespace';

/** What the schema documents besides the shape: labels in Swedish and English. */
export interface DocumentedType extends RecordTypeShape {
  version: number;
  labels: { sv: string; en: string };
  attachments: boolean;
  fields: ReadonlyArray<{ name: string; kind: FieldKind; multiple: boolean; labels: { sv: string; en: string } }>;
}

const XSD_TYPE: Record<FieldKind, string> = {
  identifier: 'NonEmptyString',
  'personal-identity-number': 'PersonalIdentityNumber',
  text: 'xs:string',
  keyword: 'NonEmptyString',
  code: 'NonEmptyString',
  date: 'xs:date',
  datetime: 'DateOrDateTime',
  number: 'xs:decimal',
  amount: 'xs:decimal',
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const doc = (labels: { sv: string; en: string }, indent: string) =>
  `${indent}<xs:annotation>\n${indent}  <xs:documentation xml:lang="sv">${esc(labels.sv)}</xs:documentation>\n${indent}  <xs:documentation xml:lang="en">${esc(labels.en)}</xs:documentation>\n${indent}</xs:annotation>\n`;

/**
 * The XML Schema of one information type's canonical record format, generated from its definition
 * so that the published schema and what the reader accepts cannot drift apart.
 */
export function canonicalXsd(type: DocumentedType): string {
  const ns = canonicalNamespace(type.id, type.version);
  const fields = type.fields
    .map((f) => {
      const occurs = `minOccurs="0"${f.multiple ? ' maxOccurs="unbounded"' : ''}`;
      return `      <xs:element name="${f.name}" type="${XSD_TYPE[f.kind]}" ${occurs}>\n${doc(f.labels, '        ')}      </xs:element>\n`;
    })
    .join('');
  const attachment = type.attachments
    ? `      <xs:element name="attachment" minOccurs="0" maxOccurs="unbounded">
        <xs:annotation><xs:documentation xml:lang="en">A file delivered with the record: its path inside the package's representation data folder.</xs:documentation></xs:annotation>
        <xs:complexType><xs:attribute name="path" type="NonEmptyString" use="required"/></xs:complexType>
      </xs:element>\n`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Samarkiv canonical record format for the information type "${type.id}", definition version ${type.version}.
     Generated from config/information-types/${type.id}.yaml; see docs/delivery/README.md. -->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="${ns}" xmlns:r="${ns}" targetNamespace="${ns}"
           elementFormDefault="qualified" attributeFormDefault="unqualified" version="${type.version}">
${doc(type.labels, '  ')}
  <xs:element name="records">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="record" type="Record" minOccurs="0" maxOccurs="unbounded"/>
      </xs:sequence>
      <xs:attribute name="sourceSystem" type="NonEmptyString"/>
      <xs:attribute name="created" type="xs:dateTime"/>
    </xs:complexType>
    <xs:unique name="recordIdUnique">
      <xs:selector xpath="r:record"/>
      <xs:field xpath="@id"/>
    </xs:unique>
  </xs:element>

  <xs:complexType name="Record">
    <xs:sequence>
${fields}${attachment}    </xs:sequence>
    <xs:attribute name="id" type="NonEmptyString" use="required"/>
  </xs:complexType>

  <xs:simpleType name="NonEmptyString">
    <xs:restriction base="xs:string"><xs:minLength value="1"/><xs:pattern value=".*\\S.*"/></xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="DateTimeWithOffset">
    <xs:restriction base="xs:dateTime"><xs:pattern value=".+(Z|[+\\-]\\d{2}:\\d{2})"/></xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="DateOrDateTime">
    <xs:union memberTypes="xs:date DateTimeWithOffset"/>
  </xs:simpleType>

  <xs:complexType name="PersonalIdentityNumber">
    <xs:annotation><xs:documentation xml:lang="en">A patient or person id. With issuer 1.2.752.129.2.1.3.1 (personnummer) or 1.2.752.129.2.1.3.3 (samordningsnummer), or without issuer, a Swedish number in any usual written form; other ids (reservnummer, local numbers) name their issuer OID.</xs:documentation></xs:annotation>
    <xs:simpleContent>
      <xs:extension base="NonEmptyString">
        <xs:attribute name="issuer" type="NonEmptyString"/>
      </xs:extension>
    </xs:simpleContent>
  </xs:complexType>
</xs:schema>
`;
}
