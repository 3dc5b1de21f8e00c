import { DomainError, ErrorKind, NotFoundError } from '../platform/errors/domain.error';

export enum FinalArchiveErrorCode {
  TransferNotFound = 'TRANSFER_NOT_FOUND',
  DisposalNotFound = 'DISPOSAL_NOT_FOUND',
  RuleNotFound = 'RETENTION_RULE_NOT_FOUND',
  HoldNotFound = 'LEGAL_HOLD_NOT_FOUND',
  RequestNotFound = 'DISCLOSURE_REQUEST_NOT_FOUND',
  EmptySelection = 'LIFECYCLE_EMPTY_SELECTION',
  SelectionTooLarge = 'LIFECYCLE_SELECTION_TOO_LARGE',
  WrongState = 'LIFECYCLE_WRONG_STATE',
  SelfApproval = 'LIFECYCLE_SELF_APPROVAL',
  Held = 'DISPOSAL_HELD',
  NotCandidate = 'DISPOSAL_NOT_A_CANDIDATE',
  SharedFile = 'JOURNAL_SHARED_FILE',
  InvalidPatient = 'INVALID_PATIENT_ID',
  RuleExists = 'RETENTION_RULE_EXISTS',
  ReferenceExists = 'DISCLOSURE_REFERENCE_EXISTS',
  NotAssessed = 'DISCLOSURE_NOT_ASSESSED',
  MaskedNeedsManualCopy = 'DISCLOSURE_MASKED_NEEDS_MANUAL_COPY',
  ExportNotFound = 'TRANSFER_EXPORT_NOT_FOUND',
  NothingToExport = 'TRANSFER_EXPORT_NO_REPRESENTATION',
}

export const transferNotFound = () => new NotFoundError(FinalArchiveErrorCode.TransferNotFound, 'No such transfer');
export const disposalNotFound = () => new NotFoundError(FinalArchiveErrorCode.DisposalNotFound, 'No such disposal');
export const ruleNotFound = () => new NotFoundError(FinalArchiveErrorCode.RuleNotFound, 'No such retention rule');
export const holdNotFound = () => new NotFoundError(FinalArchiveErrorCode.HoldNotFound, 'No such legal hold');
export const requestNotFound = () => new NotFoundError(FinalArchiveErrorCode.RequestNotFound, 'No such request');
export const exportNotFound = () => new NotFoundError(FinalArchiveErrorCode.ExportNotFound, 'No such export or package');
export const nothingToExport = (aipId: string) =>
  new DomainError(FinalArchiveErrorCode.NothingToExport, ErrorKind.Conflict, `AIP ${aipId} holds no representation of the original package to export`, { aipId });
export const emptySelection = () => new DomainError(FinalArchiveErrorCode.EmptySelection, ErrorKind.Invalid, 'The selection contains no AIP the caller may act on');
export const selectionTooLarge = (max: number) =>
  new DomainError(FinalArchiveErrorCode.SelectionTooLarge, ErrorKind.TooLarge, `The selection holds more than ${max} AIPs; narrow it down`);
export const wrongState = (what: string, status: string) => new DomainError(FinalArchiveErrorCode.WrongState, ErrorKind.Conflict, `The ${what} is ${status}`);
/** Two people, two steps: whoever proposed may not decide. */
export const selfApproval = () => new DomainError(FinalArchiveErrorCode.SelfApproval, ErrorKind.Forbidden, 'The proposer cannot decide on their own proposal');
export const held = (aipIds: string[]) =>
  new DomainError(FinalArchiveErrorCode.Held, ErrorKind.Conflict, 'Records under a legal hold cannot be disposed of', { aipIds: aipIds.slice(0, 100) });
export const notCandidate = (aipIds: string[]) =>
  new DomainError(FinalArchiveErrorCode.NotCandidate, ErrorKind.Conflict, 'Only AIPs listed as retention candidates can be proposed for disposal', { aipIds: aipIds.slice(0, 100) });
export const sharedFile = (aipId: string) =>
  new DomainError(
    FinalArchiveErrorCode.SharedFile,
    ErrorKind.Conflict,
    `In AIP ${aipId} the patient's records share source files with other records; they cannot be destroyed separately`,
    { aipId },
  );
// Never echo the value: it is personal data.
export const invalidPatient = () => new DomainError(FinalArchiveErrorCode.InvalidPatient, ErrorKind.Invalid, 'Not a valid personnummer or samordningsnummer');
export const ruleExists = () => new DomainError(FinalArchiveErrorCode.RuleExists, ErrorKind.Conflict, 'A rule for this information type and source system exists');
export const referenceExists = () => new DomainError(FinalArchiveErrorCode.ReferenceExists, ErrorKind.Conflict, 'A request with this reference is registered');
export const maskedNeedsManualCopy = () =>
  new DomainError(FinalArchiveErrorCode.MaskedNeedsManualCopy, ErrorKind.Conflict, 'A release with parts masked is prepared by hand: record what was handed out instead of exporting the records whole');
export const notAssessed = () => new DomainError(FinalArchiveErrorCode.NotAssessed, ErrorKind.Conflict, 'Records are handed out only after a secrecy assessment that releases them');
