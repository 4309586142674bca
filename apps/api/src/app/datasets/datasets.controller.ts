import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DatasetDefinition, listDatasets } from '@sluice/core';

@ApiTags('datasets')
@Controller('datasets')
export class DatasetsController {
  @Get()
  @ApiOperation({ summary: 'Datasets a file can be uploaded as, with their fields' })
  list(): DatasetDefinition[] {
    return listDatasets();
  }
}
