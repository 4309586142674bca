import type { DeliveryOptions, FileReadingOptions, JobSpec, PipelineJobSpec } from '@sluice/contracts';
import { fileReadingOptionsSchema } from '@sluice/core';
import type { DatasetsRepository, JobSpecResolver, PipelinesRepository } from '@sluice/db';

import { invalidRequest } from '../job-request-error';
import { parseMode, parseRateLimit, parseRetryDelays } from './delivery-settings';
import { registerWebhookEndpoint, type WebhookEndpointDeps } from './webhook-endpoint-registration';

/**
 * What to launch over the files, as a person gives it (a form's fields, a CLI's flags): read and
 * checked at launch, in the order the API has always reported problems in.
 */
export interface LaunchRequest {
  /** One dataset every file is read as… */
  dataset?: string;
  /** …or a pipeline whose datasets the files are. */
  pipeline?: string;
  /** A pipeline job: each file's dataset, in file order; '' to detect it by headers. Empty or absent: detect every file. */
  fileDatasets?: string[];
  /** Hours to keep the job's data, at most (and by default) the configured retention; text is read as a plain decimal. */
  retentionHours?: number | string;
  /** Webhook delivery (mode "webhook"), or download (the default). */
  delivery?: DeliveryRequest;
  /** How the files are read, where the person knows better than detection; absent settings are detected. */
  reading?: ReadingRequest;
  /** Add `_cluster_id` and `_source_lines` columns to clean.csv: true or false ("true"/"false" as typed in a form); absent: false. */
  provenanceColumns?: string | boolean;
}

/**
 * Reading settings as typed in a form: each absent or '' is left to detection, except `quote` and `escape`,
 * where '' is a setting (no quoting, no escape). `delimiter` also takes "tab"; `columnFields` is JSON text or an object.
 */
export interface ReadingRequest {
  encoding?: string;
  delimiter?: string;
  quote?: string;
  escape?: string;
  headerLine?: string | number;
  sheet?: string;
  columnFields?: string | Record<string, string | null>;
}

/** Delivery settings as typed: see delivery-settings for what each accepts. */
export interface DeliveryRequest {
  mode?: string;
  webhookUrl?: string;
  rateLimit?: string | number | null;
  retryDelays?: string;
}

/** What the files of a launch are read as. */
export interface ResolvedLaunch {
  spec: JobSpec;
  /** A pipeline job: each file's tagged dataset, undefined to detect it by headers. */
  fileDatasets: (string | undefined)[];
  retentionHours: number;
  delivery: DeliveryOptions | undefined;
}

export interface LaunchRequestDeps extends WebhookEndpointDeps {
  jobSpecs: Pick<JobSpecResolver, 'dataset' | 'pipeline'>;
  datasets: Pick<DatasetsRepository, 'list'>;
  pipelines: Pick<PipelinesRepository, 'list' | 'names'>;
  /** The default, and the most a job may ask for. */
  retentionHours: number;
}

/** Checks a request against the workspace's current configurations; registers its webhook URL (making its secret) when it has one. */
export async function resolveLaunch(deps: LaunchRequestDeps, workspaceId: string, request: LaunchRequest, fileCount: number): Promise<ResolvedLaunch> {
  const source = await sourceOf(deps, workspaceId, request, fileCount);
  const retentionHours = retention(request.retentionHours, deps.retentionHours);
  const delivery = await deliveryOptions(deps, workspaceId, request.delivery ?? {});
  const reading = readingOptionsOf(request.reading);
  if (reading?.columnFields) checkColumnFields(reading.columnFields, source.spec);
  const provenanceColumns = provenanceColumnsOf(request.provenanceColumns);
  return {
    spec: { ...source.spec, delivery: delivery ?? null, ...(reading ? { reading } : {}), ...(provenanceColumns ? { provenanceColumns } : {}) },
    fileDatasets: source.fileDatasets,
    retentionHours,
    delivery,
  };
}

/** Whether clean.csv gets the provenance columns; anything but a yes or a no is refused, naming the field. */
export function provenanceColumnsOf(value: string | boolean | undefined): boolean {
  if (typeof value === 'boolean' || value === undefined) return value ?? false;
  const text = value.trim().toLowerCase();
  if (text === '' || text === 'false' || text === '0' || text === 'no') return false;
  if (text === 'true' || text === '1' || text === 'yes') return true;
  throw invalidRequest(`"provenanceColumns" must be true or false (adds _cluster_id and _source_lines columns to clean.csv), not "${value.slice(0, 40)}"`);
}

/** The reading settings a request gives, checked; undefined when it gives none. Invalid ones are refused naming the field. */
export function readingOptionsOf(request: ReadingRequest | undefined): FileReadingOptions | undefined {
  if (!request) return undefined;
  const raw: Record<string, unknown> = {};
  for (const key of ['encoding', 'sheet'] as const) if (request[key]?.trim()) raw[key] = request[key];
  for (const key of ['quote', 'escape'] as const) if (request[key] !== undefined) raw[key] = request[key];
  const delimiter = request.delimiter;
  if (delimiter !== undefined && delimiter !== '') raw['delimiter'] = delimiter === 'tab' || delimiter === '\\t' ? '\t' : delimiter;
  const headerLine = typeof request.headerLine === 'number' ? String(request.headerLine) : request.headerLine?.trim();
  if (headerLine) {
    if (!/^\d+$/.test(headerLine)) throw invalidRequest(`Invalid reading option "headerLine": must be a line number (1 for the first line), not "${headerLine.slice(0, 40)}"`);
    raw['headerLine'] = Number(headerLine);
  }
  if (typeof request.columnFields === 'object' && request.columnFields !== null) raw['columnFields'] = request.columnFields;
  else if (request.columnFields?.trim()) raw['columnFields'] = parseColumnFields(request.columnFields);
  if (Object.keys(raw).length === 0) return undefined;
  const parsed = fileReadingOptionsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.length ? String(issue.path[0]) : 'reading';
  const where = issue.path.length > 1 ? ` (for "${issue.path.slice(1).join('.')}")` : '';
  throw invalidRequest(`Invalid reading option "${field}"${where}: ${issue.message}`);
}

