import { once } from 'node:events';

import type { CsvJobFile, FileOutcome } from '@sluice/contracts';
import { CsvFileValidator, DEFAULT_FILE_LIMITS, FileRejection, RowOutcome, STAGED_LINE_COLUMN, TableReader, validateTable, withReadingContext } from '@sluice/core';
import { stagedKey, uploadFileName } from '@sluice/storage';
import { Stringifier, stringify } from 'csv-stringify';

import { namingItsSetting } from '../worker-config';
import type { ActivityDeps } from './activity-deps';
import { claimAttemptFence } from './attempt-fence';
import { asBadInput } from './bad-input';
import { InvalidRowWriter } from './invalid-row-writer';
import { JobProgress } from './job-progress';
import { datasetOf, loadSpec, readingOptionsOf } from './job-spec';

/**
 * How much of a file's column mapping may travel through Temporal, whose payloads are limited to 2 MB:
 * the mapping rides in this activity's result and again in the results and finalize steps' inputs.
 */
const MAPPING_PAYLOAD_BYTES = 1.75 * 1024 * 1024;

function checkMappingFits(columns: FileOutcome['columns'], reading: FileOutcome['reading']): void {
  const bytes = Buffer.byteLength(JSON.stringify({ columns, reading }));
  if (bytes <= MAPPING_PAYLOAD_BYTES) return;
  const size = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  throw new FileRejection(
    `The header row's ${columns.length.toLocaleString('en-US')} column names take ${size(bytes)} once mapped; at most ${size(MAPPING_PAYLOAD_BYTES)} can be processed per file: shorten the column names or remove columns`,
  );
}

/**
 * Streams one uploaded file from S3 through the table reader (its encoding, dialect and header line
 * detected unless the upload or dataset says them) and the dataset's validator. Valid rows, normalised, stream into a staged CSV object; invalid rows go to
 * Postgres with their line numbers. Memory stays flat whatever the file size, every limit is checked
 * as the file streams, and no step holds the event loop for long (heartbeats and other jobs go on).
 */
export async function parseAndValidate(deps: ActivityDeps, input: { workspaceId: string; jobId: string; dataset: string; file: CsvJobFile }): Promise<FileOutcome> {
  const { workspaceId, jobId, file } = input;
  const spec = await loadSpec(deps, workspaceId, jobId);
  const dataset = datasetOf(spec, input.dataset);
  if (!dataset) throw asBadInput(new FileRejection(`Unknown dataset "${input.dataset}": the job does not read it`));
  const options = readingOptionsOf(spec, dataset);

  const fence = await claimAttemptFence(deps, workspaceId, jobId, `parseAndValidate:${file.uploadId}`);
  const invalidRows = new InvalidRowWriter(deps, workspaceId, jobId, file.uploadId, fence);
  const progress = new JobProgress(deps, workspaceId, jobId, file.uploadId, fence);
  await invalidRows.reset();

  const key = stagedKey(workspaceId, jobId, file.uploadId);
  const counts = { rows: 0, valid: 0, invalid: 0 };
  const limits = deps.fileLimits ?? DEFAULT_FILE_LIMITS;
  const validator = new CsvFileValidator(dataset, limits, options.columnFields);
  const table = new TableReader({ bytes: await deps.store.read(file.key), fileName: uploadFileName(file.key), options, limits });
  // The staged columns are known once the header is read (kept unmapped columns vary by file). Rows are
  // written as arrays, the source line first: a kept column may be called like the line column, and by
  // position the two never meet (see STAGED_LINE_COLUMN).
  let output: { staged: Stringifier; upload: ReturnType<ActivityDeps['store']['startUpload']>; columns: string[] } | null = null;
  const open = () => {
    const columns = validator.outputColumns;
    const staged = stringify();
    const upload = deps.store.startUpload(key, staged);
    // Aborting on failure rejects `done`; only the success path awaits it.
    upload.done.catch(() => undefined);
    staged.write([STAGED_LINE_COLUMN, ...columns]);
    return { staged, upload, columns };
  };

  try {
    const record = async (outcome: RowOutcome) => {
      const { result } = outcome;
      counts.rows += 1;
      if (result.ok) {
        counts.valid += 1;
        output ??= open();
        const { record: values } = result;
        if (!output.staged.write([outcome.line, ...output.columns.map((column) => (Object.hasOwn(values, column) ? values[column] : undefined))]))
          await once(output.staged, 'drain');
      } else {
        counts.invalid += 1;
        // Only an invalid row's cells are kept, so only they are cut out of its line.
        await invalidRows.add(outcome.line, result.error, outcome.cells, outcome.text);
      }
    };
    let mappingChecked = false;
    for await (const outcomes of validateTable(table.batches(), validator)) {
      if (!mappingChecked && validator.columns.length > 0) {
        checkMappingFits(validator.columns, table.report);
        mappingChecked = true;
      }
      for (const outcome of outcomes) await record(outcome);
      await progress.tick(counts.rows);
    }
    await invalidRows.flush();
    output ??= open();
    output.staged.end();
    await output.upload.done;
  } catch (error) {
    output?.staged.destroy();
    await output?.upload.abort().catch(() => undefined);
    const failure = asBadInput(namingItsSetting(withReadingContext(error, table.report)));
    // A rejected file keeps no half-written row errors: its one error says why it was rejected.
    if (failure !== error) await invalidRows.reset();
    throw failure;
  }
  await progress.save(counts.rows);
  return {
    uploadId: file.uploadId,
    rowsProcessed: counts.rows,
    validRows: counts.valid,
    invalidRows: counts.invalid,
    stagedKey: key,
    error: null,
    columns: validator.columns,
    cleaned: validator.cleaned,
    reading: table.report,
  };
}
