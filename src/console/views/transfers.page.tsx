import type { SelectionSummary, Transfer, TransferDetail } from '../../final-archive/final-archive.facade';
import type { MessageKey } from '../i18n/i18n';
import { CsrfField, DataTable, Empty, Field, PageHeading, Status } from './components';
import { formatBytes, formatDate, formatNumber } from './format';
import { Layout } from './layout';
import type { PageView } from './page-view';

export interface TransferForm {
  informationTypeId?: string;
  sourceSystem?: string;
  from?: string;
  to?: string;
  deliveryIds?: string;
  note?: string;
}

const statusLabel = (view: PageView, status: string) => view.t(`transfer.status.${status}` as MessageKey);
const range = (view: PageView, s: { firstDate: string | null; lastDate: string | null }) =>
  s.firstDate || s.lastDate ? `${formatDate(s.firstDate, view.locale)} – ${formatDate(s.lastDate, view.locale)}` : '–';

/** Counts, bytes, date range and held records of a selection, as facts. */
export function SummaryFacts({ view, s }: { view: PageView; s: SelectionSummary }) {
  return (
    <dl class="facts">
      <dt>{view.t('selection.aips')}</dt>
      <dd>{formatNumber(s.aips, view.locale)}</dd>
      <dt>{view.t('selection.records')}</dt>
      <dd>{formatNumber(s.records, view.locale)}</dd>
      <dt>{view.t('selection.bytes')}</dt>
      <dd>{formatBytes(s.bytes, view.locale)}</dd>
      <dt>{view.t('selection.range')}</dt>
      <dd>{range(view, s)}</dd>
      <dt>{view.t('selection.held')}</dt>
      <dd>
        <Status ok={s.heldRecords === 0} label={formatNumber(s.heldRecords, view.locale)} />
      </dd>
      <dt>{view.t('selection.types')}</dt>
      <dd>{s.informationTypes.map((t) => view.typeLabel(t)).join(', ') || '–'}</dd>
      <dt>{view.t('selection.sources')}</dt>
      <dd>{s.sourceSystems.join(', ') || '–'}</dd>
    </dl>
  );
}

