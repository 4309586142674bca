import { settledDeliveryState } from './settled-state';

describe('settledDeliveryState', () => {
  const started = { total: 10, startedAt: new Date(), outstandingFailures: 0, error: null };

  it('is skipped when delivery never started or had nothing to send', () => {
    expect(settledDeliveryState({ ...started, startedAt: null })).toBe('skipped');
    expect(settledDeliveryState({ ...started, total: 0, error: 'stopped' })).toBe('skipped');
  });

  it('is partial while a record is still failed or when delivery stopped short, delivered otherwise', () => {
    expect(settledDeliveryState({ ...started, outstandingFailures: 1 })).toBe('partial');
    expect(settledDeliveryState({ ...started, error: 'S3 unavailable' })).toBe('partial');
    expect(settledDeliveryState(started)).toBe('delivered');
  });
});
