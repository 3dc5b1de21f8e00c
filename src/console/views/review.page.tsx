import type { PatientExtract, ReviewEntryView, SampleView } from '../../audit/audit.facade';
import type { MessageKey } from '../i18n/i18n';
import { CsrfField, DataTable, Empty, Field, PageHeading } from './components';
import { Layout } from './layout';
import type { PageView } from './page-view';

export interface Period {
  from?: string;
  to?: string;
}

function PeriodFields({ view, period, required }: { view: PageView; period: Period; required?: boolean }) {
  return (
    <div class="row">
      <Field id="period-from" label={view.t('review.from')}>
        <input id="period-from" name="from" type="date" value={period.from ?? ''} required={required} />
      </Field>
      <Field id="period-to" label={view.t('review.to')}>
        <input id="period-to" name="to" type="date" value={period.to ?? ''} required={required} />
      </Field>
    </div>
  );
}

/** Log entries as a table: who, when, from which care unit, what; flags in words. */
export function EntryTable({ view, entries, caption, showPatient = true }: { view: PageView; entries: ReviewEntryView[]; caption: string; showPatient?: boolean }) {
  if (entries.length === 0) return <Empty text={view.t('review.noEntries')} />;
  return (
    <DataTable caption={caption} columns={[view.t('review.time'), view.t('review.actor'), view.t('review.careUnit'), view.t('review.action'), ...(showPatient ? [view.t('review.patient')] : []), view.t('review.flags')]}>
      {entries.map((e) => (
        <tr key={e.seq}>
          <td>{view.dateTime(e.time)}</td>
          <td>
            {e.actor.id ? <a href={`/review/user?userId=${encodeURIComponent(e.actor.id)}`}>{e.actor.name ?? e.actor.id}</a> : (e.actor.name ?? '–')}
            {e.actor.hsaId && <span class="sub">{e.actor.hsaId}</span>}
          </td>
          <td>{e.careUnit.name ?? e.careUnit.hsaId ?? '–'}</td>
          <td>
            {view.t(`audit.action.${e.action}` as MessageKey)}
            {e.outcome !== 'success' && <span class="sub">{view.t(`audit.outcome.${e.outcome}` as MessageKey)}</span>}
          </td>
          {showPatient && <td>{e.patientId ?? '–'}</td>}
          <td>{e.flags && e.flags.length > 0 ? e.flags.map((f) => view.t(`flag.${f}` as MessageKey)).join(', ') : '–'}</td>
        </tr>
      ))}
    </DataTable>
  );
}

export function PatientReviewPage({ view, extract, patientId, period }: { view: PageView; extract: PatientExtract | null; patientId: string; period: Period }) {
  const title = view.t('nav.review.patient');
  return (
    <Layout view={view} title={title}>
      <PageHeading title={title} intro={view.t('review.patient.intro')} />
      {/* POST: the personnummer must not end up in URLs, browser history or access logs. */}
      <form method="post" action="/review/patient" class="panel">
        <CsrfField view={view} />
        <Field id="patient-id" label={view.t('review.patient.id')} hint={view.t('review.patient.idHint')}>
          <input id="patient-id" name="patientId" required value={patientId} autoComplete="off" inputMode="numeric" pattern="\d{6}(\d{2})?[-+]?\d{4}" aria-describedby="patient-id-hint" />
        </Field>
        <PeriodFields view={view} period={period} />
        <div class="buttons">
          <button type="submit" name="format" value="html">
            {view.t('review.patient.show')}
          </button>
          <button type="submit" name="format" value="pdf" class="button-secondary">
            {view.t('review.patient.pdf')}
          </button>
          <button type="submit" name="format" value="csv" class="button-secondary">
            {view.t('review.patient.csv')}
          </button>
        </div>
      </form>
      {extract && (
        <section aria-labelledby="extract-heading">
          <h2 id="extract-heading">{view.t('review.patient.result', { count: extract.entries.length })}</h2>
          {extract.truncated && (
            <p class="notice notice-warning">
              <span aria-hidden="true">⚠ </span>
              {view.t('review.truncated')}
            </p>
          )}
          <EntryTable view={view} entries={extract.entries} caption={view.t('review.patient.caption', { from: view.dateTime(extract.from), to: view.dateTime(extract.to) })} showPatient={false} />
        </section>
      )}
    </Layout>
  );
}