function TransferTable({ view, transfers, caption }: { view: PageView; transfers: Transfer[]; caption: string }) {
  return (
    <DataTable
      caption={caption}
      columns={[view.t('transfer.col.proposed'), view.t('transfer.col.status'), { label: view.t('selection.aips'), numeric: true }, { label: view.t('selection.records'), numeric: true }, { label: view.t('selection.bytes'), numeric: true }, view.t('selection.range')]}
    >
      {transfers.map((t) => (
        <tr key={t.id}>
          <td>
            <a href={`/transfers/${t.id}`}>{view.t('transfer.link', { date: view.dateTime(t.proposedAt) })}</a>
            <span class="sub">{view.t('transfer.by', { name: t.proposedBy.name ?? t.proposedBy.id })}</span>
          </td>
          <td>{statusLabel(view, t.status)}</td>
          <td class="num">{formatNumber(t.summary.aips, view.locale)}</td>
          <td class="num">{formatNumber(t.summary.records, view.locale)}</td>
          <td class="num">{formatBytes(t.summary.bytes, view.locale)}</td>
          <td>{range(view, t.summary)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

export function TransfersPage({ view, transfers, me, mayAccept, mayPropose }: { view: PageView; transfers: Transfer[]; me: string; mayAccept: boolean; mayPropose: boolean }) {
  const title = view.t('nav.transfers.list');
  const pending = transfers.filter((t) => t.status === 'proposed');
  const toDecide = mayAccept ? pending.filter((t) => t.proposedBy.id !== me) : [];
  const others = transfers.filter((t) => !toDecide.includes(t));
  return (
    <Layout view={view} title={title}>
      <PageHeading title={title} intro={view.t('transfer.list.intro')} />
      {mayPropose && (
        <p>
          <a class="button" href="/propose-transfer">
            {view.t('nav.transfers.propose')}
          </a>
        </p>
      )}
      {mayAccept && (
        <section aria-labelledby="to-decide">
          <h2 id="to-decide">{view.t('transfer.toDecide', { count: toDecide.length })}</h2>
          {toDecide.length === 0 ? <Empty text={view.t('transfer.toDecide.none')} /> : <TransferTable view={view} transfers={toDecide} caption={view.t('transfer.toDecide.caption')} />}
        </section>
      )}
      <section aria-labelledby="all-transfers">
        <h2 id="all-transfers">{view.t('transfer.all')}</h2>
        {others.length === 0 ? <Empty text={view.t('transfer.none')} /> : <TransferTable view={view} transfers={others} caption={view.t('transfer.all.caption')} />}
      </section>
    </Layout>
  );
}

export function ProposeTransferPage({ view, types, form, preview }: { view: PageView; types: string[]; form: TransferForm; preview: SelectionSummary | null }) {
  const title = view.t('nav.transfers.propose');
  return (
    <Layout view={view} title={title}>
      <PageHeading title={title} intro={view.t('transfer.propose.intro')} />
      <form method="post" action="/propose-transfer" class="panel">
        <CsrfField view={view} />
        <Field id="t-type" label={view.t('selection.type')}>
          <select id="t-type" name="informationTypeId">
            <option value="">{view.t('selection.anyType')}</option>
            {types.map((t) => (
              <option value={t} selected={form.informationTypeId === t} key={t}>
                {view.typeLabel(t)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="t-source" label={view.t('selection.source')} hint={view.t('selection.sourceHint')}>
          <input id="t-source" name="sourceSystem" value={form.sourceSystem ?? ''} aria-describedby="t-source-hint" maxLength={200} />
        </Field>
        <fieldset>
          <legend>{view.t('selection.period')}</legend>
          <p class="hint">{view.t('selection.periodHint')}</p>
          <div class="row">
            <Field id="t-from" label={view.t('selection.from')}>
              <input id="t-from" name="from" type="date" value={form.from ?? ''} />
            </Field>
            <Field id="t-to" label={view.t('selection.to')}>
              <input id="t-to" name="to" type="date" value={form.to ?? ''} />
            </Field>
          </div>
        </fieldset>
        <Field id="t-deliveries" label={view.t('selection.deliveries')} hint={view.t('selection.deliveriesHint')}>
          <textarea id="t-deliveries" name="deliveryIds" rows={3} class="mono" aria-describedby="t-deliveries-hint">
            {form.deliveryIds ?? ''}
          </textarea>
        </Field>
        <Field id="t-note" label={view.t('transfer.note')}>
          <textarea id="t-note" name="note" rows={3}>
            {form.note ?? ''}
          </textarea>
        </Field>
        {preview && (
          <section aria-labelledby="preview-heading" class="preview">
            <h2 id="preview-heading">{view.t('transfer.preview')}</h2>
            {preview.aips === 0 ? <Empty text={view.t('transfer.preview.empty')} /> : <SummaryFacts view={view} s={preview} />}
            {preview.heldRecords > 0 && (
              <p class="notice notice-warning">
                <span aria-hidden="true">⚠ </span>
                {view.t('transfer.preview.held', { count: preview.heldRecords })}
              </p>
            )}
          </section>
        )}
        <div class="buttons">
          <button type="submit" name="step" value="preview" class={preview && preview.aips > 0 ? 'button-secondary' : undefined}>
            {view.t('transfer.preview.show')}
          </button>
          {preview && preview.aips > 0 && (
            <button type="submit" name="step" value="propose">
              {view.t('transfer.propose.submit')}
            </button>
          )}
        </div>
      </form>
    </Layout>
  );
}

export function TransferPage({ view, t, me, mayAccept }: { view: PageView; t: TransferDetail; me: string; mayAccept: boolean }) {
  const title = view.t('transfer.title', { date: view.dateTime(t.proposedAt) });
  const own = t.proposedBy.id === me;
  return (
    <Layout view={view} title={title}>
      <p>
        <a href="/transfers">{view.t('transfer.back')}</a>
      </p>
      <PageHeading title={title} />
      <dl class="facts">
        <dt>{view.t('transfer.col.status')}</dt>
        <dd data-testid="transfer-status">{statusLabel(view, t.status)}</dd>
        <dt>{view.t('transfer.proposedBy')}</dt>
        <dd>
          {t.proposedBy.name ?? t.proposedBy.id}, {view.dateTime(t.proposedAt)}
        </dd>
        <dt>{view.t('transfer.note')}</dt>
        <dd>{t.note ?? '–'}</dd>
        {t.decidedBy && (
          <>
            <dt>{view.t('transfer.decidedBy')}</dt>
            <dd>
              {t.decidedBy.name ?? t.decidedBy.id}, {view.dateTime(t.decidedAt)}
            </dd>
            <dt>{view.t('transfer.decisionNote')}</dt>
            <dd>{t.decisionNote ?? '–'}</dd>
          </>
        )}
      </dl>
      <h2>{view.t('transfer.summary')}</h2>
      <SummaryFacts view={view} s={t.summary} />
      {t.status === 'proposed' && own && (
        <p class="notice notice-warning">
          <span aria-hidden="true">⚠ </span>
          {view.t('transfer.ownProposal')}
        </p>
      )}
      {t.status === 'proposed' && mayAccept && (
        <section aria-labelledby="decide-heading" class="panel">
          <h2 id="decide-heading">{view.t('transfer.decide')}</h2>
          <form method="post" action={`/transfers/${t.id}/accept`}>
            <CsrfField view={view} />
            <Field id="accept-note" label={view.t('transfer.acceptNote')}>
              <textarea id="accept-note" name="note" rows={2} />
            </Field>
            <button type="submit">{view.t('transfer.accept')}</button>
          </form>
          <form method="post" action={`/transfers/${t.id}/refuse`}>
            <CsrfField view={view} />
            <Field id="refuse-note" label={view.t('transfer.refuseNote')}>
              <textarea id="refuse-note" name="note" rows={2} required />
            </Field>
            <button type="submit" class="button-danger">
              {view.t('transfer.refuse')}
            </button>
          </form>
        </section>
      )}
      {t.receipt && (
        <section aria-labelledby="receipt-heading">
          <h2 id="receipt-heading">{view.t('transfer.receipt')}</h2>
          <p>
            <Status ok={t.receipt.unchanged} label={view.t(t.receipt.unchanged ? 'transfer.receipt.unchanged' : 'transfer.receipt.changed')} />
          </p>
          <p>
            <a href={`/transfers/${t.id}/receipt.json`} download>
              {view.t('transfer.receipt.download')}
            </a>
          </p>
        </section>
      )}
      {(t.status === 'accepted' || (t.status as string) === 'accepting') && !t.receipt && <AcceptanceProgress view={view} t={t} />}
      <h2>{view.t('transfer.items')}</h2>
      <DataTable
        caption={view.t('transfer.items')}
        hideCaption
        columns={[view.t('transfer.col.object'), view.t('selection.source'), { label: view.t('selection.records'), numeric: true }, { label: view.t('selection.bytes'), numeric: true }, view.t('selection.range'), { label: view.t('selection.held'), numeric: true }]}
      >
        {t.items.map((i) => (
          <tr key={i.aipId}>
            <td>
              <span class="mono">{i.aipId}</span>
              <span class="sub">{view.typeLabel(i.informationTypeId)}</span>
            </td>
            <td>{i.sourceSystem}</td>
            <td class="num">{formatNumber(i.records, view.locale)}</td>
            <td class="num">{formatBytes(i.bytes, view.locale)}</td>
            <td>{range(view, i)}</td>
            <td class="num">{formatNumber(i.heldRecords, view.locale)}</td>
          </tr>
        ))}
      </DataTable>
    </Layout>
  );
}

/**
 * Acceptance completes in a job: while it runs, how far it got (when the module reports it) and a
 * refresh link; the receipt appears when it is done.
 */
function AcceptanceProgress({ view, t }: { view: PageView; t: TransferDetail }) {
  const progress = (t as TransferDetail & { progress?: { aips: number; verifiedAfter: number } }).progress;
  return (
    <p class="live-note">
      {progress ? view.t('transfer.accepting.progress', { done: progress.verifiedAfter, total: progress.aips }) : view.t('transfer.receipt.pending')}{' '}
      <a href={`/transfers/${t.id}`}>{view.t('delivery.list.refresh')}</a>
    </p>
  );
}

export { range as dateRange };
