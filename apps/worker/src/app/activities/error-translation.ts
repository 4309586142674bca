import { DatasetSettingsProblem, DuckDbFailure, MAX_CSV_LINE_BYTES } from '@sluice/analytics';
import { BAD_INPUT_ERROR } from '@sluice/contracts';
import { classifyDatabaseError, type DatabaseError, isRetryableDatabaseError } from '@sluice/db';
import { hasNetworkErrorCode } from '@sluice/storage';
import { activityStep } from '@sluice/temporal';

/** Where an error happened: the activity, and the file it was reading if it reads one. */
export interface ErrorContext {
  activity: string;
  fileName?: string;
}

/** An error as the user is told it: a sentence, and whether trying again can help. */
export interface Translation {
  /** Failure type Temporal records; BAD_INPUT_ERROR marks a file no retry can read. */
  type: string;
  message: string;
  retryable: boolean;
  /** False for errors the user caused and the message fully explains: nothing to look up in the log. */
  needsRef: boolean;
}

export const STORAGE_UNAVAILABLE = 'StorageUnavailable';
export const DATABASE_UNAVAILABLE = 'DatabaseUnavailable';
export const WORKER_RESOURCES = 'WorkerResources';
export const ENGINE_FAILURE = 'EngineFailure';
export const UNEXPECTED_ERROR = 'UnexpectedError';

/** What the activity was doing, in words. */
export const stepOf = ({ activity, fileName }: ErrorContext): string => activityStep(activity, fileName);

const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;

function fromDuckDb(failure: DuckDbFailure, step: string): Translation {
  switch (failure.problem) {
    case 'out_of_memory':
      return {
        type: WORKER_RESOURCES,
        retryable: true,
        needsRef: true,
        message: `The worker ran out of memory while ${step}. Sluice retries on its own; if the job still fails, split the files into smaller ones or give the worker more memory`,
      };
    case 'out_of_disk':
      return {
        type: WORKER_RESOURCES,
        retryable: true,
        needsRef: true,
        message: `The worker ran out of temporary disk space while ${step}. Sluice retries on its own; if the job still fails, free disk space on the worker or split the files`,
      };
    case 'row_too_large':
      return {
        type: BAD_INPUT_ERROR,
        retryable: false,
        needsRef: true,
        message: `A row is larger than the ${mib(MAX_CSV_LINE_BYTES)} Sluice can merge (${step}). Split very large cells or rows and upload again`,
      };
    case 'interrupted':
      return { type: WORKER_RESOURCES, retryable: true, needsRef: true, message: `The worker was interrupted while ${step}; Sluice retries on its own` };
    default:
      // Staged rows are validated and written by Sluice: an engine error here is a fault in Sluice, not in the data.
      return {
        type: ENGINE_FAILURE,
        retryable: false,
        needsRef: true,
        message: `Sluice failed while ${step}. This is a fault in Sluice, not in your data: rerunning will not help until it is fixed; report the ref`,
      };
  }
}

interface AwsLikeError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $fault?: string;
}

const RESOURCE_CODES = new Set(['ENOSPC', 'EMFILE', 'ENFILE', 'ENOMEM', 'EDQUOT']);

function fromDatabase(error: DatabaseError, step: string): Translation {
  switch (error.kind) {
    // Postgres cannot store NUL characters in text: the data, not the database, is the problem.
    case 'bad_text':
      return {
        type: BAD_INPUT_ERROR,
        retryable: false,
        needsRef: false,
        message: `The file contains NUL characters (byte 0), which cannot be stored (${step}). Remove them and upload again`,
      };
    case 'not_found':
      return { type: UNEXPECTED_ERROR, retryable: false, needsRef: true, message: `The job's records were removed from the database while ${step}` };
    default:
      if (isRetryableDatabaseError(error)) {
        return {
          type: DATABASE_UNAVAILABLE,
          retryable: true,
          needsRef: true,
          message: `The database was unavailable or busy while ${step}. Sluice retries on its own; if the job still fails, rerun it once the database is back`,
        };
      }
      return {
        type: UNEXPECTED_ERROR,
        retryable: true,
        needsRef: true,
        message: `The database refused an update while ${step}. Sluice retries on its own; if the job still fails, report the ref`,
      };
  }
}

function fromStorage(error: AwsLikeError, step: string): Translation {
  const status = error.$metadata?.httpStatusCode;
  if (error.name === 'AccessDenied' || error.name === 'InvalidAccessKeyId' || error.name === 'SignatureDoesNotMatch' || status === 403) {
    return {
      type: STORAGE_UNAVAILABLE,
      retryable: true,
      needsRef: true,
      message: `Storage (S3) refused access while ${step}: check the worker's storage credentials, then rerun the job`,
    };
  }
  if (error.name === 'NoSuchBucket') {
    return {
      type: STORAGE_UNAVAILABLE,
      retryable: true,
      needsRef: true,
      message: `The storage bucket is missing (${step}): check the worker's storage settings, then rerun the job`,
    };
  }
  if (error.name === 'NoSuchKey' || status === 404) {
    return { type: BAD_INPUT_ERROR, retryable: false, needsRef: false, message: `A file of this job is missing from storage (deleted or expired) while ${step}` };
  }
  return {
    type: STORAGE_UNAVAILABLE,
    retryable: true,
    needsRef: true,
    message: `Storage (S3) was unavailable while ${step}. Sluice retries on its own; if the job still fails, rerun it once storage is back`,
  };
}

/**
 * Maps any failure inside an activity to a sentence about the user's data and what to do, and says
 * whether a retry can help. Never returns engine, driver or storage text: that goes to the log.
 */
export function translateError(error: unknown, context: ErrorContext): Translation {
  const step = stepOf(context);
  if (error instanceof DuckDbFailure) return fromDuckDb(error, step);
  if (error instanceof DatasetSettingsProblem) {
    return { type: BAD_INPUT_ERROR, retryable: false, needsRef: false, message: `The dataset's de-duplication settings cannot be run (${step}): ${error.message}` };
  }
  const aws = (error ?? {}) as AwsLikeError;
  if (aws.$metadata || aws.$fault) return fromStorage(aws, step);
  const database = classifyDatabaseError(error);
  if (database) return fromDatabase(database, step);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && RESOURCE_CODES.has(code)) {
    return {
      type: WORKER_RESOURCES,
      retryable: true,
      needsRef: true,
      message: `The worker ran out of ${code === 'ENOSPC' || code === 'EDQUOT' ? 'disk space' : 'resources'} while ${step}. Sluice retries on its own; if the job still fails, free space on the worker or split the files`,
    };
  }
  if (hasNetworkErrorCode(error)) {
    return {
      type: STORAGE_UNAVAILABLE,
      retryable: true,
      needsRef: true,
      message: `A service Sluice depends on (storage or the database) did not answer while ${step}. Sluice retries on its own; if the job still fails, rerun it once the service is back`,
    };
  }
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return {
      type: UNEXPECTED_ERROR,
      retryable: true,
      needsRef: true,
      message: `A service did not answer in time while ${step}. Sluice retries on its own; if the job still fails, rerun it later`,
    };
  }
  return {
    type: UNEXPECTED_ERROR,
    retryable: true,
    needsRef: true,
    message: `Sluice hit an unexpected error while ${step}. It retries on its own; if the job still fails, report the ref`,
  };
}
