// A project's `testTimeout` is ignored when Jest runs several projects at once; this applies everywhere.
jest.setTimeout(120_000);
