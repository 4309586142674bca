import { BadRequestException, Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Req, Res, UnprocessableEntityException } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FilePreview } from '@sluice/contracts';
import { DatasetGuess, detectDataset, FileRejection, HeaderMappingPreview, headerRowOf, mapDatasetHeader, previewFile } from '@sluice/core';
import { readingOptionsOf } from '@sluice/jobs';
import type { Request, Response } from 'express';

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
  @ApiOperation({ summary: 'Every dataset with its current configuration version' })
  list(): Promise<VersionedDataset[]> {
    return this.configs.list();
  }

  @Get('export')
  @ApiOperation({ summary: 'All current definitions as one JSON file (for POST /api/datasets/import)' })
  async export(@Res({ passthrough: true }) response: Response): Promise<unknown[]> {
    response.setHeader('Content-Disposition', `attachment; filename="sluice-datasets-${new Date().toISOString().slice(0, 10)}.json"`);
    return (await this.configs.list()).map((d) => d.definition);
  }

  @Post('import')
  @ApiOperation({ summary: 'Import definitions (a JSON array); each changed one becomes a new version, all or nothing' })
  @ApiBody({ schema: { type: 'array', items: { type: 'object' } } })
  import(@Body() body: unknown): Promise<VersionedDataset[]> {
    return this.configs.import(body);
  }

  @Post('detect')
  @HttpCode(200)
  @ApiOperation({ summary: 'Which dataset a header row (or the start of a file) belongs to, by its headers' })
  @ApiResponse({ status: 422, description: 'No dataset has all its required fields among the headers' })
  async detect(@Body() body: PreviewMappingDto): Promise<DatasetGuess> {
    const headers = body.headers ?? headerOf(body.sample);
    const guess = detectDataset(
      headers,
      (await this.configs.list()).map((d) => d.definition),
    );
    if (!guess) throw new UnprocessableEntityException(`No dataset fits these headers: ${headers.slice(0, 12).join(', ')}`);
    return guess;
  }

  @Get(':name')
  @ApiOperation({ summary: 'The current configuration of a dataset' })
  get(@Param('name') name: string): Promise<VersionedDataset> {
    return this.configs.currentOrThrow(name);
  }

  @Put(':name')
  @ApiOperation({ summary: 'Save a new version of a dataset (or create one); refused with field-level problems when invalid' })
  @ApiBody(DEFINITION_BODY)
  save(@Param('name') name: string, @Body() body: unknown): Promise<VersionedDataset> {
    return this.configs.save(name, body, 'update');
  }

  @Get(':name/versions')
  @ApiOperation({ summary: 'Every version of a dataset, newest first' })
  versions(@Param('name') name: string): Promise<DatasetVersionSummary[]> {
    return this.configs.versions(name);
  }

  @Get(':name/versions/:version')
  @ApiOperation({ summary: 'One version of a dataset' })
  version(@Param('name') name: string, @IntParam('version') version: number): Promise<VersionedDataset> {
    return this.configs.version(name, version);
  }

  @Post(':name/versions/:version/restore')
  @ApiOperation({ summary: 'Make an old version current again (as a new version)' })
  restore(@Param('name') name: string, @IntParam('version') version: number): Promise<VersionedDataset> {
    return this.configs.restore(name, version);
  }

  @Post(':name/synonyms')
  @ApiOperation({ summary: 'Remember headers as synonyms of fields (a new version), so the next file with them maps by itself' })
  @ApiResponse({ status: 400, description: 'Unknown field, or an empty header' })
  @ApiResponse({ status: 409, description: 'A header already maps to another field' })
  addSynonyms(@Param('name') name: string, @Body() body: AddSynonymsDto): Promise<VersionedDataset> {
    return this.configs.addSynonyms(name, body.synonyms);
  }

  @Post(':name/preview')
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
  async preview(@Param('name') name: string, @Req() request: Request, @Body() body: PreviewMappingDto): Promise<HeaderMappingPreview | FilePreview> {
    const { definition } = await this.configs.currentOrThrow(name);
    if (!request.is('multipart/form-data')) return mapDatasetHeader(definition, body.headers ?? headerOf(body.sample));
    const form = await receivePreviewForm(request, { maxWorkbookBytes: this.config.maxUploadBytes });
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
