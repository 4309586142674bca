import { Controller, MessageEvent, Sse } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { interval, map, merge, Observable } from 'rxjs';

import { Access } from '../../infra/auth/access.decorator';
import { CurrentWorkspace } from '../../infra/auth/current-principal.decorator';
import { JobEventsService } from './job-events.service';

/** Comments keep proxies from closing a quiet stream. */
const KEEPALIVE_MS = 15_000;

@ApiTags('jobs')
@Controller('events')
export class EventsController {
  constructor(private readonly events: JobEventsService) {}

  @Sse('jobs')
  @Access('read')
  @ApiOperation({
    summary:
      'Server-sent events: `jobs` with the ids of the workspace jobs that changed (status, progress, delivery), at most 4 a second; ' +
      '`ready` once changes are being followed, and again after the API lost and regained them: reload what you show then',
  })
  jobs(@CurrentWorkspace() workspaceId: string): Observable<MessageEvent> {
    // Subscribed in this order, so the changes are followed before `ready` can say so.
    return merge(
      this.events.changedIn(workspaceId).pipe(map((ids): MessageEvent => ({ type: 'jobs', data: { ids } }))),
      this.events.listening$.pipe(map((): MessageEvent => ({ type: 'ready', data: {} }))),
      interval(KEEPALIVE_MS).pipe(map((): MessageEvent => ({ type: 'ping', data: {} }))),
    );
  }
}
