/**
 * The first column of every staged CSV: the row's 1-based line in the uploaded file, so a merged
 * record can name the input records it came from. It is found by position, never by name: dataset
 * field names start with a letter, and a kept unmapped column that happens to be called this comes
 * after it, so neither can be taken for it. Nothing past the merge (clean.csv, records, metrics) sees it.
 */
export const STAGED_LINE_COLUMN = '__sluice_line';
