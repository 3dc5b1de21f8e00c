import { Readable } from 'node:stream';
import { FileIdentification, FormatIdentifier, IdentifierOptions } from './format-identifier';
import { Identification } from './identification';

/** Identifiers by options, so the free functions compile a signature file once per process. */
const identifiers = new Map<string, Promise<FormatIdentifier>>();

function identifierFor(options: IdentifierOptions): Promise<FormatIdentifier> {
  const key = JSON.stringify(options);
  let p = identifiers.get(key);
  if (!p) {
    p = FormatIdentifier.create(options);
    identifiers.set(key, p);
    p.catch(() => identifiers.delete(key));
  }
  return p;
}

export async function identifyFile(path: string, options: IdentifierOptions = {}): Promise<FileIdentification> {
  return (await identifierFor(options)).identifyFile(path);
}

export async function identifyBuffer(
  prefix: Buffer,
  suffix: Buffer,
  size: number,
  name: string,
  options: IdentifierOptions = {},
): Promise<Identification> {
  return (await identifierFor(options)).identifyBuffer(prefix, suffix, size, name);
}

export async function identifyStream(stream: Readable, name: string, options: IdentifierOptions = {}): Promise<Identification> {
  return (await identifierFor(options)).identifyStream(stream, name);
}
