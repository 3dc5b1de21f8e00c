import type { SearchableType, TimelineResult } from '../../search/search.facade';
import { timelineField } from '../application/search-form';
import { CsrfField, DataTable, Empty, Field, PageHeading } from './components';
import { Layout } from './layout';
import type { PageView } from './page-view';
import { fieldText, personalId } from './record-values';
import { BlockedNote } from './search.page';

export interface TimelineAsk {
  patientId: string;
  from?: string;
  to?: string;
}

/** One patient's records of a type, most recent care unit first, each unit's records in date order. */
export function TimelinePage({ view, type, ask, timeline, blocked }: { view: PageView; type: SearchableType; ask: TimelineAsk; timeline: TimelineResult | null; blocked: boolean }) {
  const typeName = type.labels[view.locale];
  const title = view.t('timeline.title', { type: typeName });
  const patient = timelineField(type);
  const dateKind = type.fields.find((f) => f.name === type.dateField)?.kind ?? 'datetime';
  // The unit names the group and the patient (with the rest of the layout's patient section) the
  // page: the tables show the other result columns.
  const aboutPatient = new Set(type.layout.sections.find((s) => patient && s.fields.includes(patient.name))?.fields ?? []);
  const columns = type.resultColumns
    .map((n) => type.fields.find((f) => f.name === n)!)
    .filter((f) => f && f.name !== type.dateField && f.name !== type.unitField && !aboutPatient.has(f.name) && f.kind !== 'personal-identity-number')
    .slice(0, 5);
  return (
    <Layout view={view} title={title}>
      <PageHeading title={title} intro={view.t('timeline.intro')} />
      <p>
        <a href={`/search/${type.id}`}>{view.t('timeline.backToSearch', { type: typeName })}</a>
      </p>
      {/* POST: the personnummer must not end up in URLs, browser history or access logs. */}
      <form method="post" action={`/search/${type.id}/timeline`} class="panel">
        <CsrfField view={view} />
        <Field id="patient-id" label={patient ? patient.labels[view.locale] : view.t('timeline.patient')} hint={view.t('search.identityHint')}>
          <input id="patient-id" name="patientId" required maxLength={64} value={ask.patientId} autoComplete="off" inputMode="numeric" aria-describedby="patient-id-hint" />
        </Field>
        <div class="row">
          <Field id="period-from" label={view.t('search.from')}>
            <input id="period-from" name="from" type="date" value={ask.from ?? ''} />
          </Field>
          <Field id="period-to" label={view.t('search.to')}>
            <input id="period-to" name="to" type="date" value={ask.to ?? ''} />
          </Field>
        </div>
        <button type="submit">{view.t('timeline.submit')}</button>
      </form>
      {timeline && (
        <section aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">{view.t('timeline.result', { patient: personalId(timeline.patient.id), count: timeline.count, units: timeline.groups.length })}</h2>
          {blocked && <BlockedNote view={view} />}
          {timeline.truncated && (
            <p class="notice notice-warning">
              <span aria-hidden="true">⚠ </span>
              {view.t('timeline.truncated')}
            </p>
          )}
          {timeline.groups.length === 0 && <Empty text={view.t('timeline.empty')} />}
          {timeline.groups.map((g, i) => (
            <section key={i} class="timeline-group" aria-labelledby={`unit-${i}`}>
              <h3 id={`unit-${i}`}>{g.unit ?? view.t('timeline.noUnit')}</h3>
              <p class="sub">{g.items.length > 1 ? view.t('timeline.period', { first: fieldText(view, dateKind, g.first), last: fieldText(view, dateKind, g.last) }) : fieldText(view, dateKind, g.first)}</p>
              <DataTable caption={view.t('timeline.unitCaption', { unit: g.unit ?? view.t('timeline.noUnit') })} hideCaption columns={[view.t('timeline.date'), ...columns.map((c) => c.labels[view.locale]), view.t('search.record')]}>
                {g.items.map((item) => (
                  <tr key={item.id}>
                    <td>
                      <time dateTime={item.date ?? undefined}>{fieldText(view, dateKind, item.date)}</time>
                    </td>
                    {columns.map((c) => (
                      <td key={c.name}>{fieldText(view, c.kind, item.fields[c.name])}</td>
                    ))}
                    <td>
                      <a href={`/records/${item.id}`}>
                        {view.t('search.open')}
                        <span class="visually-hidden">{` – ${fieldText(view, dateKind, item.date)}`}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </DataTable>
            </section>
          ))}
        </section>
      )}
    </Layout>
  );
}
