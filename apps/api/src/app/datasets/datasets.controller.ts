import { BadRequestException, Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Req, Res, UnprocessableEntityException } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FilePreview } from '@sluice/contracts';
import { DatasetGuess, detectDataset, FileRejection, HeaderMappingPreview, headerRowOf, mapDatasetHeader, previewFile } from '@sluice/core';
import { readingOptionsOf } from '@sluice/jobs';
import type { Request, Response } from 'express';

import { Access } from '../../infra/auth/access.decorator';
import { CurrentWorkspace } from '../../infra/auth/current-principal.decorator';
import type { ApiConfig } from '../../infra/config/api-config';
import { API_CONFIG } from '../../infra/tokens';
import { IntParam } from '../common/params';
import { readingRequestFromForm } from '../uploads/launch-form';
import { READING_FIELDS } from '../uploads/reading-fields.schema';
import { AddSynonymsDto } from './add-synonyms.dto';
import { DatasetConfigsService, DatasetVersionSummary, VersionedDataset } from './dataset-configs.service';
import { PreviewMappingDto } from './preview-mapping.dto';
import { PREVIEW_HEAD_BYTES, receivePreviewForm } from './preview-form';

const DEFINITION_BODY = { schema: { type: 'object', description: 'A dataset definition (see GET /api/datasets/{name})' } };

@ApiTags('datasets')
@ApiExtraModels(PreviewMappingDto)
@Controller('datasets')
export class DatasetsController {
  constructor(
    private readonly configs: DatasetConfigsService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  @Get()
  @Access('read')
  @ApiOperation({ summary: 'Every dataset with its current configuration version' })
  list(@CurrentWorkspace() workspaceId: string): Promise<VersionedDataset[]> {
    return this.configs.list(workspaceId);
  }

  @Get('export')
  @Access('read')
  @ApiOperation({ summary: 'All current definitions as one JSON file (for POST /api/datasets/import)' })
  async export(@CurrentWorkspace() workspaceId: string, @Res({ passthrough: true }) response: Response): Promise<unknown[]> {
    response.setHeader('Content-Disposition', `attachment; filename="sluice-datasets-${new Date().toISOString().slice(0, 10)}.json"`);
    return (await this.configs.list(workspaceId)).map((d) => d.definition);
  }

  @Post('import')
  @Access('write')
  @ApiOperation({ summary: 'Import definitions (a JSON array); each changed one becomes a new version, all or nothing' })
  @ApiBody({ schema: { type: 'array', items: { type: 'object' } } })
  import(@CurrentWorkspace() workspaceId: string, @Body() body: unknown): Promise<VersionedDataset[]> {
    return this.configs.import(workspaceId, body);
  }

  @Post('detect')
  @Access('read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Which dataset a header row (or the start of a file) belongs to, by its headers' })
  @ApiResponse({ status: 422, description: 'No dataset has all its required fields among the headers' })
  async detect(@CurrentWorkspace() workspaceId: string, @Body() body: PreviewMappingDto): Promise<DatasetGuess> {
    const headers = body.headers ?? headerOf(body.sample);
    const guess = detectDataset(
      headers,
      (await this.configs.list(workspaceId)).map((d) => d.definition),
    );
    if (!guess) throw new UnprocessableEntityException(`No dataset fits these headers: ${headers.slice(0, 12).join(', ')}`);
    return guess;
  }

  @Get(':name')
  @Access('read')
  @ApiOperation({ summary: 'The current configuration of a dataset' })
  get(@CurrentWorkspace() workspaceId: string, @Param('name') name: string): Promise<VersionedDataset> {
    return this.configs.currentOrThrow(workspaceId, name);
  }

  @Put(':name')
  @Access('write')
  @ApiOperation({ summary: 'Save a new version of a dataset (or create one); refused with field-level problems when invalid' })
  @ApiBody(DEFINITION_BODY)
  save(@CurrentWorkspace() workspaceId: string, @Param('name') name: string, @Body() body: unknown): Promise<VersionedDataset> {
    return this.configs.save(workspaceId, name, body, 'update');
  }

