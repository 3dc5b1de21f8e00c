import type { CandidateView, Disposal, DisposalDetail, DryRun } from '../../final-archive/final-archive.facade';
import type { MessageKey } from '../i18n/i18n';
import { ActionButton, CsrfField, DataTable, Empty, Field, PageHeading, Status } from './components';
import { formatBytes, formatDate, formatNumber } from './format';
import { Layout } from './layout';
import type { PageView } from './page-view';
import { dateRange } from './transfers.page';

const statusLabel = (view: PageView, status: string) => view.t(`disposal.status.${status}` as MessageKey);

export function CandidatesPage({ view, candidates, mayPropose, mayScan }: { view: PageView; candidates: CandidateView[]; mayPropose: boolean; mayScan: boolean }) {
  const title = view.t('nav.disposal.candidates');
  const table = (
    <DataTable
      caption={view.t('disposal.candidates.caption', { count: candidates.length })}
      columns={[
        ...(mayPropose ? [view.t('disposal.choose')] : []),
        view.t('transfer.col.object'),
        view.t('selection.source'),
        { label: view.t('selection.records'), numeric: true },
        { label: view.t('selection.bytes'), numeric: true },
        view.t('selection.range'),
        view.t('disposal.due'),
        view.t('disposal.hold'),
      ]}
    >
      {candidates.map((c) => (
        <tr key={c.id}>
          {mayPropose && (
            <td>
              <input type="checkbox" name="aipIds" value={c.id} id={`c-${c.id}`} disabled={c.held} aria-label={view.t('disposal.chooseOne', { id: c.objectId })} />
            </td>
          )}
          <td>
            <span class="mono">{c.id}</span>
            <span class="sub">{view.typeLabel(c.informationTypeId)}</span>
          </td>
          <td>{c.sourceSystem}</td>
          <td class="num">{formatNumber(c.records, view.locale)}</td>
          <td class="num">{formatBytes(c.totalBytes, view.locale)}</td>
          <td>{dateRange(view, c)}</td>
          <td>{formatDate(c.dueAt, view.locale)}</td>
          <td>{c.held ? <Status ok={false} label={view.t('disposal.held')} /> : view.t('disposal.notHeld')}</td>
        </tr>
      ))}
    </DataTable>
  );
  return (
    <Layout view={view} title={title}>
      <PageHeading title={title} intro={view.t('disposal.candidates.intro')} />
      {mayScan && (
        <form method="post" action="/disposal-candidates/scan" class="inline">
          <CsrfField view={view} />
          <button type="submit" class="button-secondary">
            {view.t('disposal.scan')}
          </button>
        </form>
      )}
      {candidates.length === 0 ? (
        <Empty text={view.t('disposal.candidates.none')} />
      ) : mayPropose ? (
        <form method="post" action="/disposals" class="panel">
          <CsrfField view={view} />
          {table}
          <Field id="d-note" label={view.t('disposal.note')}>
            <textarea id="d-note" name="note" rows={2} />
          </Field>
          <button type="submit">{view.t('disposal.propose')}</button>
        </form>
      ) : (
        table
      )}
    </Layout>
  );
}

