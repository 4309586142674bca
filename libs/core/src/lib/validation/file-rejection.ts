/** A file-level problem: no retry or row-level handling can save the file. */
export class FileRejection extends Error {
  override readonly name = 'FileRejection';
}

/** A header the dataset cannot use (missing required columns, nothing matched): how the file was read helps explain it. */
export class HeaderRejection extends FileRejection {}
