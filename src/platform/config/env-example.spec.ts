import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { KNOWN_VARIABLES, validateEnvironment } from './env.validation';

describe('.env.example', () => {
  const example = parseEnv(readFileSync(join(__dirname, '../../../.env.example'), 'utf8'));

  it('documents every setting, and only real ones', () => {
    expect(Object.keys(example).sort()).toEqual([...KNOWN_VARIABLES].sort());
  });

  it('is itself a valid configuration', () => {
    expect(() => validateEnvironment(example)).not.toThrow();
  });
});
