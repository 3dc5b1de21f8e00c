import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { DigestAlgorithm, hashFileSync, parseDigestAlgorithm } from '@samarkiv/fixity';
import { XmlNode, child, findAll, localName, parseXml } from './xml-tree.test-helper';

/**
 * Independent checks of a written package against the main CSIP MUSTs, used by the writer tests.
 * Returns human-readable problems; an empty list means the package passed.
 */
export function checkPackage(root: string, expectedPackageType: string): string[] {
  const problems: string[] = [];
  const referenced = new Set<string>(['METS.xml']);
  const visit = (metsPath: string, isRoot: boolean): void => {
    const doc = parseXml(readFileSync(join(root, metsPath), 'utf8'));
    const where = metsPath;
    checkMets(doc, where, isRoot, expectedPackageType, problems);
    const base = posix.dirname(metsPath) === '.' ? '' : posix.dirname(metsPath);
    for (const node of [...findAll(doc, 'mdRef'), ...findAll(doc, 'FLocat')]) {
      const target = resolveHref(base, node.attrs['xlink:href'] ?? '');
      referenced.add(target);
      const holder = localName(node.name) === 'FLocat' ? node.parent : node;
      if (holder) checkFacts(root, target, holder, `${where}: ${target}`, problems);
    }
    for (const mptr of findAll(doc, 'mptr')) {
      const target = resolveHref(base, mptr.attrs['xlink:href'] ?? '');
      referenced.add(target);
      if (!exists(join(root, target))) problems.push(`${where}: mptr points to a missing file ${target}`);
      else visit(target, false);
    }
  };
  visit('METS.xml', true);
  for (const file of listFiles(root)) if (!referenced.has(file)) problems.push(`file on disk not referenced by any METS: ${file}`);
  return problems;
}

function checkMets(doc: XmlNode, where: string, isRoot: boolean, packageType: string, problems: string[]): void {
  const need = (cond: boolean, what: string): void => {
    if (!cond) problems.push(`${where}: ${what}`);
  };
  need(localName(doc.name) === 'mets', 'root element is mets');
  for (const a of ['OBJID', 'TYPE', 'PROFILE']) need(!!doc.attrs[a], `mets/@${a} present (CSIP1/2/6)`);
  if (!isRoot) need(!!doc.attrs['csip:CONTENTINFORMATIONTYPE'], 'representation METS has csip:CONTENTINFORMATIONTYPE (CSIP4)');
  const hdr = child(doc, 'metsHdr');
  need(hdr !== undefined, 'metsHdr present (CSIP117)');
  if (hdr) {
    need(!!hdr.attrs.CREATEDATE, 'metsHdr/@CREATEDATE (CSIP7)');
    // Nested METS (a SIP kept inside an AIP) keep their own package type.
    const type = hdr.attrs['csip:OAISPACKAGETYPE'] ?? '';
    need(isRoot ? type === packageType : ['SIP', 'AIP', 'DIP'].includes(type), `metsHdr/@csip:OAISPACKAGETYPE = ${packageType} (CSIP9)`);
    const software = findAll(hdr, 'agent').filter((a) => a.attrs.ROLE === 'CREATOR' && a.attrs.TYPE === 'OTHER' && a.attrs.OTHERTYPE === 'SOFTWARE');
    need(software.length === 1, 'exactly one software CREATOR agent (CSIP10–13)');
    for (const agent of software) {
      need(!!child(agent, 'name')?.text.trim(), 'software agent name (CSIP14)');
      need(findAll(agent, 'note').some((n) => n.attrs['csip:NOTETYPE'] === 'SOFTWARE VERSION' && n.text.trim() !== ''), 'SOFTWARE VERSION note (CSIP15/16)');
    }
  }
  const ids = new Map<string, XmlNode>();
  for (const node of allNodes(doc)) {
    const id = node.attrs.ID;
    if (id === undefined) continue;
    if (ids.has(id) && ids.get(id) !== node) problems.push(`${where}: duplicate ID ${id}`);
    ids.set(id, node);
  }
  const resolves = (id: string, what: string): void => need(ids.has(id), `${what} ${id} resolves`);
  for (const node of allNodes(doc)) {
    for (const attr of ['ADMID', 'DMDID']) for (const id of (node.attrs[attr] ?? '').split(/\s+/).filter(Boolean)) resolves(id, attr);
    if (localName(node.name) === 'fptr') resolves(node.attrs.FILEID ?? '', 'fptr/@FILEID');
    if (localName(node.name) === 'mptr') {
      resolves(node.attrs['xlink:title'] ?? '', 'mptr/@xlink:title (CSIP108)');
      need(node.attrs.LOCTYPE === 'URL' && node.attrs['xlink:type'] === 'simple', 'mptr LOCTYPE=URL, xlink:type=simple (CSIP111/112)');
    }
    if (localName(node.name) === 'div') {
      const order = node.children.map((c) => localName(c.name));
      const lastMptr = order.lastIndexOf('mptr');
      const firstFptr = order.indexOf('fptr');
      need(firstFptr < 0 || lastMptr < firstFptr, `div ${node.attrs.ID}: mptr before fptr`);
      need(!!node.attrs.ID, `div ${node.attrs.LABEL} has an ID`);
    }
  }
  for (const sec of [...findAll(doc, 'dmdSec'), ...findAll(doc, 'digiprovMD'), ...findAll(doc, 'rightsMD')]) {
    need(!!sec.attrs.ID, `${sec.name}/@ID`);
    need(['CURRENT', 'SUPERSEDED'].includes(sec.attrs.STATUS ?? ''), `${sec.name}/@STATUS`);
    if (localName(sec.name) === 'dmdSec') need(!!sec.attrs.CREATED, 'dmdSec/@CREATED (CSIP19)');
    const ref = child(sec, 'mdRef');
    need(ref !== undefined, `${sec.name} has mdRef`);
    if (ref) {
      need(ref.attrs.LOCTYPE === 'URL' && ref.attrs['xlink:type'] === 'simple', 'mdRef LOCTYPE=URL, xlink:type=simple');
      for (const a of ['xlink:href', 'MDTYPE', 'MIMETYPE', 'SIZE', 'CREATED', 'CHECKSUM', 'CHECKSUMTYPE']) need(!!ref.attrs[a], `mdRef/@${a}`);
    }
  }
  const fileSecs = findAll(doc, 'fileSec');
  need(fileSecs.length <= 1, 'one fileSec (CSIP58)');
  for (const sec of fileSecs) need(!!sec.attrs.ID, 'fileSec/@ID (CSIP59)');
  for (const grp of findAll(doc, 'fileGrp')) {
    need(!!grp.attrs.ID && !!grp.attrs.USE, 'fileGrp/@ID and @USE (CSIP64/65)');
    need(findAll(grp, 'file').length > 0, `fileGrp ${grp.attrs.ID} has files (CSIP66)`);
  }
  for (const file of findAll(doc, 'file')) {
    for (const a of ['ID', 'MIMETYPE', 'SIZE', 'CREATED', 'CHECKSUM', 'CHECKSUMTYPE']) need(!!file.attrs[a], `file/@${a} (CSIP67–72)`);
    const loc = findAll(file, 'FLocat');
    need(loc.length === 1, `file ${file.attrs.ID} has one FLocat (CSIP76)`);
    for (const l of loc) need(l.attrs.LOCTYPE === 'URL' && l.attrs['xlink:type'] === 'simple' && !!l.attrs['xlink:href'], 'FLocat LOCTYPE/xlink:type/href (CSIP77–79)');
  }
  const maps = findAll(doc, 'structMap').filter((s) => s.attrs.LABEL === 'CSIP');
  need(maps.length === 1, 'exactly one structMap labelled CSIP (CSIP80/82)');
  for (const map of maps) {
    need(map.attrs.TYPE === 'PHYSICAL' && !!map.attrs.ID, 'structMap TYPE=PHYSICAL with ID (CSIP81/83)');
    const top = map.children.filter((c) => localName(c.name) === 'div');
    need(top.length === 1 && !!top[0].attrs.ID, 'one top div with ID (CSIP84/85)');
    const labels = top.flatMap((d) => d.children.map((c) => c.attrs.LABEL));
    need(labels.filter((l) => l === 'Metadata').length === 1, 'one Metadata div (CSIP88)');
    for (const div of top.flatMap((d) => d.children)) {
      if ((div.attrs.LABEL ?? '').startsWith('Representations/') && isRoot) {
        need(findAll(div, 'mptr').length === 1, `${div.attrs.LABEL} has one mptr (CSIP109)`);
      }
    }
  }
}