  @Get(':name/versions')
  @Access('read')
  @ApiOperation({ summary: 'Every version of a dataset, newest first' })
  versions(@CurrentWorkspace() workspaceId: string, @Param('name') name: string): Promise<DatasetVersionSummary[]> {
    return this.configs.versions(workspaceId, name);
  }

  @Get(':name/versions/:version')
  @Access('read')
  @ApiOperation({ summary: 'One version of a dataset' })
  version(@CurrentWorkspace() workspaceId: string, @Param('name') name: string, @IntParam('version') version: number): Promise<VersionedDataset> {
    return this.configs.version(workspaceId, name, version);
  }

  @Post(':name/versions/:version/restore')
  @Access('write')
  @ApiOperation({ summary: 'Make an old version current again (as a new version)' })
  restore(@CurrentWorkspace() workspaceId: string, @Param('name') name: string, @IntParam('version') version: number): Promise<VersionedDataset> {
    return this.configs.restore(workspaceId, name, version);
  }

  @Post(':name/synonyms')
  @Access('write')
  @ApiOperation({ summary: 'Remember headers as synonyms of fields (a new version), so the next file with them maps by itself' })
  @ApiResponse({ status: 400, description: 'Unknown field, or an empty header' })
  @ApiResponse({ status: 409, description: 'A header already maps to another field' })
  addSynonyms(@CurrentWorkspace() workspaceId: string, @Param('name') name: string, @Body() body: AddSynonymsDto): Promise<VersionedDataset> {
    return this.configs.addSynonyms(workspaceId, name, body.synonyms);
  }

  @Post(':name/preview')
  @Access('read')
  @HttpCode(200)
  @ApiOperation({
    summary: 'How a header row, or a file, maps to the dataset, with scores; runs no job',
    description: `JSON { headers | sample } answers the mapping. A multipart "file" (of which the first ${PREVIEW_HEAD_BYTES / 1024 / 1024} MiB are read; a workbook whole) answers how it would be read (encoding, dialect, header line), its mapping and its first rows.`,
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({
    schema: {
      oneOf: [{ $ref: getSchemaPath(PreviewMappingDto) }, { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' }, ...READING_FIELDS } }],
    },
  })
  @ApiResponse({ status: 400, description: 'No headers, sample or file; a bad reading option (named); a file that cannot be read' })
  async preview(
    @CurrentWorkspace() workspaceId: string,
    @Param('name') name: string,
    @Req() request: Request,
    @Body() body: PreviewMappingDto,
  ): Promise<HeaderMappingPreview | FilePreview> {
    const { definition } = await this.configs.currentOrThrow(workspaceId, name);
    if (!request.is('multipart/form-data')) return mapDatasetHeader(definition, body.headers ?? headerOf(body.sample));
    const form = await receivePreviewForm(request, { maxWorkbookBytes: Math.min(this.config.maxPreviewWorkbookBytes, this.config.maxUploadBytes) });
    const options = readingOptionsOf(readingRequestFromForm(form.fields));
    try {
      return await previewFile({ dataset: definition, bytes: form.bytes, fileName: form.fileName, options, truncated: form.truncated });
    } catch (error) {
      // The reader's refusals say what is wrong with the file; anything else is ours, and answered as such.
      if (error instanceof FileRejection) throw new BadRequestException(`"${form.fileName}" cannot be read: ${error.message}`);
      throw error;
    }
  }
}

function headerOf(sample: string | undefined): string[] {
  if (sample === undefined) throw new BadRequestException('Send "headers" (an array) or "sample" (the start of a CSV file)');
  let header: string[] = [];
  try {
    header = headerRowOf(sample);
  } catch {
    // Reported below, like an empty one.
  }
  if (!header.length) throw new BadRequestException('The sample has no readable header row');
  return header;
}
