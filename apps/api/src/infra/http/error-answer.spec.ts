import { BadRequestException, ServiceUnavailableException } from '@nestjs/common';
import { databaseUnreachableError, databaseValidationError, knownDatabaseError } from '@sluice/db/testing';
import { JobRequestError } from '@sluice/jobs';
import { ServiceError } from '@temporalio/client';

import { errorAnswer } from './error-answer';

const grpcError = (code: number) => Object.assign(new Error(`${code} grpc failure`), { code, details: 'raw grpc details', metadata: {} });
const prismaKnown = (code: string, meta?: Record<string, unknown>) => knownDatabaseError(code, meta);
const messageOf = (error: unknown) => String(errorAnswer(error).body['message']);

describe('errorAnswer', () => {
  it('keeps an HttpException below 500 as it is, problems included', () => {
    const answer = errorAnswer(new BadRequestException({ message: 'Invalid dataset definition', problems: [{ path: 'name', message: 'is required' }] }));
    expect(answer).toEqual({ status: 400, body: { message: 'Invalid dataset definition', problems: [{ path: 'name', message: 'is required' }] } });
  });

  it('gives a deliberate 5xx a ref, keeping its words', () => {
    const answer = errorAnswer(new ServiceUnavailableException('Processing is unavailable right now'));
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ message: 'Processing is unavailable right now', ref: answer.ref });
  });

  it("answers a use case's refusal with its kind's status and the body Nest gives the same exception", () => {
    const statuses = { invalid: 400, not_found: 404, gone: 410, conflict: 409, too_large: 413 } as const;
    for (const [kind, status] of Object.entries(statuses)) {
      const answer = errorAnswer(new JobRequestError(kind as keyof typeof statuses, 'Job x is still waiting'));
      expect(answer).toEqual({ status, body: { statusCode: status, message: 'Job x is still waiting', error: expect.any(String) } });
    }
    const misfit = errorAnswer(new JobRequestError('invalid', 'Pipeline p no longer fits', { details: { problems: [{ path: 'joins.0', message: 'gone' }] } }));
    expect(misfit).toEqual({ status: 400, body: { message: 'Pipeline p no longer fits', problems: [{ path: 'joins.0', message: 'gone' }] } });
  });

  it("gives a use case's 503 a ref, in its message too when it asks for one, never its cause", () => {
    const down = new JobRequestError('unavailable', 'Processing is unavailable right now', { cause: new Error('14 UNAVAILABLE 10.0.0.1:7233') });
    expect(errorAnswer(down)).toMatchObject({
      status: 503,
      body: { statusCode: 503, message: 'Processing is unavailable right now', ref: expect.stringMatching(/^[0-9a-f]{12}$/) },
    });
    const store = errorAnswer(
      new JobRequestError('unavailable', 'Could not store "a.csv": the object store did not accept it; try again shortly', { needsRef: true, cause: new Error('SlowDown') }),
    );
    expect(store.body['message']).toBe(`Could not store "a.csv": the object store did not accept it; try again shortly (ref ${store.ref})`);
    expect(store.body['ref']).toBe(store.ref);
    expect(JSON.stringify(store.body)).not.toMatch(/SlowDown|7233/);
  });

  it('answers an unknown error with a 500 sentence and a ref, never its message or stack', () => {
    const answer = errorAnswer(new Error('ENOENT: /work/secret/path.ts:12:3 SELECT * FROM "Job"'));
    expect(answer.status).toBe(500);
    expect(answer.ref).toMatch(/^[0-9a-f]{12}$/);
    expect(answer.body['message']).toBe(
      `Something went wrong on our side while handling this request; it was logged as ref ${answer.ref}. Try again, and quote the ref if it keeps happening.`,
    );
    expect(JSON.stringify(answer.body)).not.toMatch(/secret|SELECT|ENOENT/);
  });

  it("maps express's body parser errors to 400/413/415 sentences", () => {
    const parserError = (status: number, type: string, extra: object = {}) =>
      Object.assign(new Error('Unexpected token } in JSON at position 7'), { status, type, expose: true, ...extra });
    expect(errorAnswer(parserError(400, 'entity.parse.failed'))).toMatchObject({
      status: 400,
      body: { message: 'The request body is not valid JSON (Unexpected token } in JSON at position 7); send a JSON document' },
    });
    expect(errorAnswer(parserError(413, 'entity.too.large', { limit: 1024 * 1024 }))).toMatchObject({
      status: 413,
      body: { message: 'The request body is larger than the 1 MB limit' },
    });
    expect(errorAnswer(parserError(415, 'charset.unsupported', { charset: 'latin1' })).status).toBe(415);
  });

  it("maps Prisma's request errors by what they mean, without their text", () => {
    expect(errorAnswer(prismaKnown('P2002')).status).toBe(409);
    expect(errorAnswer(prismaKnown('P2025')).status).toBe(404);
    expect(errorAnswer(prismaKnown('P2000')).status).toBe(400);
    expect(errorAnswer(prismaKnown('P2010', { code: '22021' })).status).toBe(400);
    expect(errorAnswer(prismaKnown('P1001')).status).toBe(503);
    expect(errorAnswer(databaseValidationError('Invalid value for argument `gte`: Provided Date object is invalid.')).status).toBe(400);
    expect(errorAnswer(databaseUnreachableError()).status).toBe(503);
    expect(messageOf(prismaKnown('P2002'))).not.toMatch(/prisma|invocation|SELECT/i);
    // A code nobody mapped is ours to fix: a 500 with a ref.
    expect(errorAnswer(prismaKnown('P2999')).status).toBe(500);
  });

  it('is a 503 naming Temporal when it cannot be reached, a 400 when it refuses a value', () => {
    expect(errorAnswer(new ServiceError('Failed to connect to Temporal server', { cause: grpcError(14) }))).toMatchObject({ status: 503 });
    expect(messageOf(grpcError(4))).toMatch(/^The workflow service \(Temporal\) is not reachable right now/);
    expect(errorAnswer(grpcError(3)).status).toBe(400);
    expect(messageOf(grpcError(14))).not.toContain('raw grpc details');
  });

  it('is a 503 naming the object store for a server fault or a refused connection, and a 500 for our own client faults', () => {
    const s3Error = (extra: object) => Object.assign(new Error('We encountered an internal error'), { $metadata: { httpStatusCode: 500 }, ...extra });
    expect(messageOf(s3Error({ $fault: 'server', name: 'InternalError' }))).toMatch(/^The object store \(S3\) is not reachable right now/);
    expect(errorAnswer(s3Error({ code: 'ECONNREFUSED' })).status).toBe(503);
    expect(errorAnswer(s3Error({ $fault: 'client', name: 'NoSuchBucket' })).status).toBe(500);
  });
});
