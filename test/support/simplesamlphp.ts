import { ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeKeyPair } from './saml-idp';
import { waitFor } from './test-env';

export interface IdpUser {
  username: string;
  password: string;
  uid: string;
  displayName: string;
  hsaId: string;
  groups: string[];
}

export interface RunningIdp {
  baseUrl: string;
  metadataUrl: string;
  stop(): Promise<void>;
  log(): string;
}

const INSTALL = '/usr/share/simplesamlphp';
const php = (v: unknown): string =>
  Array.isArray(v) ? `[${v.map(php).join(', ')}]` : typeof v === 'object' && v !== null ? `[${Object.entries(v).map(([k, x]) => `${php(k)} => ${php(x)}`).join(', ')}]` : typeof v === 'boolean' ? String(v) : `'${String(v).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * A real SAML identity provider: SimpleSAMLphp from Debian, served by PHP's built-in server on
 * loopback, configured in a private copy of its config folder (never /etc).
 */
export async function startSimpleSamlPhp(dir: string, port: number, users: IdpUser[], serviceProviders: Array<{ entityId: string; acs: string; slo: string }>): Promise<RunningIdp> {
  const config = join(dir, 'config');
  cpSync('/etc/simplesamlphp', config, { recursive: true, dereference: true });
  mkdirSync(join(config, 'cert'), { recursive: true });
  mkdirSync(join(dir, 'sessions'), { recursive: true });
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  const keys = makeKeyPair(join(config, 'cert'), 'idp');
  const baseUrl = `http://127.0.0.1:${port}`;
  appendFileSync(
    join(config, 'config.php'),
    `
$config['baseurlpath'] = '${baseUrl}/';
$config['certdir'] = '${join(config, 'cert')}/';
$config['metadatadir'] = '${join(config, 'metadata')}/';
$config['enable.saml20-idp'] = true;
$config['module.enable']['exampleauth'] = true;
$config['secretsalt'] = 'test-only-salt';
$config['auth.adminpassword'] = 'test-admin';
$config['timezone'] = 'UTC';
$config['store.type'] = 'phpsession';
$config['session.phpsession.savepath'] = '${join(dir, 'sessions')}';
$config['tempdir'] = '${join(dir, 'tmp')}';
$config['session.cookie.secure'] = false;
$config['session.cookie.samesite'] = 'Lax';
$config['language.cookie.secure'] = false;
$config['logging.handler'] = 'stderr';
`,
  );
  const accounts = Object.fromEntries(
    users.map((u) => [`${u.username}:${u.password}`, { uid: [u.uid], displayName: [u.displayName], hsaIdentity: [u.hsaId], groups: u.groups }]),
  );
  writeFileSync(join(config, 'authsources.php'), `<?php\n$config = ${php({ admin: ['core:AdminPassword'], 'example-userpass': { 0: 'exampleauth:UserPass', ...accounts } })};\n`);
  writeFileSync(
    join(config, 'metadata', 'saml20-idp-hosted.php'),
    `<?php\n$metadata['${baseUrl}/saml2/idp/metadata.php'] = ${php({
      host: '__DEFAULT__',
      auth: 'example-userpass',
      privatekey: 'idp.key',
      certificate: 'idp.crt',
      'signature.algorithm': 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    })};\n`,
  );
  writeFileSync(
    join(config, 'metadata', 'saml20-sp-remote.php'),
    `<?php\n` +
      serviceProviders
        .map(
          (sp) =>
            `$metadata[${php(sp.entityId)}] = ${php({
              AssertionConsumerService: sp.acs,
              SingleLogoutService: sp.slo,
              NameIDFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
              'simplesaml.nameidattribute': 'uid',
              'saml20.sign.response': true,
              'saml20.sign.assertion': true,
              'signature.algorithm': 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
            })};\n`,
        )
        .join(''),
  );
  let log = '';
  const child: ChildProcess = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', join(INSTALL, 'www')], {
    env: { ...process.env, SIMPLESAMLPHP_CONFIG_DIR: config },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const metadataUrl = `${baseUrl}/saml2/idp/metadata.php`;
  await waitFor(async () => (await fetch(metadataUrl).catch(() => null))?.status === 200, 20_000);
  void keys;
  return {
    baseUrl,
    metadataUrl,
    log: () => log,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        try {
          process.kill(-child.pid!, 'SIGTERM');
        } catch {
          resolve();
        }
      }),
  };
}
