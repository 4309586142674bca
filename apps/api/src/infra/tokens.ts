export const API_CONFIG = Symbol('ApiConfig');
export const OBJECT_STORE = Symbol('ObjectStore');
export const TEMPORAL_CLIENT = Symbol('TemporalClient');
export const ADDRESS_POLICY = Symbol('AddressPolicy');
export const WEBHOOK_SENDER = Symbol('WebhookSender');
