import type { AuditRunRow } from '../../preservation/preservation.facade';
import type { MessageKey } from '../i18n/i18n';
import { DataTable, Empty, PageHeading, Status } from './components';
import { Layout } from './layout';
import type { PageView } from './page-view';

function runResult(view: PageView, run: AuditRunRow): { ok: boolean; label: string } {
  if (run.status === 'completed') {
    const clean = run.objectsFailed === 0;
    return { ok: clean, label: view.t(clean ? 'operator.storage.status.completed' : 'operator.storage.status.completedWithFindings') };
  }
  return { ok: false, label: view.t(`operator.storage.status.${run.status}` as MessageKey) };
}

/** Where the copies are kept and what the latest fixity audits found (counts only, no content). */
export function StoragePage({ view, locations, runs }: { view: PageView; locations: Array<{ name: string; description: string }>; runs: AuditRunRow[] }) {
  const title = view.t('nav.operator.storage');
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return (
    <Layout view={view} title={title}>
      <PageHeading title={title} intro={view.t('operator.storage.intro')} />
      <DataTable caption={view.t('operator.storage.locations')} columns={[view.t('operator.storage.name'), view.t('operator.storage.description')]}>
        {locations.map((l) => (
          <tr key={l.name}>
            <th scope="row">
              <code>{l.name}</code>
            </th>
            <td>{l.description}</td>
          </tr>
        ))}
      </DataTable>
      <h2>{view.t('operator.storage.runs')}</h2>
      {runs.length === 0 ? (
        <Empty text={view.t('operator.storage.noRuns')} />
      ) : (
        <DataTable
          caption={view.t('operator.storage.runs')}
          hideCaption
          columns={[
            view.t('operator.storage.location'),
            view.t('operator.storage.started'),
            view.t('operator.storage.finished'),
            { label: view.t('operator.storage.objects'), numeric: true },
            { label: view.t('operator.storage.files'), numeric: true },
            { label: view.t('operator.storage.failed'), numeric: true },
            { label: view.t('operator.storage.repaired'), numeric: true },
            view.t('operator.storage.result'),
          ]}
        >
          {runs.map((r) => {
            const result = runResult(view, r);
            return (
              <tr key={r.id}>
                <th scope="row">
                  <code>{r.location}</code> <span class="sub">{view.t(`operator.storage.trigger.${r.trigger}` as MessageKey)}</span>
                </th>
                <td>{view.dateTime(iso(r.startedAt))}</td>
                <td>{view.dateTime(iso(r.finishedAt))}</td>
                <td class="num">{r.objectsChecked}</td>
                <td class="num">{r.filesChecked}</td>
                <td class="num">{r.objectsFailed}</td>
                <td class="num">{r.objectsRepaired}</td>
                <td>
                  <Status ok={result.ok} label={result.label} />
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </Layout>
  );
}