export function DisposalsPage({ view, disposals }: { view: PageView; disposals: Disposal[] }) {
  const title = view.t('nav.disposal.decisions');
  return (
    <Layout view={view} title={title}>
      <PageHeading title={title} intro={view.t('disposal.list.intro')} />
      {disposals.length === 0 ? (
        <Empty text={view.t('disposal.list.none')} />
      ) : (
        <DataTable caption={view.t('disposal.list.caption', { count: disposals.length })} columns={[view.t('transfer.col.proposed'), view.t('disposal.kind'), view.t('transfer.col.status'), view.t('disposal.decisionReference')]}>
          {disposals.map((d) => (
            <tr key={d.id}>
              <td>
                <a href={`/disposals/${d.id}`}>{view.t('disposal.link', { date: view.dateTime(d.proposedAt) })}</a>
                <span class="sub">{view.t('transfer.by', { name: d.proposedBy.name ?? d.proposedBy.id })}</span>
              </td>
              <td>{view.t(`disposal.kind.${d.kind}` as MessageKey)}</td>
              <td>{statusLabel(view, d.status)}</td>
              <td>{d.decisionReference ?? '–'}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Layout>
  );
}

function DryRunSection({ view, dryRun }: { view: PageView; dryRun: DryRun }) {
  return (
    <section aria-labelledby="dry-run-heading">
      <h2 id="dry-run-heading">{view.t('disposal.dryRun')}</h2>
      <p>
        {view.t('disposal.dryRun.totals', {
          aips: formatNumber(dryRun.totals.aips, view.locale),
          records: formatNumber(dryRun.totals.records, view.locale),
          bytes: formatBytes(dryRun.totals.bytes, view.locale),
        })}
      </p>
      {dryRun.heldAipIds.length > 0 && (
        <p class="notice notice-warning">
          <span aria-hidden="true">⚠ </span>
          {view.t('disposal.dryRun.held', { count: dryRun.heldAipIds.length })}
        </p>
      )}
      <DataTable
        caption={view.t('disposal.dryRun')}
        hideCaption
        columns={[view.t('transfer.col.object'), view.t('disposal.scope'), { label: view.t('selection.records'), numeric: true }, view.t('disposal.files'), view.t('disposal.hold')]}
      >
        {dryRun.items.map((i) => (
          <tr key={i.aipId}>
            <td>
              <span class="mono">{i.aipId}</span>
              <span class="sub">{i.sourceSystem}</span>
            </td>
            <td>{view.t(`disposal.scope.${i.scope}` as MessageKey)}</td>
            <td class="num">{formatNumber(i.records, view.locale)}</td>
            <td>{i.files === 'all' ? view.t('disposal.files.all') : view.t('disposal.files.some', { count: i.files.length })}</td>
            <td>{i.held ? <Status ok={false} label={view.t('disposal.held')} /> : view.t('disposal.notHeld')}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

export function DisposalPage({ view, d, dryRun, me, mayApprove }: { view: PageView; d: DisposalDetail; dryRun: DryRun | null; me: string; mayApprove: boolean }) {
  const title = view.t('disposal.title', { date: view.dateTime(d.proposedAt) });
  const own = d.proposedBy.id === me;
  return (
    <Layout view={view} title={title}>
      <p>
        <a href="/disposals">{view.t('disposal.back')}</a>
      </p>
      <PageHeading title={title} />
      <dl class="facts">
        <dt>{view.t('transfer.col.status')}</dt>
        <dd data-testid="disposal-status">{statusLabel(view, d.status)}</dd>
        <dt>{view.t('disposal.kind')}</dt>
        <dd>{view.t(`disposal.kind.${d.kind}` as MessageKey)}</dd>
        <dt>{view.t('transfer.proposedBy')}</dt>
        <dd>
          {d.proposedBy.name ?? d.proposedBy.id}, {view.dateTime(d.proposedAt)}
        </dd>
        <dt>{view.t('disposal.note')}</dt>
        <dd>{d.note ?? '–'}</dd>
        <dt>{view.t('disposal.decisionReference')}</dt>
        <dd>{d.decisionReference ?? '–'}</dd>
        {d.decidedBy && (
          <>
            <dt>{view.t('transfer.decidedBy')}</dt>
            <dd>
              {d.decidedBy.name ?? d.decidedBy.id}, {view.dateTime(d.decidedAt)}
            </dd>
          </>
        )}
        {d.stopReason && (
          <>
            <dt>{view.t(d.status === 'refused' ? 'disposal.refusalReason' : 'disposal.stopReason')}</dt>
            <dd>{d.stopReason}</dd>
          </>
        )}
        {d.executedAt && (
          <>
            <dt>{view.t('disposal.executedAt')}</dt>
            <dd>{view.dateTime(d.executedAt)}</dd>
          </>
        )}
      </dl>
      {d.status === 'proposed' && own && (
        <p class="notice notice-warning">
          <span aria-hidden="true">⚠ </span>
          {view.t('disposal.ownProposal')}
        </p>
      )}
      {dryRun && <DryRunSection view={view} dryRun={dryRun} />}
      {d.status === 'proposed' && mayApprove && (
        <section aria-labelledby="decide-heading" class="panel">
          <h2 id="decide-heading">{view.t('disposal.decide')}</h2>
          <form method="post" action={`/disposals/${d.id}/approve`}>
            <CsrfField view={view} />
            <Field id="decision-ref" label={view.t('disposal.decisionReference')} hint={view.t('disposal.decisionReferenceHint')}>
              <input id="decision-ref" name="decisionReference" required maxLength={200} aria-describedby="decision-ref-hint" />
            </Field>
            <button type="submit">{view.t('disposal.approve')}</button>
          </form>
          <form method="post" action={`/disposals/${d.id}/refuse`}>
            <CsrfField view={view} />
            <Field id="refuse-note" label={view.t('transfer.refuseNote')}>
              <textarea id="refuse-note" name="note" rows={2} required />
            </Field>
            <button type="submit" class="button-danger">
              {view.t('disposal.refuse')}
            </button>
          </form>
        </section>
      )}
      {(d.status === 'approved' || d.status === 'executing') && mayApprove && (
        <section aria-labelledby="execute-heading" class="panel">
          <h2 id="execute-heading">{view.t('disposal.execute')}</h2>
          <p>{view.t('disposal.execute.intro')}</p>
          <ActionButton view={view} action={`/disposals/${d.id}/execute`} label={view.t('disposal.execute.submit')} confirm={view.t('disposal.execute.confirm')} danger />
        </section>
      )}
      {d.status === 'executing' && (
        <p class="live-note">
          {view.t('disposal.executing')} <a href={`/disposals/${d.id}`}>{view.t('delivery.list.refresh')}</a>
        </p>
      )}
      {d.report && (
        <section aria-labelledby="report-heading">
          <h2 id="report-heading">{view.t('disposal.report')}</h2>
          <p>
            {view.t('disposal.dryRun.totals', {
              aips: formatNumber(d.report.totals.aips, view.locale),
              records: formatNumber(d.report.totals.records, view.locale),
              bytes: formatBytes(d.report.totals.bytes, view.locale),
            })}
          </p>
          <ul class="plain">
            <li>
              <a href={`/disposals/${d.id}/report.pdf`} download>
                {view.t('disposal.report.pdf')}
              </a>
            </li>
            <li>
              <a href={`/disposals/${d.id}/report.csv`} download>
                {view.t('disposal.report.csv')}
              </a>
            </li>
          </ul>
        </section>
      )}
      <h2>{view.t('disposal.items')}</h2>
      <DataTable
        caption={view.t('disposal.items')}
        hideCaption
        columns={[view.t('transfer.col.object'), view.t('disposal.scope'), { label: view.t('selection.records'), numeric: true }, { label: view.t('selection.bytes'), numeric: true }, view.t('selection.range'), view.t('transfer.col.status')]}
      >
        {d.items.map((i) => (
          <tr key={i.aipId}>
            <td>
              <span class="mono">{i.aipId}</span>
              <span class="sub">
                {view.typeLabel(i.informationTypeId)}, {i.sourceSystem}
              </span>
            </td>
            <td>{view.t(`disposal.scope.${i.scope}` as MessageKey)}</td>
            <td class="num">{formatNumber(i.records, view.locale)}</td>
            <td class="num">{formatBytes(i.bytes, view.locale)}</td>
            <td>{dateRange(view, i)}</td>
            <td>{view.t(`disposal.item.${i.status}` as MessageKey)}</td>
          </tr>
        ))}
      </DataTable>
    </Layout>
  );
}
