import { Logger } from '@nestjs/common';
import type { AuditEventsRepository } from '@sluice/db';

import { AuditTrail } from './audit-trail';

describe('AuditTrail', () => {
  const entry = { workspaceId: 'w', actorUserId: 'u', actor: 'ops@example.com', action: 'webhooks.rotateSecret', outcome: 'success' as const, detail: { status: 200 } };

  it('writes the entry', async () => {
    const record = jest.fn().mockResolvedValue(undefined);
    await new AuditTrail({ record } as unknown as AuditEventsRepository).record(entry);
    expect(record).toHaveBeenCalledWith(entry);
  });

  it('never fails its caller: a failed write is logged and dropped', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const record = jest.fn().mockRejectedValue(Object.assign(new Error('connection refused to 10.0.0.1 with secret whsec_x'), { code: 'P1001' }));
    await expect(new AuditTrail({ record } as unknown as AuditEventsRepository).record(entry)).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith('Could not write the audit event webhooks.rotateSecret (success) of ops@example.com: P1001');
    warn.mockRestore();
  });
});
