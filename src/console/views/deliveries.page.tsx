import { requirement } from '@samarkiv/information-package';
import type { DeliveryOverview, DeliveryView } from '../../ingest/ingest.facade';
import type { MessageKey } from '../i18n/i18n';
import { DataTable, Empty, PageHeading, Status } from './components';
import { formatBytes, formatNumber } from './format';
import { Layout } from './layout';
import type { PageView } from './page-view';
import { Pager, PageWindow } from './pager';

type Finding = DeliveryView['findings'][number];

const stageLabel = (view: PageView, stage: string) => view.t(`stage.${stage}` as MessageKey);

/** The outcome in words with a symbol; a running delivery says so. */
export function Outcome({ view, outcome }: { view: PageView; outcome: DeliveryView['outcome'] }) {
  if (!outcome) return <span class="status">{view.t('delivery.outcome.running')}</span>;
  return <Status ok={outcome === 'accepted'} label={view.t(`delivery.outcome.${outcome}` as MessageKey)} />;
}

/** Stages done out of all, with the upload's share while it uploads; a progress bar beside the words. */
function Progress({ view, d }: { view: PageView; d: DeliveryView }) {
  const { stagesDone, stagesTotal, uploadPercent } = d.progress;
  // A rejected or failed delivery says where it stopped (its findings name the stage).
  const stoppedAt = d.outcome === 'rejected' || d.outcome === 'failed' ? (d.findings[0]?.stage ?? null) : null;
  const text =
    uploadPercent !== null
      ? view.t('delivery.progress.upload', { percent: uploadPercent })
      : stoppedAt
        ? view.t('delivery.progress.stopped', { stage: stageLabel(view, stoppedAt) })
        : view.t('delivery.progress.stages', { done: stagesDone, total: stagesTotal });
  return (
    <>
      <span data-live="progress">{text}</span>
      {!d.outcome && (
        <progress max={stagesTotal} value={stagesDone} aria-hidden="true" data-live="bar">
          {text}
        </progress>
      )}
    </>
  );
}

/** Bytes received of those announced (or expected); files once the package is unpacked. */
function Size({ view, o }: { view: PageView; o: DeliveryOverview }) {
  const d = o.delivery;
  const total = d.upload.length ?? d.expectedSize;
  const bytes = total !== null && d.upload.receivedBytes < total ? `${formatBytes(d.upload.receivedBytes, view.locale)} / ${formatBytes(total, view.locale)}` : formatBytes(d.upload.receivedBytes || total, view.locale);
  return (
    <>
      <span data-live="bytes">{bytes}</span>
      <span class="sub" data-live="files">
        {o.files === null ? '' : view.t('delivery.files', { count: formatNumber(o.files, view.locale) })}
      </span>
    </>
  );
}

