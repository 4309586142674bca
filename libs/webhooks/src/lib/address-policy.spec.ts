import { AddressPolicy, RefusedDestinationError } from './address-policy';

describe('AddressPolicy', () => {
  const strict = new AddressPolicy();

  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.9', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.100.100.200', 'carrier-grade'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['::1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['fd00:ec2::254', 'unique local'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::a00:1', 'reserved'],
  ])('refuses %s (%s)', (address, why) => {
    expect(strict.refusal(address)).toContain(why);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111'])('allows public %s', (address) => {
    expect(strict.refusal(address)).toBeNull();
  });

  it('lets an allowlist open exact addresses and ranges, and nothing more', () => {
    const policy = AddressPolicy.fromList('127.0.0.1, 10.20.0.0/16');
    expect(policy.refusal('127.0.0.1')).toBeNull();
    expect(policy.refusal('::ffff:127.0.0.1')).toBeNull();
    expect(policy.refusal('10.20.9.9')).toBeNull();
    expect(policy.refusal('127.0.0.2')).toContain('loopback');
    expect(policy.refusal('10.21.0.1')).toContain('private');
    expect(() => AddressPolicy.fromList('intranet.local')).toThrow(/neither an IP address nor a CIDR/);
  });

  it('checks schemes, credentials and IP literals in URLs', () => {
    expect(strict.checkUrl('https://hooks.example.com/in').hostname).toBe('hooks.example.com');
    expect(() => strict.checkUrl('ftp://example.com/')).toThrow(/http or https/);
    expect(() => strict.checkUrl('not a url')).toThrow(/not a valid URL/);
    expect(() => strict.checkUrl('https://user:pw@example.com/')).toThrow(/credentials/);
    expect(() => strict.checkUrl('http://169.254.169.254/latest/meta-data')).toThrow(RefusedDestinationError);
    expect(() => strict.checkUrl('http://[::1]:8080/')).toThrow(/loopback/);
  });

  it('refuses a host name that resolves to a refused address', async () => {
    await expect(strict.checkResolvedUrl('http://localhost:9/hook')).rejects.toThrow(/localhost resolves to .* loopback/);
    await expect(new AddressPolicy(['127.0.0.1', '::1']).checkResolvedUrl('http://localhost:9/hook')).resolves.toBeInstanceOf(URL);
  });
});
