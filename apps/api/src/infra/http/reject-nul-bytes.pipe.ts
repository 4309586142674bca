import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

/** The path (e.g. "fields.0.name") of the first string, or key, holding a NUL byte; '' for the value itself; null for none. */
export function nulBytePath(value: unknown): string | null {
  const pending: [unknown, string][] = [[value, '']];
  while (pending.length) {
    const [current, path] = pending.pop() as [unknown, string];
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return path;
    } else if (current && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        const childPath = path ? `${path}.${key}` : key;
        if (key.includes('\u0000')) return childPath;
        pending.push([child, childPath]);
      }
    }
  }
  return null;
}

const WHERE: Record<string, string> = { query: 'Query parameter', param: 'Path parameter', body: 'Body field' };

/**
 * No text that reaches the API may hold a NUL byte: Postgres cannot store one and no name, date or
 * URL contains one. Refused as a 400 naming the parameter, before validation and any query.
 */
@Injectable()
export class RejectNulBytesPipe implements PipeTransform {
  transform(value: unknown, { type, data }: ArgumentMetadata): unknown {
    if (type === 'custom') return value;
    const path = nulBytePath(value);
    if (path === null) return value;
    const name = [data, path].filter(Boolean).join('.');
    const where = name ? `${WHERE[type]} "${name}"` : 'The request body';
    throw new BadRequestException(`${where} contains a NUL byte (\\0), which is never valid`);
  }
}
