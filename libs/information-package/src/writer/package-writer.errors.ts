/** Error codes of the package writers; messages name the offending path or option, never file content. */
export enum PackageWriterErrorCode {
  InvalidOption = 'PACKAGE_WRITER_INVALID_OPTION',
  TargetExists = 'PACKAGE_WRITER_TARGET_EXISTS',
  UnsupportedFileType = 'PACKAGE_WRITER_UNSUPPORTED_FILE_TYPE',
  MissingFile = 'PACKAGE_WRITER_MISSING_FILE',
  SchemaNotInCatalog = 'PACKAGE_WRITER_SCHEMA_NOT_IN_CATALOG',
  DuplicatePath = 'PACKAGE_WRITER_DUPLICATE_PATH',
}

export class PackageWriterError extends Error {
  constructor(
    readonly code: PackageWriterErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PackageWriterError';
  }
}
