/** Thrown by container readers when hostile or broken input must stop the extraction. */
export class PackageRejection extends Error {
  constructor(
    readonly findingId: string,
    message: string,
    readonly location = '',
  ) {
    super(message);
  }
}
