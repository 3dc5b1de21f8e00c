import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/** ESLint's flat config is ESM, which jest's VM cannot import: lint through the real CLI. */
function lint(filePath: string, code: string): string[] {
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', filePath, '--format', 'json'], {
    cwd: ROOT,
    input: code,
    encoding: 'utf8',
  });
  const [result] = JSON.parse(r.stdout) as Array<{ messages: Array<{ ruleId: string; message: string }> }>;
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

/** The lint rule that keeps modules apart must actually fire. */
describe('module boundary lint rule', () => {
  jest.setTimeout(30_000);

  it('refuses a deep import into another module', () => {
    const messages = lint('src/ingest/ingest.service.ts', "import { TenantService } from '../tenancy/application/tenant.service';\nexport const x = TenantService;\n");
    expect(messages).toEqual([expect.stringContaining('Import the tenancy module only through tenancy.facade (module boundary)')]);
  });

  it("allows another module's facade and module, and one's own internals", () => {
    expect(lint('src/ingest/ingest.service.ts', "import { TenancyFacade } from '../tenancy/tenancy.facade';\nimport { TenancyModule } from '../tenancy/tenancy.module';\nimport { X } from './domain/x';\nexport const x = [TenancyFacade, TenancyModule, X];\n")).toEqual([]);
  });

  it('keeps libs framework-free and platform independent of modules', () => {
    expect(lint('libs/pronom/src/x.ts', "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n")).toEqual([expect.stringContaining('libs/ are framework-free')]);
    expect(lint('src/platform/x.ts', "import { TenancyFacade } from '../tenancy/tenancy.facade';\nexport const x = TenancyFacade;\n")).toEqual([expect.stringContaining('platform/ is shared infrastructure')]);
  });
});