function parseColumnFields(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRequest('Invalid reading option "columnFields": must be a JSON object of column header → field name (or null to leave the column unmapped)');
  }
  return value;
}

/** Corrections must name fields the job's datasets have. */
function checkColumnFields(columnFields: Record<string, string | null>, spec: JobSpec): void {
  const datasets = spec.kind === 'pipeline' ? Object.values(spec.datasets) : [spec.dataset];
  const fields = new Set(datasets.flatMap((d) => d.definition.fields.map((f) => f.name)));
  for (const [header, field] of Object.entries(columnFields)) {
    if (field !== null && !fields.has(field)) {
      throw invalidRequest(
        `Invalid reading option "columnFields": "${header}" is mapped to "${field}", which is not a field of ${[...datasets.map((d) => d.definition.name)].join(', ')} (fields: ${[...fields].join(', ')})`,
      );
    }
  }
}

/** What the files are read as: one dataset or a pipeline's datasets. */
async function sourceOf(deps: LaunchRequestDeps, workspaceId: string, request: LaunchRequest, fileCount: number): Promise<Pick<ResolvedLaunch, 'spec' | 'fileDatasets'>> {
  const pipelineName = request.pipeline?.trim();
  const datasetName = request.dataset?.trim();
  if (pipelineName && datasetName) throw invalidRequest('Send either "dataset" or "pipeline", not both');
  if (pipelineName) return pipelineSource(deps, workspaceId, pipelineName, request.fileDatasets ?? [], fileCount);
  const known = async () => (await deps.datasets.list(workspaceId)).map((d) => d.definition.name).join(', ');
  if (!datasetName) {
    const pipelines = (await deps.pipelines.list(workspaceId)).map((p) => p.definition.name).join(', ');
    throw invalidRequest(`Missing field "dataset" (one of: ${await known()}) or "pipeline" (one of: ${pipelines})`);
  }
  const resolved = await deps.jobSpecs.dataset(workspaceId, datasetName);
  if (!resolved.ok) throw invalidRequest(`Unknown dataset "${datasetName}" (known: ${await known()})`);
  return { spec: resolved.spec, fileDatasets: [] };
}

/** The pipeline's spec; invalid when it is unknown or an edited dataset no longer fits it. */
async function pipelineSpec(deps: LaunchRequestDeps, workspaceId: string, name: string): Promise<PipelineJobSpec> {
  const resolved = await deps.jobSpecs.pipeline(workspaceId, name);
  if (!resolved.ok && resolved.reason === 'unknown') throw invalidRequest(`Unknown pipeline "${name}" (known: ${(await deps.pipelines.names(workspaceId)).join(', ')})`);
  if (!resolved.ok) throw invalidRequest(`Pipeline "${name}" no longer fits its datasets' current configurations`, { details: { problems: resolved.problems } });
  return resolved.spec;
}

async function pipelineSource(
  deps: LaunchRequestDeps,
  workspaceId: string,
  name: string,
  tags: string[],
  fileCount: number,
): Promise<Pick<ResolvedLaunch, 'spec' | 'fileDatasets'>> {
  const spec = await pipelineSpec(deps, workspaceId, name);
  const members = Object.keys(spec.datasets);
  if (tags.length && tags.length !== fileCount) {
    throw invalidRequest(`"datasets" names ${tags.length} datasets for ${fileCount} files: give one per file, in order (empty to detect by headers)`);
  }
  for (const tag of tags) {
    if (tag && !members.includes(tag)) throw invalidRequest(`"datasets" names "${tag}", which is not in pipeline ${name} (${members.join(', ')})`);
  }
  return { spec, fileDatasets: tags.map((t) => t || undefined) };
}

/** Webhook settings, or undefined for download mode; the URL is registered (and its secret made) here. */
async function deliveryOptions(deps: WebhookEndpointDeps, workspaceId: string, settings: DeliveryRequest): Promise<DeliveryOptions | undefined> {
  if (parseMode(settings.mode) === 'download') return undefined;
  const rateLimit = parseRateLimit(settings.rateLimit);
  const retryDelaysMs = parseRetryDelays(settings.retryDelays);
  const url = settings.webhookUrl?.trim();
  if (!url) throw invalidRequest('Missing field "webhookUrl": webhook mode needs the URL to deliver records to');
  const endpoint = await registerWebhookEndpoint(deps, workspaceId, url);
  return { endpointId: endpoint.id, url: endpoint.url, rateLimit, retryDelaysMs };
}

function retention(value: number | string | undefined, maxHours: number): number {
  const raw = typeof value === 'number' ? String(value) : value?.trim();
  if (!raw) return maxHours;
  // Plain decimals only: Number() would also read "0x10" as 16 and "1e1" as 10.
  const hours = typeof value === 'number' ? value : /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(hours) || hours <= 0 || hours > maxHours) {
    throw invalidRequest(`retentionHours must be a number above 0 and at most ${maxHours}`);
  }
  return hours;
}
