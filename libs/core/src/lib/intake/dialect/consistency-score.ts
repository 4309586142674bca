import { isKnownCell } from './cell-kinds';
import type { SampleRecord } from './split-sample';

/** CleverCSV's floor for a one-field row's weight and for a type score of zero, so that no dialect scores exactly 0. */
const EPS_PATTERN = 1e-3;
const EPS_TYPE = 1e-10;

/** A record holding nothing but whitespace (a blank or delimiter-only line): it says nothing about the dialect. */
export function isBlankRecord(record: SampleRecord): boolean {
  for (const cell of record.cells) if (cell.trim() !== '') return false;
  return true;
}

/**
 * CleverCSV's data-consistency measure Q = P × T of a sample read with one dialect (van den Burg et al., "Wrangling messy
 * CSV files by detecting row and type patterns", 2019). P, the pattern score, is Σ_k N_k (L_k − 1) / L_k over the K
 * distinct field counts L_k (N_k rows each), divided by K: high when rows agree on their width, and more for wider rows.
 * T, the type score, is the share of cells of a known kind. `known` caches cell verdicts across the dialects tried.
 */
export function consistencyScore(records: SampleRecord[], known: Map<string, boolean>, apostropheQuotes: boolean): number {
  const rowsByWidth = new Map<number, number>();
  let cells = 0;
  let knownCells = 0;
  for (const record of records) {
    if (isBlankRecord(record)) continue;
    const width = record.cells.length;
    rowsByWidth.set(width, (rowsByWidth.get(width) ?? 0) + 1);
    for (let i = 0; i < width; i++) {
      cells++;
      const form = record.forms[i];
      if (form === 'quoted') knownCells++;
      else if (form === 'plain') {
        const cell = record.cells[i];
        let verdict = known.get(cell);
        if (verdict === undefined) {
          verdict = isKnownCell(cell, apostropheQuotes);
          known.set(cell, verdict);
        }
        if (verdict) knownCells++;
      }
    }
  }
  if (rowsByWidth.size === 0) return 0;
  let pattern = 0;
  for (const [width, rows] of rowsByWidth) pattern += (rows * Math.max(EPS_PATTERN, width - 1)) / width;
  pattern /= rowsByWidth.size;
  const type = cells === 0 ? EPS_TYPE : Math.max(EPS_TYPE, knownCells / cells);
  return pattern * type;
}
