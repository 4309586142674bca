/** A file-level problem: no retry or row-level handling can save the file. */
export class FileRejection extends Error {
  override readonly name = 'FileRejection';
}
