import { auditActionName } from './audit-action';

describe('auditActionName', () => {
  it('is the feature and the handler', () => {
    expect(auditActionName('WebhooksController', 'rotateSecret')).toBe('webhooks.rotateSecret');
    expect(auditActionName('UploadsController', 'create')).toBe('uploads.create');
    expect(auditActionName('JobsController', 'rerun')).toBe('jobs.rerun');
  });

  it('reads better where renamed', () => {
    expect(auditActionName('JobDeliveriesController', 'setRate')).toBe('deliveries.setRate');
    expect(auditActionName('JobDeliveriesController', 'retryFailed')).toBe('deliveries.replayFailed');
    expect(auditActionName('SchedulesController', 'remove')).toBe('schedules.delete');
  });

  it('leaves out the POST routes that only read', () => {
    expect(auditActionName('DatasetsController', 'preview')).toBeNull();
    expect(auditActionName('PipelinesController', 'check')).toBeNull();
  });
});
