import { describeLocation, parseStorageLocations } from './storage-locations';
import { validateEnvironment } from './env.validation';

describe('STORAGE_LOCATIONS', () => {
  it('defaults to two folders under the storage root', () => {
    expect(parseStorageLocations('', '/srv/samarkiv')).toEqual([
      { name: 'primary', kind: 'file', path: '/srv/samarkiv/archive/primary' },
      { name: 'secondary', kind: 'file', path: '/srv/samarkiv/archive/secondary' },
    ]);
  });

  it('parses file and s3 locations', () => {
    const specs = parseStorageLocations('a=file:///data/ocfl, b=s3://archive/samarkiv?endpoint=https%3A%2F%2Fminio.example.se&region=eu-north-1', '/x');
    expect(specs).toEqual([
      { name: 'a', kind: 'file', path: '/data/ocfl' },
      { name: 'b', kind: 's3', bucket: 'archive', prefix: 'samarkiv/', endpoint: 'https://minio.example.se', region: 'eu-north-1', forcePathStyle: true },
    ]);
    expect(describeLocation(specs[1])).toBe('s3://archive/samarkiv/ at https://minio.example.se');
    expect(parseStorageLocations('c=s3://bucket', '/x')[0]).toMatchObject({ prefix: '', region: 'us-east-1', forcePathStyle: false });
  });

  it.each([
    ['primary', /name=url/],
    ['a=file:///x,a=file:///y', /named twice/],
    ['A=file:///x', /lowercase/],
    ['a=ftp://host/x', /unsupported scheme/],
    ['a=s3://b/p?secret=1', /unknown parameter secret/],
    ['a=s3://b/p?endpoint=minio', /http\(s\) URL/],
  ])('refuses %s', (value, message) => {
    expect(() => parseStorageLocations(value, '/x')).toThrow(message);
  });

  it('start-up refuses fewer locations than STORAGE_MIN_COPIES, naming the variable', () => {
    const base = { DATABASE_URL: 'postgres://x/y', REDIS_URL: 'redis://x' };
    expect(() => validateEnvironment({ ...base, STORAGE_LOCATIONS: 'only=file:///x' })).toThrow(/STORAGE_LOCATIONS names 1 location\(s\) but STORAGE_MIN_COPIES is 2/);
    expect(() => validateEnvironment({ ...base, STORAGE_LOCATIONS: 'only=file:///x', STORAGE_MIN_COPIES: '1' })).not.toThrow();
    expect(() => validateEnvironment({ ...base, STORAGE_LOCATIONS: 'bad' })).toThrow(/STORAGE_LOCATIONS has an invalid value/);
    expect(() => validateEnvironment({ ...base, STORAGE_S3_ACCESS_KEY_ID: 'k' })).toThrow(/must be set together/);
  });
});
