import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';

import { Public } from '../../infra/auth/access.decorator';
import { DependencyHealthIndicator } from './dependency-health.indicator';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly dependencies: DependencyHealthIndicator,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Reachability of Postgres, S3 and Temporal (503 when any is down)' })
  check() {
    return this.health.check([() => this.dependencies.postgres(), () => this.dependencies.s3(), () => this.dependencies.temporal()]);
  }
}
