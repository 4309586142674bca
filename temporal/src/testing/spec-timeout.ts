// A project's `testTimeout` is ignored when Jest runs several projects at once; this applies everywhere.
// Workflow specs skip the server's clock, but their activities and workers run in real time on a shared machine.
jest.setTimeout(30_000);
