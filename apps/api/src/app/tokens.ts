export const API_CONFIG = Symbol('ApiConfig');
/** The Prisma client itself, only for the webhook features until their deliveries repository lands; everything else injects repositories. */
export const OBJECT_STORE = Symbol('ObjectStore');
export const TEMPORAL_CLIENT = Symbol('TemporalClient');
export const ADDRESS_POLICY = Symbol('AddressPolicy');
export const WEBHOOK_SENDER = Symbol('WebhookSender');