export function UserReviewPage({ view, entries, userId, period }: { view: PageView; entries: ReviewEntryView[] | null; userId: string; period: Period }) {
  const title = view.t('nav.review.user');
  return (
    <Layout view={view} title={title}>
      <PageHeading title={title} intro={view.t('review.user.intro')} />
      <form method="get" action="/review/user" class="panel">
        <Field id="user-id" label={view.t('review.user.id')} hint={view.t('review.user.idHint')}>
          <input id="user-id" name="userId" required value={userId} autoComplete="off" aria-describedby="user-id-hint" />
        </Field>
        <PeriodFields view={view} period={period} />
        <button type="submit">{view.t('review.user.show')}</button>
      </form>
      {entries && <EntryTable view={view} entries={entries} caption={view.t('review.user.caption', { count: entries.length })} />}
    </Layout>
  );
}

export function FlagsPage({ view, entries, period }: { view: PageView; entries: ReviewEntryView[]; period: Period }) {
  const title = view.t('nav.review.flags');
  return (
    <Layout view={view} title={title}>
      <PageHeading title={title} intro={view.t('review.flags.intro')} />
      <form method="get" action="/review/flags" class="panel">
        <PeriodFields view={view} period={period} />
        <button type="submit">{view.t('review.flags.show')}</button>
      </form>
      <EntryTable view={view} entries={entries} caption={view.t('review.flags.caption', { count: entries.length })} />
    </Layout>
  );
}

export function SamplesPage({ view, samples, period }: { view: PageView; samples: SampleView[]; period: Period }) {
  const title = view.t('nav.review.samples');
  return (
    <Layout view={view} title={title}>
      <PageHeading title={title} intro={view.t('review.samples.intro')} />
      {samples.length === 0 ? (
        <Empty text={view.t('review.samples.none')} />
      ) : (
        <DataTable caption={title} hideCaption columns={[view.t('review.samples.period'), view.t('review.samples.size'), view.t('review.samples.created'), view.t('review.samples.status')]}>
          {samples.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                <a href={`/review/samples/${s.id}`}>{`${view.dateTime(s.from)} – ${view.dateTime(s.to)}`}</a>
              </th>
              <td>{s.size}</td>
              <td>{view.dateTime(s.createdAt)}</td>
              <td>{s.signedOffAt ? view.t('review.samples.signedOff', { date: view.dateTime(s.signedOffAt) }) : view.t('review.samples.open')}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <form method="post" action="/review/samples" class="panel">
        <h2>{view.t('review.samples.create')}</h2>
        <CsrfField view={view} />
        <PeriodFields view={view} period={period} required />
        <Field id="sample-size" label={view.t('review.samples.size')}>
          <input id="sample-size" name="size" type="number" min={1} max={500} value="20" required inputMode="numeric" />
        </Field>
        <button type="submit">{view.t('review.samples.submit')}</button>
      </form>
    </Layout>
  );
}

export function SamplePage({ view, sample }: { view: PageView; sample: SampleView }) {
  const title = view.t('review.sample.title', { from: view.dateTime(sample.from), to: view.dateTime(sample.to) });
  const open = !sample.signedOffAt;
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p>
        <a href="/review/samples">{view.t('review.sample.back')}</a>
      </p>
      {(sample.items ?? []).length === 0 && <Empty text={view.t('review.noEntries')} />}
      <ol class="sample-items">
        {(sample.items ?? []).map((item) => (
          <li key={item.seq} class="panel">
            {item.entry ? <EntryTable view={view} entries={[item.entry]} caption={view.t('review.sample.item', { seq: item.seq })} /> : <p>{view.t('review.sample.missing', { seq: item.seq })}</p>}
            {item.note && (
              <p>
                <strong>{view.t('review.sample.note')}:</strong> {item.note} <span class="sub">{view.dateTime(item.notedAt)}</span>
              </p>
            )}
            {open && (
              <form method="post" action={`/review/samples/${sample.id}/items/${item.seq}/note`}>
                <CsrfField view={view} />
                <Field id={`note-${item.seq}`} label={view.t('review.sample.noteLabel', { seq: item.seq })}>
                  <textarea id={`note-${item.seq}`} name="note" rows={2} required maxLength={2000} />
                </Field>
                <button type="submit" class="button-secondary">
                  {view.t('review.sample.saveNote')}
                </button>
              </form>
            )}
          </li>
        ))}
      </ol>
      {open ? (
        <form method="post" action={`/review/samples/${sample.id}/sign-off`} class="panel">
          <h2>{view.t('review.sample.signOff')}</h2>
          <CsrfField view={view} />
          <Field id="conclusion" label={view.t('review.sample.conclusion')}>
            <textarea id="conclusion" name="conclusion" rows={3} required maxLength={4000} />
          </Field>
          <button type="submit">{view.t('review.sample.signOffSubmit')}</button>
        </form>
      ) : (
        <section class="panel" aria-labelledby="signed-heading">
          <h2 id="signed-heading">{view.t('review.samples.signedOff', { date: view.dateTime(sample.signedOffAt) })}</h2>
          <p>{sample.conclusion}</p>
        </section>
      )}
    </Layout>
  );
}
