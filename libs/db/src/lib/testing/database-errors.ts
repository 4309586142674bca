import { Prisma } from '../../generated/prisma/client';

// Errors as the database client raises them, with the driver's text, for specs of what callers make of them.

export function knownDatabaseError(code: string, meta?: Record<string, unknown>, message = 'Invalid `prisma.job.findMany()` invocation: SELECT …'): Error {
  return new Prisma.PrismaClientKnownRequestError(message, { code, clientVersion: 'test', meta });
}

export function unknownDatabaseError(message: string): Error {
  return new Prisma.PrismaClientUnknownRequestError(message, { clientVersion: 'test' });
}

export function databaseValidationError(message: string): Error {
  return new Prisma.PrismaClientValidationError(message, { clientVersion: 'test' });
}

export function databaseUnreachableError(message = "Can't reach database server"): Error {
  return new Prisma.PrismaClientInitializationError(message, 'test');
}
