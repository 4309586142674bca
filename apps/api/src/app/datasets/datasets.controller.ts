import { BadRequestException, Body, Controller, Get, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DatasetDefinition, findDataset, HeaderMappingPreview, listDatasets, mapDatasetHeader } from '@sluice/core';
import { parse } from 'csv-parse/sync';

import { PreviewMappingDto } from './preview-mapping.dto';

@ApiTags('datasets')
@Controller('datasets')
export class DatasetsController {
  @Get()
  @ApiOperation({ summary: 'Datasets a file can be uploaded as, with their fields' })
  list(): DatasetDefinition[] {
    return listDatasets();
  }

  @Post(':name/preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'How a header row (or the start of a file) maps to the dataset, with scores; runs no job' })
  preview(@Param('name') name: string, @Body() body: PreviewMappingDto): HeaderMappingPreview {
    const dataset = findDataset(name);
    if (!dataset) throw new NotFoundException(`Unknown dataset "${name}" (known: ${listDatasets().map((d) => d.name).join(', ')})`);
    return mapDatasetHeader(dataset, body.headers ?? headerOf(body.sample));
  }
}

function headerOf(sample: string | undefined): string[] {
  if (sample === undefined) throw new BadRequestException('Send "headers" (an array) or "sample" (the start of a CSV file)');
  // The sample may stop mid-file; only its first record is read.
  const firstLine = sample.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0];
  try {
    const [header] = parse(firstLine, { relax_column_count: true, relax_quotes: true }) as string[][];
    if (!header?.length) throw new Error('empty');
    return header;
  } catch {
    throw new BadRequestException('The sample has no readable header row');
  }
}
