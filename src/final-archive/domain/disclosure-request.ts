export type SecrecyAssessment = 'released' | 'released-masked' | 'refused';
export const ASSESSMENTS: SecrecyAssessment[] = ['released', 'released-masked', 'refused'];

/** One request for records in the final archive (utlämnande) and how it was answered. */
export interface DisclosureRequest {
  id: string;
  reference: string;
  requester: { name: string; contact: string | null };
  receivedAt: string;
  /** What was asked for, in the requester's words (no patient identity belongs here). */
  subject: string;
  informationTypeId: string | null;
  registeredBy: string;
  registeredAt: string;
  assessment: { outcome: SecrecyAssessment; reasoning: string; by: { id: string; name: string | null }; at: string } | null;
  handedOut: (HandOut & { by: { id: string; name: string | null }; at: string }) | null;
}

/** What left the archive for a request. A DIP made here keeps its manifest: each file's and the ZIP's SHA-256. */
export interface HandOut {
  recordIds: string[];
  dip: string | null;
  note: string | null;
  dipManifest?: {
    dipId: string;
    createdAt: string;
    zip: { fileName: string; bytes: number; sha256: string };
    files: Array<{ path: string; size: number; sha256: string }>;
  };
}
