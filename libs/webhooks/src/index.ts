export * from './lib/address-policy';
export * from './lib/retry-policy';
export * from './lib/standard-webhooks';
export * from './lib/webhook-sender';
