import { Controller, MessageEvent, Sse } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { interval, map, merge, Observable } from 'rxjs';

import { JobEventsService } from './job-events.service';

/** Comments keep proxies from closing a quiet stream. */
const KEEPALIVE_MS = 15_000;

@ApiTags('jobs')
@Controller('events')
export class EventsController {
  constructor(private readonly events: JobEventsService) {}

  @Sse('jobs')
  @ApiOperation({ summary: 'Server-sent events: `jobs` with the ids of jobs that changed (status, progress, delivery), at most 4 a second' })
  jobs(): Observable<MessageEvent> {
    return merge(
      this.events.changed$.pipe(map((ids): MessageEvent => ({ type: 'jobs', data: { ids } }))),
      interval(KEEPALIVE_MS).pipe(map((): MessageEvent => ({ type: 'ping', data: {} }))),
    );
  }
}
