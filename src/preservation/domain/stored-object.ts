import type { IngestFile } from '@samarkiv/storage';

export interface StoreObjectRequest {
  objectId: string;
  files: IngestFile[];
  message: string;
  agent?: { name: string; address?: string };
}

export interface StoredCopy {
  location: string;
  verifiedAt: Date;
}

export interface StoredObject {
  objectId: string;
  version: string;
  /** Logical files of the head version. */
  fileCount: number;
  totalBytes: number;
  copies: StoredCopy[];
}

export interface VersionChangeRequest {
  add?: IngestFile[];
  remove?: string[];
}

export interface LogicalFile {
  logicalPath: string;
  size: number;
  digest: string;
}

export type ObjectStatus = 'storing' | 'stored' | 'damaged';
export type CopyStatus = 'writing' | 'verified' | 'failed';
