import { databaseUnreachableError, databaseValidationError, knownDatabaseError, unknownDatabaseError } from '../testing/database-errors';
import { classifyDatabaseError, isRetryableDatabaseError } from './database-error';

describe('classifyDatabaseError', () => {
  it('names what a known request error means, by its code and SQLSTATE', () => {
    expect(classifyDatabaseError(knownDatabaseError('P2002'))).toEqual({ kind: 'conflict', code: 'P2002' });
    expect(classifyDatabaseError(knownDatabaseError('P2025'))?.kind).toBe('not_found');
    expect(classifyDatabaseError(knownDatabaseError('P2000'))?.kind).toBe('bad_value');
    expect(classifyDatabaseError(knownDatabaseError('P2010', { code: '22021' }))?.kind).toBe('bad_value');
    expect(classifyDatabaseError(knownDatabaseError('P2003'))?.kind).toBe('reference');
    expect(classifyDatabaseError(knownDatabaseError('P2010', { code: '40P01' }))?.kind).toBe('collision');
    expect(classifyDatabaseError(knownDatabaseError('P1001'))?.kind).toBe('unavailable');
    expect(classifyDatabaseError(knownDatabaseError('P2010', { code: '08006' }))?.kind).toBe('unavailable');
    expect(classifyDatabaseError(knownDatabaseError('P2028'))?.kind).toBe('transient');
    expect(classifyDatabaseError(knownDatabaseError('P2999'))?.kind).toBe('other');
  });

  it('tells NUL text, bad arguments and an unreachable server apart from the other client errors', () => {
    expect(classifyDatabaseError(unknownDatabaseError('unsupported Unicode escape sequence \\u0000 cannot be converted to text'))?.kind).toBe('bad_text');
    expect(classifyDatabaseError(databaseValidationError('Invalid value for argument `gte`: Provided Date object is invalid.'))?.kind).toBe('invalid_argument');
    expect(classifyDatabaseError(databaseUnreachableError())?.kind).toBe('unavailable');
    expect(classifyDatabaseError(unknownDatabaseError('Connection terminated unexpectedly'))?.kind).toBe('unavailable');
  });

  it('leaves errors that did not come from the database client alone', () => {
    expect(classifyDatabaseError(new Error('P2002'))).toBeNull();
    expect(classifyDatabaseError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBeNull();
    expect(classifyDatabaseError(null)).toBeNull();
  });

  it('says which kinds a retry can fix', () => {
    expect(['unavailable', 'collision', 'transient'].every((kind) => isRetryableDatabaseError({ kind: kind as never }))).toBe(true);
    expect(['conflict', 'not_found', 'bad_text', 'bad_value', 'other'].some((kind) => isRetryableDatabaseError({ kind: kind as never }))).toBe(false);
  });
});
