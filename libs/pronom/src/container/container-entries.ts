/** What container matching needs from a ZIP or OLE2 reader: entry names and bounded contents. */
export interface ContainerEntries {
  has(path: string): boolean;
  /** Up to `maxBytes` of the entry's (decompressed) contents from its start. */
  read(path: string, maxBytes: number): Promise<Buffer>;
}
