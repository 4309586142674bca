// A project's `testTimeout` is ignored when Jest runs several projects at once, as `npm test` does (in band, on a
// shared 2-core machine where a garbage collection or a busy server can stall any spec for seconds); the preset
// loads this everywhere, and projects whose specs drive real servers set longer ones after it.
jest.setTimeout(30_000);
