#!/usr/bin/env node
import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { ConfigValidationError } from '../platform/config/env.validation';
import { packageVersion } from '../platform/paths';
import { loadEnvFiles } from './env-files';
import { apiClientCommand } from './commands/api-client.command';
import { demoCommand } from './commands/demo.command';
import { identifyCommand } from './commands/identify.command';
import { validateCommand } from './commands/validate.command';
import { sipCommand } from './commands/sip.command';
import { migrateCommand } from './commands/migrate.command';
import { openapiCommand } from './commands/openapi.command';
import { seedDemoCommand } from './commands/seed-demo.command';
import { serveCommand } from './commands/serve.command';
import { tenantCommand } from './commands/tenant.command';
import { auditCommand } from './commands/audit.command';
import { deliverCommand } from './commands/deliver.command';
import { generateCommand } from './commands/generate.command';
import { storageCommand } from './commands/storage.command';
import { rebuildCommand } from './commands/rebuild.command';

/** Exit codes: 0 success, 1 failure (bad configuration, unreachable service, rejected input), 2 usage. */
export function buildProgram(): Command {
  const program = new Command('samarkiv')
    .description('Samarkiv: shared e-archive for Swedish regions')
    .version(packageVersion())
    .showHelpAfterError()
    .exitOverride();
  // One command per line: parallel branches add theirs without conflicts.
  const commands = [
    serveCommand(),
    migrateCommand(),
    seedDemoCommand(),
    tenantCommand(),
    apiClientCommand(),
    auditCommand(),
    storageCommand(),
    rebuildCommand(),
    identifyCommand(),
    validateCommand(),
    sipCommand(),
    deliverCommand(),
    generateCommand(),
    demoCommand(),
    openapiCommand(),
  ];
  for (const cmd of commands) {
    program.addCommand(cmd);
  }
  // Usage errors must reach main() (exit code 2) from every level, not exit inside commander.
  const override = (c: Command): void => {
    c.exitOverride().showHelpAfterError();
    c.commands.forEach(override);
  };
  override(program);
  return program;
}

async function main(argv: string[]): Promise<void> {
  // The demo starts its own services and must not pick up a stale var/demo.env.
  if (argv[2] !== 'demo') loadEnvFiles();
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    const message = err instanceof ConfigValidationError ? err.message : err instanceof Error ? err.message : String(err);
    process.stderr.write(`samarkiv: ${message}\n`);
    process.exitCode = 1;
    // Open handles (pools, sockets) must not keep a failed command alive.
    setTimeout(() => process.exit(1), 200).unref();
  }
}

void main(process.argv);
