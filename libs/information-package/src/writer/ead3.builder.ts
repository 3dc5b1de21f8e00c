import { XmlWriter } from './xml-writer';

export const EAD3_NS = 'http://ead3.archivists.org/schema/';

export interface MinimalEadInput {
  recordId: string;
  title: string;
  agencyName: string;
  creatorName?: string;
  referenceCode?: string;
  createdAt: string;
  software: string;
}

/** The smallest EAD3 record that is schema-valid, for producers who deliver no description of their own. */
export function renderMinimalEad3(input: MinimalEadInput): Buffer {
  const w = new XmlWriter();
  w.open('ead', { xmlns: EAD3_NS });
  w.open('control');
  w.leaf('recordid', {}, input.recordId);
  w.open('filedesc').open('titlestmt').leaf('titleproper', {}, input.title).close().close();
  w.leaf('maintenancestatus', { value: 'new' });
  w.open('maintenanceagency').leaf('agencyname', {}, input.agencyName).close();
  w.open('maintenancehistory').open('maintenanceevent');
  w.leaf('eventtype', { value: 'created' });
  w.leaf('eventdatetime', { standarddatetime: input.createdAt }, input.createdAt);
  w.leaf('agenttype', { value: 'machine' });
  w.leaf('agent', {}, input.software);
  w.close().close();
  w.close();
  w.open('archdesc', { level: 'otherlevel', otherlevel: 'delivery' });
  w.open('did');
  if (input.referenceCode !== undefined) w.leaf('unitid', {}, input.referenceCode);
  w.leaf('unittitle', {}, input.title);
  if (input.creatorName !== undefined) w.open('origination').open('corpname').leaf('part', {}, input.creatorName).close().close();
  w.close();
  w.close();
  w.close();
  return w.toBuffer();
}
