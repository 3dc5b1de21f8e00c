import { ASSESSMENTS } from '../../final-archive/final-archive.facade';
import type { DisclosureRequest } from '../../final-archive/final-archive.facade';
import type { MessageKey } from '../i18n/i18n';
import { CsrfField, DataTable, Empty, Field, PageHeading } from './components';
import { formatDate } from './format';
import { Layout } from './layout';
import type { PageView } from './page-view';
import { Pager, PageWindow } from './pager';

export interface RequestQuery {
  q?: string;
  assessment?: string;
  from?: string;
  to?: string;
}

const assessmentLabel = (view: PageView, r: DisclosureRequest) => (r.assessment ? view.t(`request.assessment.${r.assessment.outcome}` as MessageKey) : view.t('request.assessment.pending'));

const queryString = (q: RequestQuery) =>
  Object.entries(q)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`)
    .join('&');

export function RequestsPage({ view, result, query, page, types }: { view: PageView; result: { items: DisclosureRequest[]; total: number }; query: RequestQuery; page: PageWindow; types: string[] }) {
  const title = view.t('nav.requests.register');
  const today = new Date().toISOString().slice(0, 10);
  const qs = queryString(query);
  return (
    <Layout view={view} title={title}>
      <PageHeading title={title} intro={view.t('request.intro')} />
      <form method="get" action="/requests" class="panel" role="search" aria-label={view.t('request.search')}>
        <h2>{view.t('request.search')}</h2>
        <Field id="rq-q" label={view.t('request.searchText')} hint={view.t('request.searchTextHint')}>
          <input id="rq-q" name="q" type="search" value={query.q ?? ''} maxLength={200} aria-describedby="rq-q-hint" />
        </Field>
        <Field id="rq-assessment" label={view.t('request.assessment')}>
          <select id="rq-assessment" name="assessment">
            <option value="">{view.t('request.assessment.any')}</option>
            {(['pending', ...ASSESSMENTS] as const).map((a) => (
              <option value={a} selected={query.assessment === a} key={a}>
                {view.t(`request.assessment.${a}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
        <div class="row">
          <Field id="rq-from" label={view.t('request.receivedFrom')}>
            <input id="rq-from" name="from" type="date" value={query.from ?? ''} />
          </Field>
          <Field id="rq-to" label={view.t('request.receivedTo')}>
            <input id="rq-to" name="to" type="date" value={query.to ?? ''} />
          </Field>
        </div>
        <button type="submit">{view.t('request.searchSubmit')}</button>
      </form>
      <section aria-labelledby="rq-results">
        <h2 id="rq-results">{view.t('request.results', { total: result.total })}</h2>
        {result.items.length === 0 ? (
          <Empty text={view.t('request.none')} />
        ) : (
          <DataTable caption={view.t('request.results', { total: result.total })} hideCaption columns={[view.t('request.reference'), view.t('request.received'), view.t('request.requester'), view.t('request.subject'), view.t('request.assessment'), view.t('request.handedOut')]}>
            {result.items.map((r) => (
              <tr key={r.id}>
                <td>
                  <a href={`/requests/${r.id}`}>{r.reference}</a>
                </td>
                <td>{formatDate(r.receivedAt, view.locale)}</td>
                <td>{r.requester.name}</td>
                <td>{r.subject}</td>
                <td>{assessmentLabel(view, r)}</td>
                <td>{r.handedOut ? view.dateTime(r.handedOut.at) : '–'}</td>
              </tr>
            ))}
          </DataTable>
        )}
        <Pager view={view} path="/requests" query={qs} page={page} />
      </section>
      <form method="post" action="/requests" class="panel">
        <h2>{view.t('request.register')}</h2>
        <CsrfField view={view} />
        <Field id="rr-ref" label={view.t('request.reference')} hint={view.t('request.referenceHint')}>
          <input id="rr-ref" name="reference" required maxLength={100} aria-describedby="rr-ref-hint" />
        </Field>
        <Field id="rr-received" label={view.t('request.received')}>
          <input id="rr-received" name="receivedAt" type="date" required value={today} />
        </Field>
        <Field id="rr-name" label={view.t('request.requester')}>
          <input id="rr-name" name="requesterName" required maxLength={300} autoComplete="off" />
        </Field>
        <Field id="rr-contact" label={view.t('request.contact')}>
          <input id="rr-contact" name="requesterContact" maxLength={300} autoComplete="off" />
        </Field>
        <Field id="rr-subject" label={view.t('request.subject')} hint={view.t('request.subjectHint')}>
          <textarea id="rr-subject" name="subject" rows={3} required maxLength={4000} aria-describedby="rr-subject-hint" />
        </Field>
        <Field id="rr-type" label={view.t('selection.type')}>
          <select id="rr-type" name="informationTypeId">
            <option value="">{view.t('request.anyType')}</option>
            {types.map((t) => (
              <option value={t} key={t}>
                {view.typeLabel(t)}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit">{view.t('request.registerSubmit')}</button>
      </form>
    </Layout>
  );
}

export function RequestPage({ view, r }: { view: PageView; r: DisclosureRequest }) {
  const title = view.t('request.title', { reference: r.reference });
  const released = r.assessment && r.assessment.outcome !== 'refused';
  return (
    <Layout view={view} title={title}>
      <p>
        <a href="/requests">{view.t('request.back')}</a>
      </p>
      <PageHeading title={title} />
      <dl class="facts">
        <dt>{view.t('request.received')}</dt>
        <dd>{formatDate(r.receivedAt, view.locale)}</dd>
        <dt>{view.t('request.requester')}</dt>
        <dd>
          {r.requester.name}
          {r.requester.contact && <span class="sub">{r.requester.contact}</span>}
        </dd>
        <dt>{view.t('request.subject')}</dt>
        <dd>{r.subject}</dd>
        <dt>{view.t('selection.type')}</dt>
        <dd>{r.informationTypeId ? view.typeLabel(r.informationTypeId) : view.t('request.anyType')}</dd>
        <dt>{view.t('request.registered')}</dt>
        <dd>{view.dateTime(r.registeredAt)}</dd>
        <dt>{view.t('request.assessment')}</dt>
        <dd data-testid="request-assessment">{assessmentLabel(view, r)}</dd>
        {r.assessment && (
          <>
            <dt>{view.t('request.reasoning')}</dt>
            <dd>{r.assessment.reasoning}</dd>
            <dt>{view.t('request.assessedBy')}</dt>
            <dd>
              {r.assessment.by.name ?? r.assessment.by.id}, {view.dateTime(r.assessment.at)}
            </dd>
          </>
        )}
        {r.handedOut && (
          <>
            <dt>{view.t('request.handedOut')}</dt>
            <dd>
              {view.t('request.handedOutFacts', { count: r.handedOut.recordIds.length, name: r.handedOut.by.name ?? r.handedOut.by.id, date: view.dateTime(r.handedOut.at) })}
              {r.handedOut.dip && <span class="sub">{view.t('request.dipRef', { dip: r.handedOut.dip })}</span>}
              {r.handedOut.dipManifest && (
                <span class="sub mono">{view.t('request.dipChecksum', { file: r.handedOut.dipManifest.zip.fileName, files: r.handedOut.dipManifest.files.length, sha256: r.handedOut.dipManifest.zip.sha256 })}</span>
              )}
              {r.handedOut.note && <span class="sub">{r.handedOut.note}</span>}
            </dd>
          </>
        )}
      </dl>
      {!r.handedOut && (
        <form method="post" action={`/requests/${r.id}/assessment`} class="panel">
          <h2>{view.t(r.assessment ? 'request.reassess' : 'request.assess')}</h2>
          <CsrfField view={view} />
          <fieldset>
            <legend>{view.t('request.outcome')}</legend>
            {ASSESSMENTS.map((a) => (
              <div class="check" key={a}>
                <input type="radio" id={`ra-${a}`} name="outcome" value={a} required checked={r.assessment?.outcome === a} />
                <label for={`ra-${a}`}>{view.t(`request.assessment.${a}` as MessageKey)}</label>
              </div>
            ))}
          </fieldset>
          <Field id="ra-reasoning" label={view.t('request.reasoning')} hint={view.t('request.reasoningHint')}>
            <textarea id="ra-reasoning" name="reasoning" rows={4} required maxLength={8000} aria-describedby="ra-reasoning-hint">
              {r.assessment?.reasoning ?? ''}
            </textarea>
          </Field>
          <button type="submit">{view.t('request.assessSubmit')}</button>
        </form>
      )}
      {r.assessment?.outcome === 'released' && !r.handedOut && (
        <form method="post" action={`/requests/${r.id}/dip`} class="panel">
          <h2>{view.t('request.dipHandOut')}</h2>
          <p>{view.t('request.dipHandOutHelp')}</p>
          <CsrfField view={view} />
          <Field id="hd-records" label={view.t('request.recordIds')} hint={view.t('request.recordIdsHint')}>
            <textarea id="hd-records" name="recordIds" rows={3} class="mono" required aria-describedby="hd-records-hint" />
          </Field>
          <Field id="hd-note" label={view.t('request.handOutNote')}>
            <textarea id="hd-note" name="note" rows={2} maxLength={4000} />
          </Field>
          <button type="submit">{view.t('request.dipHandOutSubmit')}</button>
        </form>
      )}
      {released && !r.handedOut && (
        <form method="post" action={`/requests/${r.id}/hand-out`} class="panel">
          <h2>{view.t('request.handOut')}</h2>
          <CsrfField view={view} />
          <Field id="ho-records" label={view.t('request.recordIds')} hint={view.t('request.recordIdsHint')}>
            <textarea id="ho-records" name="recordIds" rows={3} class="mono" aria-describedby="ho-records-hint" />
          </Field>
          <Field id="ho-dip" label={view.t('request.dip')}>
            <input id="ho-dip" name="dip" maxLength={500} />
          </Field>
          <Field id="ho-note" label={view.t('request.handOutNote')}>
            <textarea id="ho-note" name="note" rows={2} maxLength={4000} />
          </Field>
          <button type="submit">{view.t('request.handOutSubmit')}</button>
        </form>
      )}
    </Layout>
  );
}
