import { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { DeliveryClient, DeliveryClientError, DeliveryState } from '../deliver/delivery.client';

interface DeliverFlags {
  infoType: string;
  sourceSystem: string;
  submissionAgreement?: string;
  url: string;
  token: string;
  json?: boolean;
  progress: boolean;
}

/** A progress bar on stderr (stdout stays for the result), redrawn in place on a terminal. */
function progressBar(sent: number, total: number): string {
  const width = 30;
  const done = total > 0 ? Math.floor((sent / total) * width) : width;
  const pct = total > 0 ? Math.floor((sent / total) * 100) : 100;
  return `upload [${'#'.repeat(done)}${'.'.repeat(width - done)}] ${String(pct).padStart(3)}% ${sent}/${total} bytes`;
}

function summary(d: DeliveryState): string {
  const lines = [`delivery ${d.id}: ${d.outcome}${d.aipId ? ` (AIP ${d.aipId})` : ''}`];
  for (const f of d.findings.filter((x) => x.severity !== 'info')) {
    lines.push(`  ${f.severity.padEnd(7)} ${f.code.padEnd(16)} ${f.location || '-'}${f.puid ? ` [${f.puid}]` : ''}: ${f.message}`);
  }
  return lines.join('\n');
}

/** A producer's side of ingest: deliver a package over the REST API and wait for the receipt. */
export function deliverCommand(): Command {
  return new Command('deliver')
    .description('Deliver a package (SIP) to a Samarkiv archive: resumable upload, then wait for the receipt')
    .argument('<package>', 'the package file (ZIP, TAR or .tar.gz)')
    .requiredOption('--info-type <id>', 'information type, e.g. patient-record, documents')
    .requiredOption('--source-system <name>', 'the system the data comes from')
    .option('--submission-agreement <ref>', 'reference to the submission agreement')
    .requiredOption('--url <url>', 'the archive, e.g. https://samarkiv.example.se')
    .requiredOption('--token <token>', 'API-client token (smk_…) with the deliver scope')
    .option('--json', 'print {delivery, receipt} as JSON on stdout')
    .option('--no-progress', 'no progress output on stderr')
    .addHelpText('after', '\nRunning the same command again after an interruption resumes the upload.\nExit codes: 0 accepted, 1 rejected or failed, 2 usage, network or I/O error.')
    .action(async (file: string, flags: DeliverFlags) => {
      if (!existsSync(file) || !statSync(file).isFile()) {
        process.stderr.write(`deliver: ${file} is not a file\n`);
        process.exitCode = 2;
        return;
      }
      const tty = process.stderr.isTTY === true;
      let lastLine = 0;
      // On a terminal the bar is redrawn in place; in a log, at most one line a second plus the last.
      const say = (line: string, inPlace = false, last = false) => {
        if (!flags.progress) return;
        if (tty && inPlace) process.stderr.write(`\r${line}`);
        else if (!inPlace || last || Date.now() - lastLine > 1000) {
          process.stderr.write(`${tty ? '\n' : ''}${line}\n`);
          lastLine = Date.now();
        }
      };
      const client = new DeliveryClient({
        url: flags.url,
        token: flags.token,
        informationType: flags.infoType,
        sourceSystem: flags.sourceSystem,
        submissionAgreement: flags.submissionAgreement,
        onUploadProgress: (sent, total) => say(progressBar(sent, total), true, sent === total),
        onStage: (stage) => say(`stage: ${stage}`),
      });
      try {
        const { delivery, receipt } = await client.deliver(file);
        process.stdout.write(flags.json ? `${JSON.stringify({ delivery, receipt }, null, 2)}\n` : `${summary(delivery)}\n`);
        process.exitCode = delivery.outcome === 'accepted' ? 0 : 1;
      } catch (err) {
        if (!(err instanceof DeliveryClientError)) throw err;
        process.stderr.write(`deliver: ${err.message}\n`);
        process.exitCode = 2;
      }
    });
}
