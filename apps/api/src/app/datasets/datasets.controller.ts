import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Put, Res, UnprocessableEntityException } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DatasetGuess, detectDataset, HeaderMappingPreview, headerRowOf, mapDatasetHeader } from '@sluice/core';
import type { Response } from 'express';

import { IntParam } from '../common/params';
import { DatasetConfigsService, DatasetVersionSummary, VersionedDataset } from './dataset-configs.service';
import { PreviewMappingDto } from './preview-mapping.dto';

const DEFINITION_BODY = { schema: { type: 'object', description: 'A dataset definition (see GET /api/datasets/{name})' } };

@ApiTags('datasets')
@Controller('datasets')
export class DatasetsController {
  constructor(private readonly configs: DatasetConfigsService) {}

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

  @Post(':name/preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'How a header row (or the start of a file) maps to the dataset, with scores; runs no job' })
  async preview(@Param('name') name: string, @Body() body: PreviewMappingDto): Promise<HeaderMappingPreview> {
    const { definition } = await this.configs.currentOrThrow(name);
    return mapDatasetHeader(definition, body.headers ?? headerOf(body.sample));
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