function checkFacts(root: string, target: string, holder: XmlNode, where: string, problems: string[]): void {
  const path = join(root, target);
  if (!exists(path)) {
    problems.push(`${where}: referenced file is missing`);
    return;
  }
  const size = statSync(path).size;
  if (String(size) !== holder.attrs.SIZE) problems.push(`${where}: SIZE ${holder.attrs.SIZE} but the file has ${size} bytes`);
  const algorithm = parseDigestAlgorithm(holder.attrs.CHECKSUMTYPE ?? '') as DigestAlgorithm | undefined;
  if (algorithm === undefined) {
    problems.push(`${where}: unknown CHECKSUMTYPE ${holder.attrs.CHECKSUMTYPE}`);
    return;
  }
  const digest = hashFileSync(path, [algorithm]).digests[algorithm];
  if (digest !== (holder.attrs.CHECKSUM ?? '').toLowerCase()) problems.push(`${where}: CHECKSUM does not match the file`);
}

function resolveHref(base: string, href: string): string {
  const decoded = href.split('/').map(decodeURIComponent).join('/');
  return posix.normalize(base === '' ? decoded : `${base}/${decoded}`);
}

function allNodes(doc: XmlNode): XmlNode[] {
  const out: XmlNode[] = [doc];
  const visit = (n: XmlNode): void => n.children.forEach((c) => (out.push(c), visit(c)));
  visit(doc);
  return out;
}

function exists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(root, p).split(sep).join('/'));
    }
  };
  walk(root);
  return out;
}

export function metsFiles(root: string): string[] {
  return listFiles(root).filter((f) => f.endsWith('METS.xml')).map((f) => join(root, f));
}

export function premisFiles(root: string): string[] {
  return listFiles(root).filter((f) => /metadata\/preservation\/[^/]+\.xml$/.test(f)).map((f) => join(root, f));
}


