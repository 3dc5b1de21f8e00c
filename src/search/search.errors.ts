import { DomainError, ErrorKind, NotFoundError } from '../platform/errors/domain.error';

export enum SearchErrorCode {
  InvalidMappingFile = 'INVALID_MAPPING_FILE',
  InvalidCriteria = 'SEARCH_INVALID_CRITERIA',
  TooBroad = 'SEARCH_TOO_BROAD',
  InvalidCursor = 'SEARCH_INVALID_CURSOR',
  InvalidSort = 'SEARCH_INVALID_SORT',
  RecordNotFound = 'RECORD_NOT_FOUND',
  InformationTypeNotFound = 'INFORMATION_TYPE_NOT_FOUND',
  FileNotFound = 'RECORD_FILE_NOT_FOUND',
  FileSourceUnavailable = 'RECORD_FILE_SOURCE_UNAVAILABLE',
  NotSearchable = 'SEARCH_NOT_SUPPORTED',
  BlockNotFound = 'RECORD_BLOCK_NOT_FOUND',
  BlockExists = 'RECORD_BLOCK_EXISTS',
  InvalidBlock = 'RECORD_BLOCK_INVALID',
  FileShared = 'RECORD_FILE_SHARED',
  DipTooLarge = 'DIP_TOO_MANY_RECORDS',
  DipEmpty = 'DIP_NO_RECORDS',
}

export const invalidMappingFile = (file: string, problems: string[]) =>
  new DomainError(SearchErrorCode.InvalidMappingFile, ErrorKind.Invalid, `${file}: ${problems.join('; ')}`);
/** Names the field and the rule, never the searched value (it may be a personnummer). */
export const invalidCriteria = (field: string, why: string) =>
  new DomainError(SearchErrorCode.InvalidCriteria, ErrorKind.Invalid, `Criterion "${field}": ${why}`, { field });
export const tooBroad = (requires: string[][]) =>
  new DomainError(
    SearchErrorCode.TooBroad,
    ErrorKind.Invalid,
    `The search is too broad: name a patient or fill one of these sets of criteria (date ranges with both from and to): ${requires.map((s) => s.join(' + ')).join('; ')}`,
    { requires },
  );
export const invalidCursor = () => new DomainError(SearchErrorCode.InvalidCursor, ErrorKind.Invalid, 'The cursor is not valid for this search');
export const invalidSort = (field: string) => new DomainError(SearchErrorCode.InvalidSort, ErrorKind.Invalid, `Cannot sort by "${field}"`, { field });
/** Another tenant's record, an ungranted type or no such record: the same answer (no existence leak). */
export const recordNotFound = () => new NotFoundError(SearchErrorCode.RecordNotFound, 'Record not found');
export const informationTypeNotFound = () => new NotFoundError(SearchErrorCode.InformationTypeNotFound, 'Information type not found');
export const fileNotFound = () => new NotFoundError(SearchErrorCode.FileNotFound, 'File not found');
export const fileSourceUnavailable = () =>
  new DomainError(SearchErrorCode.FileSourceUnavailable, ErrorKind.Unavailable, 'Original files cannot be read right now');
export const notSearchable = (why: string) => new DomainError(SearchErrorCode.NotSearchable, ErrorKind.Invalid, why);
export const blockNotFound = () => new NotFoundError(SearchErrorCode.BlockNotFound, 'Block not found');
export const blockExists = () => new DomainError(SearchErrorCode.BlockExists, ErrorKind.Conflict, 'The same block already exists');
/** Names the field and the rule, never the value (it may be a personnummer). */
export const invalidBlock = (field: string, why: string) => new DomainError(SearchErrorCode.InvalidBlock, ErrorKind.Invalid, `${field}: ${why}`, { field });
/** Names the limit only; the ids asked for stay out of the message. */
export const dipTooLarge = (max: number) =>
  new DomainError(SearchErrorCode.DipTooLarge, ErrorKind.Invalid, `A DIP holds at most ${max} records: split the selection into several DIPs`, { max });
export const dipEmpty = () => new DomainError(SearchErrorCode.DipEmpty, ErrorKind.Invalid, 'Name at least one record for the DIP');
/** Need to know: one record's access never hands out a file that also holds other patients' records. */
export const fileShared = () =>
  new DomainError(
    SearchErrorCode.FileShared,
    ErrorKind.Forbidden,
    "The file also holds other patients' records and is not handed out per record: read the record's rendered view, or ask an archivist for the package",
  );
