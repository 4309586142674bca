import { distinctKeyOf } from './distinct-key';

describe('distinct keys', () => {
  it('takes the first 8 bytes of the MD5 as a signed 64-bit integer', () => {
    // `echo -n a@x.com | md5sum` → 743173788aa91668…
    expect(distinctKeyOf('a@x.com')).toBe(BigInt.asIntN(64, BigInt('0x743173788aa91668')));
    expect(distinctKeyOf('a@x.com')).not.toBe(distinctKeyOf('b@x.com'));
  });

  it('equals what Postgres computes for the migrated history, negative keys and UTF-8 included', () => {
    // SELECT ('x' || left(md5(v), 16))::bit(64)::bigint, run on PostgreSQL 15 for each value.
    expect(distinctKeyOf('a@x.com')).toBe(8372600143818069608n);
    expect(distinctKeyOf('Zoë')).toBe(-340954762218508228n);
    expect(distinctKeyOf('ffff')).toBe(-1375525498805460475n);
  });
});
