export const OBJECT_STORE = Symbol('ObjectStore');
export const WORKER_CONFIG = Symbol('WorkerConfig');