export function DeliveriesPage({ view, items, page }: { view: PageView; items: DeliveryOverview[]; page: PageWindow }) {
  const title = view.t('nav.deliveries.list');
  const running = items.some((o) => !o.delivery.outcome);
  return (
    <Layout view={view} title={title}>
      <PageHeading title={title} intro={view.t('delivery.list.intro')} />
      {running && (
        <p class="live-note">
          {view.t('delivery.list.running')} <a href={`/deliveries${page.offset ? `?offset=${page.offset}` : ''}`}>{view.t('delivery.list.refresh')}</a>
        </p>
      )}
      {/* The console script announces finished deliveries here. */}
      <div class="visually-hidden" role="status" aria-live="polite" data-live-announce />
      {items.length === 0 ? (
        <Empty text={view.t('delivery.list.none')} />
      ) : (
        <DataTable
          caption={view.t('delivery.list.caption', { total: page.total })}
          columns={[view.t('delivery.col.delivery'), view.t('delivery.col.type'), view.t('delivery.col.stage'), view.t('delivery.col.progress'), { label: view.t('delivery.col.size'), numeric: true }, view.t('delivery.col.outcome')]}
        >
          {items.map((o) => {
            const d = o.delivery;
            return (
              <tr key={d.id} data-delivery={d.id} data-events={d.outcome ? undefined : d.links.events} data-label={`${d.sourceSystem} ${view.dateTime(d.createdAt)}`}>
                <td>
                  <a href={`/deliveries/${d.id}`}>{d.sourceSystem}</a>
                  <span class="sub">{view.dateTime(d.createdAt)}</span>
                </td>
                <td>{view.typeLabel(d.informationTypeId)}</td>
                <td data-live="stage">{stageLabel(view, d.stage)}</td>
                <td>
                  <Progress view={view} d={d} />
                </td>
                <td class="num">
                  <Size view={view} o={o} />
                </td>
                <td data-live="outcome">
                  <Outcome view={view} outcome={d.outcome} />
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
      <Pager view={view} path="/deliveries" page={page} />
    </Layout>
  );
}

/** The requirement's level from the E-ARK/FGS catalogue, else the finding's severity. */
function levelOf(view: PageView, code: string, severity: Finding['severity']): string {
  const req = requirement(code);
  return req ? `${req.level} (${view.t(`severity.${severity}` as MessageKey)})` : view.t(`severity.${severity}` as MessageKey);
}

/** What the producer should do about a finding: per own code, per requirement, else the general advice. */
function producerAction(view: PageView, code: string, severity: Finding['severity']): string {
  const own = `producer.${code}` as MessageKey;
  if (view.t(own) !== own) return view.t(own);
  const req = requirement(code);
  if (req) return view.t(severity === 'error' ? 'producer.requirement.must' : 'producer.requirement.should', { id: code, title: req.title });
  return view.t(severity === 'error' ? 'producer.general.error' : 'producer.general.warning');
}

/** Findings grouped by requirement id, errors first (the order the ingest module keeps). */
export function groupFindings(findings: Finding[]): Array<{ code: string; findings: Finding[] }> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) groups.set(f.code, [...(groups.get(f.code) ?? []), f]);
  return [...groups].map(([code, list]) => ({ code, findings: list }));
}

function ValidationReport({ view, findings }: { view: PageView; findings: Finding[] }) {
  if (findings.length === 0) return <Empty text={view.t('delivery.report.none')} />;
  const groups = groupFindings(findings);
  const errors = findings.filter((f) => f.severity === 'error').length;
  return (
    <>
      <p>{view.t('delivery.report.summary', { errors, warnings: findings.length - errors, requirements: groups.length })}</p>
      {groups.map((g) => {
        const first = g.findings[0];
        const id = `req-${g.code.replace(/[^A-Za-z0-9-]/g, '')}`;
        const title = requirement(g.code)?.title;
        return (
          <section class="panel finding-group" aria-labelledby={id} key={g.code}>
            <h3 id={id}>
              <span class="mono">{g.code}</span>
              {title && (
                <span class="sub" lang="en">
                  {title}
                </span>
              )}
            </h3>
            <dl class="facts">
              <dt>{view.t('delivery.report.level')}</dt>
              <dd>
                <Status ok={first.severity !== 'error'} label={levelOf(view, g.code, first.severity)} />
              </dd>
              <dt>{view.t('delivery.report.action')}</dt>
              <dd>{producerAction(view, g.code, first.severity)}</dd>
            </dl>
            <DataTable caption={view.t('delivery.report.groupCaption', { code: g.code, count: g.findings.length })} hideCaption columns={[view.t('delivery.report.message'), view.t('delivery.report.location'), view.t('delivery.report.stage')]}>
              {g.findings.map((f, i) => (
                <tr key={i}>
                  <td lang="en" class="wrap">{f.message}</td>
                  <td class="mono hash">{f.location || '–'}</td>
                  <td>{stageLabel(view, f.stage)}</td>
                </tr>
              ))}
            </DataTable>
          </section>
        );
      })}
    </>
  );
}

export function DeliveryPage({ view, o, events }: { view: PageView; o: DeliveryOverview; events: Array<{ seq: number; type: string; stage: string; message: string; at: string }> }) {
  const d = o.delivery;
  const title = view.t('delivery.title', { source: d.sourceSystem, date: view.dateTime(d.createdAt) });
  return (
    <Layout view={view} title={title}>
      <p>
        <a href="/deliveries">{view.t('delivery.back')}</a>
      </p>
      <PageHeading title={title} />
      <dl class="facts" data-delivery={d.id} data-events={d.outcome ? undefined : d.links.events}>
        <dt>{view.t('delivery.id')}</dt>
        <dd class="mono">{d.id}</dd>
        <dt>{view.t('delivery.col.type')}</dt>
        <dd>{view.typeLabel(d.informationTypeId)}</dd>
        <dt>{view.t('delivery.sourceSystem')}</dt>
        <dd>{d.sourceSystem}</dd>
        <dt>{view.t('delivery.agreement')}</dt>
        <dd>{d.submissionAgreement ?? '–'}</dd>
        <dt>{view.t('delivery.col.stage')}</dt>
        <dd data-live="stage">{stageLabel(view, d.stage)}</dd>
        <dt>{view.t('delivery.col.progress')}</dt>
        <dd>
          <Progress view={view} d={d} />
        </dd>
        <dt>{view.t('delivery.col.size')}</dt>
        <dd>
          <Size view={view} o={o} />
        </dd>
        <dt>{view.t('delivery.col.outcome')}</dt>
        <dd data-live="outcome">
          <Outcome view={view} outcome={d.outcome} />
        </dd>
        <dt>{view.t('delivery.created')}</dt>
        <dd>{view.dateTime(d.createdAt)}</dd>
        <dt>{view.t('delivery.completed')}</dt>
        <dd>{view.dateTime(d.completedAt)}</dd>
        {d.aipId && (
          <>
            <dt>{view.t('delivery.aip')}</dt>
            <dd class="mono">{d.aipId}</dd>
          </>
        )}
      </dl>
      {!d.outcome && (
        <p class="live-note">
          {view.t('delivery.running')} <a href={`/deliveries/${d.id}`}>{view.t('delivery.list.refresh')}</a>
        </p>
      )}
      <div class="visually-hidden" role="status" aria-live="polite" data-live-announce />
      {o.quarantine && <QuarantineNote view={view} q={o.quarantine} />}
      {d.outcome && (
        <section aria-labelledby="receipt-heading">
          <h2 id="receipt-heading">{view.t('delivery.receipt')}</h2>
          <p>{view.t('delivery.receipt.intro')}</p>
          <ul class="plain">
            <li>
              <a href={`/deliveries/${d.id}/receipt.xml`} download>
                {view.t('delivery.receipt.xml')}
              </a>
            </li>
            <li>
              <a href={`/deliveries/${d.id}/receipt.json`} download>
                {view.t('delivery.receipt.json')}
              </a>
            </li>
          </ul>
        </section>
      )}
      {d.outcome === 'accepted' && view.nav.some((s) => s.items.some((i) => i.path === '/propose-transfer')) && (
        <p>
          <a href={`/propose-transfer?deliveryIds=${d.id}`}>{view.t('delivery.proposeTransfer')}</a>
        </p>
      )}
      <section aria-labelledby="report-heading">
        <h2 id="report-heading">{view.t('delivery.report')}</h2>
        <ValidationReport view={view} findings={d.findings} />
      </section>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{view.t('delivery.history')}</h2>
        <DataTable caption={view.t('delivery.history')} hideCaption columns={[view.t('delivery.history.time'), view.t('delivery.col.stage'), view.t('delivery.history.event')]}>
          {events.map((e) => (
            <tr key={e.seq}>
              <td>{view.dateTime(e.at)}</td>
              <td>{stageLabel(view, e.stage)}</td>
              <td lang="en">{e.message}</td>
            </tr>
          ))}
        </DataTable>
      </section>
    </Layout>
  );
}

function QuarantineNote({ view, q }: { view: PageView; q: NonNullable<DeliveryOverview['quarantine']> }) {
  return (
    <div class="notice notice-warning">
      <span aria-hidden="true">⚠ </span>
      {q.purgedAt ? view.t('quarantine.purged', { date: view.dateTime(q.purgedAt) }) : q.until ? view.t('quarantine.kept', { date: view.dateTime(q.until) }) : view.t('quarantine.keptNoDate')}
    </div>
  );
}

export function QuarantinePage({ view, items, page }: { view: PageView; items: DeliveryOverview[]; page: PageWindow }) {
  const title = view.t('nav.deliveries.quarantine');
  return (
    <Layout view={view} title={title}>
      <PageHeading title={title} intro={view.t('quarantine.intro')} />
      {items.length === 0 ? (
        <Empty text={view.t('quarantine.none')} />
      ) : (
        <DataTable
          caption={view.t('quarantine.caption', { total: page.total })}
          columns={[view.t('delivery.col.delivery'), view.t('delivery.col.type'), view.t('delivery.col.outcome'), view.t('quarantine.findings'), view.t('quarantine.purge')]}
        >
          {items.map((o) => {
            const d = o.delivery;
            const groups = groupFindings(d.findings.filter((f) => f.severity === 'error'));
            return (
              <tr key={d.id}>
                <td>
                  <a href={`/deliveries/${d.id}`}>{d.sourceSystem}</a>
                  <span class="sub">{view.dateTime(d.createdAt)}</span>
                </td>
                <td>{view.typeLabel(d.informationTypeId)}</td>
                <td>
                  <Outcome view={view} outcome={d.outcome} />
                  <span class="sub">{stageLabel(view, d.findings[0]?.stage ?? d.stage)}</span>
                </td>
                <td>
                  {groups.length === 0 ? (
                    '–'
                  ) : (
                    <ul class="plain">
                      {groups.map((g) => (
                        <li key={g.code}>
                          <span class="mono">{g.code}</span> {view.t('quarantine.count', { count: g.findings.length })}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>{o.quarantine?.purgedAt ? view.t('quarantine.purgedShort', { date: view.dateTime(o.quarantine.purgedAt) }) : view.dateTime(o.quarantine?.until)}</td>
              </tr>
            );
          })}
        </DataTable>
      )}
      <Pager view={view} path="/quarantine" page={page} />
    </Layout>
  );
}
