import type { SearchableType, SearchResult } from '../../search/search.facade';
import { facetFields, hiddenFields, PAGE_SIZES, SearchControl, searchControls, SearchFormState, sortOptions, timelineField } from '../application/search-form';
import type { MessageKey } from '../i18n/i18n';
import { CsrfField, DataTable, Empty, Field, PageHeading } from './components';
import { Layout } from './layout';
import type { PageView } from './page-view';
import { fieldText } from './record-values';

/** What a search came to: nothing asked yet, results, or a reason the search could not run. */
export type SearchOutcome =
  | { kind: 'form' }
  | { kind: 'result'; result: SearchResult; blocked: boolean }
  | { kind: 'tooBroad' }
  | { kind: 'invalid'; message: MessageKey; field: string | null };

const label = (view: PageView, labels: { sv: string; en: string }) => labels[view.locale];

/** The search page of one information type: the generated form, then results, facets and export. */
export function SearchPage({ view, type, state, outcome, problem }: { view: PageView; type: SearchableType; state: SearchFormState; outcome: SearchOutcome; problem?: MessageKey }) {
  const title = label(view, type.labels);
  const patient = timelineField(type);
  return (
    <Layout view={view} title={title}>
      <PageHeading title={title} intro={label(view, type.description)} />
      {patient && (
        <p>
          <a href={`/search/${type.id}/timeline`}>{view.t('search.timelineLink')}</a>
        </p>
      )}
      <SearchForm view={view} type={type} state={state} />
      {problem && (
        <div class="notice notice-warning" role="alert">
          <span aria-hidden="true">⚠ </span>
          {view.t(problem)}
        </div>
      )}
      {outcome.kind === 'tooBroad' && <TooBroad view={view} type={type} />}
      {outcome.kind === 'invalid' && (
        <div class="notice notice-warning" role="alert">
          <span aria-hidden="true">⚠ </span>
          {view.t(outcome.message, { field: fieldLabel(view, type, outcome.field) })}
        </div>
      )}
      {outcome.kind === 'result' && <Results view={view} type={type} state={state} result={outcome.result} blocked={outcome.blocked} />}
    </Layout>
  );
}

function fieldLabel(view: PageView, type: SearchableType, name: string | null): string {
  const field = name ? type.fields.find((f) => f.name === name) : undefined;
  return field ? label(view, field.labels) : (name ?? '');
}

/** The criteria a search needs, in words: "Patient id, or Care unit and Date (from and to), or …". */
export function requirementText(view: PageView, type: SearchableType): string {
  const ranged = new Set(type.fields.filter((f) => f.search.includes('range')).map((f) => f.name));
  const sets = type.searchRequires.map((set) =>
    set.map((n) => (ranged.has(n) ? view.t('search.rangeBoth', { field: fieldLabel(view, type, n) }) : fieldLabel(view, type, n))).join(view.t('search.and')),
  );
  return sets.join(view.t('search.or'));
}

function Control({ view, control, state }: { view: PageView; control: SearchControl; state: SearchFormState }) {
  const name = label(view, control.field.labels);
  if (control.kind === 'range') {
    const id = `c-${control.field.name}`;
    const type = control.input;
    return (
      <fieldset class="range">
        <legend>{name}</legend>
        <div class="row">
          <Field id={`${id}-from`} label={view.t('search.from')}>
            <input id={`${id}-from`} name={control.from} type={type} step={type === 'number' ? 'any' : undefined} value={state.values[control.from] ?? ''} />
          </Field>
          <Field id={`${id}-to`} label={view.t('search.to')}>
            <input id={`${id}-to`} name={control.to} type={type} step={type === 'number' ? 'any' : undefined} value={state.values[control.to] ?? ''} />
          </Field>
        </div>
      </fieldset>
    );
  }
  const id = `c-${control.field.name}`;
  const hint = control.identity ? view.t('search.identityHint') : control.prefix ? view.t('search.prefixHint') : undefined;
  return (
    <Field id={id} label={name} hint={hint}>
      <input
        id={id}
        name={control.name}
        type="text"
        value={state.values[control.name] ?? ''}
        maxLength={500}
        autoComplete="off"
        inputMode={control.identity ? 'numeric' : undefined}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
    </Field>
  );
}

/** Generated from the type's fields. POST: criteria such as a personnummer must stay out of URLs and logs. */
function SearchForm({ view, type, state }: { view: PageView; type: SearchableType; state: SearchFormState }) {
  const sorts = sortOptions(type);
  return (
    <form id="search-form" method="post" action={`/search/${type.id}`} class="panel search-form" aria-labelledby="criteria-heading">
      <h2 id="criteria-heading">{view.t('search.criteria')}</h2>
      <p class="hint">{view.t('search.requires', { sets: requirementText(view, type) })}</p>
      <CsrfField view={view} />
      <div class="search-controls">
        {searchControls(type).map((c) => (
          <Control key={c.field.name} view={view} control={c} state={state} />
        ))}
      </div>
      <div class="row">
      {sorts.length > 0 && (
        <Field id="sort" label={view.t('search.sort')}>
          <select id="sort" name="sort">
            {sorts.map((o) => (
              <option key={o.value} value={o.value} selected={state.sort === o.value || (!state.sort && o.field.name === type.dateField && o.direction === 'desc')}>
                {view.t(o.direction === 'desc' ? 'search.sortDesc' : 'search.sortAsc', { field: label(view, o.field.labels) })}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field id="limit" label={view.t('search.pageSize')}>
        <select id="limit" name="limit">
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n} selected={state.limit === n}>
              {n}
            </option>
          ))}
        </select>
      </Field>
      </div>
      <div class="buttons">
        <button type="submit">{view.t('search.submit')}</button>
        <a class="button button-secondary" href={`/search/${type.id}`}>
          {view.t('search.clear')}
        </a>
      </div>
    </form>
  );
}

function TooBroad({ view, type }: { view: PageView; type: SearchableType }) {
  return (
    <div class="notice notice-warning" role="alert">
      <h2 class="notice-heading">
        <span aria-hidden="true">⚠ </span>
        {view.t('search.tooBroad')}
      </h2>
      <p>{view.t('search.tooBroadText', { sets: requirementText(view, type) })}</p>
    </div>
  );
}

function HiddenState({ state }: { state: SearchFormState }) {
  return (
    <>
      {hiddenFields(state).map(([name, value], i) => (
        <input key={i} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

/** Facet values as checkboxes of the search form (keyboard and screen-reader usable without script). */
function Facets({ view, type, state, result }: { view: PageView; type: SearchableType; state: SearchFormState; result: SearchResult }) {
  const fields = facetFields(type).filter((f) => (result.facets[f.name] ?? []).length > 0);
  if (fields.length === 0) return null;
  return (
    <aside class="facets panel" aria-labelledby="facets-heading">
      <h3 id="facets-heading">{view.t('search.facets')}</h3>
      {fields.map((f) => (
        <fieldset key={f.name}>
          <legend>{label(view, f.labels)}</legend>
          {result.facets[f.name].map((v, i) => {
            const id = `f-${f.name}-${i}`;
            return (
              <div class="check" key={v.value}>
                <input id={id} type="checkbox" form="search-form" name={`f.${f.name}`} value={v.value} checked={(state.facets[f.name] ?? []).includes(v.value)} />
                <label for={id}>
                  {fieldText(view, f.kind, v.value)} <span class="count">{view.t('search.facetCount', { count: v.count })}</span>
                </label>
              </div>
            );
          })}
        </fieldset>
      ))}
      <button type="submit" form="search-form" class="button-secondary">
        {view.t('search.applyFacets')}
      </button>
    </aside>
  );
}

function resultHeading(view: PageView, result: SearchResult, state: SearchFormState): string {
  if (state.cursor) return view.t('search.resultsNext', { count: result.items.length });
  if (result.total.complete && result.total.count === 1) return view.t('search.resultOne');
  return result.total.complete ? view.t('search.results', { count: result.total.count }) : view.t('search.resultsAtLeast', { count: result.total.count });
}

function Results({ view, type, state, result, blocked }: { view: PageView; type: SearchableType; state: SearchFormState; result: SearchResult; blocked: boolean }) {
  const columns = type.resultColumns.map((n) => type.fields.find((f) => f.name === n)!).filter(Boolean);
  const patient = timelineField(type);
  const patientId = patient ? state.values[`c.${patient.name}`] : undefined;
  const dateKind = type.fields.find((f) => f.name === type.dateField)?.kind ?? 'datetime';
  const chosen = Object.entries(state.facets);
  // The search module's default order is the type's date, newest first.
  const [sortField, direction] = state.sort ? state.sort.split(':') : [type.dateField, 'desc'];
  const sortOrder = direction === 'asc' ? ('ascending' as const) : ('descending' as const);
  return (
    <section aria-labelledby="results-heading" class="results">
      <h2 id="results-heading">{resultHeading(view, result, state)}</h2>
      {blocked && <BlockedNote view={view} />}
      {chosen.length > 0 && (
        <p class="filters">
          {view.t('search.chosenFilters')}{' '}
          {chosen.map(([name, values]) => `${fieldLabel(view, type, name)}: ${values.join(', ')}`).join('; ')}
        </p>
      )}
      {patientId && (
        <form method="post" action={`/search/${type.id}/timeline`} class="inline-block">
          <CsrfField view={view} />
          <input type="hidden" name="patientId" value={patientId} />
          <button type="submit" class="button-secondary">
            {view.t('search.showTimeline')}
          </button>
        </form>
      )}
      <div class={state.cursor ? 'results-body' : 'results-body with-facets'}>
        {!state.cursor && <Facets view={view} type={type} state={state} result={result} />}
        <div class="results-list">
          {result.items.length === 0 ? (
            <Empty text={view.t('search.noResults')} />
          ) : (
            <>
              <DataTable caption={view.t('search.tableCaption', { type: label(view, type.labels) })} hideCaption columns={[view.t('search.select'), view.t('search.record'), ...columns.map((c) => (c.name === sortField ? { label: label(view, c.labels), sort: sortOrder } : label(view, c.labels)))]}>
                {result.items.map((item, i) => {
                  const about = [fieldText(view, dateKind, item.date), ...columns.filter((c) => c.kind === 'text').slice(0, 1).map((c) => fieldText(view, c.kind, item.fields[c.name]))].join(', ');
                  return (
                    <tr key={item.id}>
                      <td>
                        <input id={`pick-${i}`} type="checkbox" form="dip-form" name="recordIds" value={item.id} />
                        <label for={`pick-${i}`} class="visually-hidden">
                          {view.t('search.pick', { record: about })}
                        </label>
                      </td>
                      <td>
                        <a href={`/records/${item.id}`}>
                          {view.t('search.open')}
                          <span class="visually-hidden">{` – ${about}`}</span>
                        </a>
                      </td>
                      {columns.map((c) => (
                        <td key={c.name}>{fieldText(view, c.kind, c.name === type.dateField ? (item.fields[c.name] ?? item.date) : item.fields[c.name])}</td>
                      ))}
                    </tr>
                  );
                })}
              </DataTable>
              <form id="dip-form" method="post" action={`/search/${type.id}/dip`} class="buttons">
                <CsrfField view={view} />
                <HiddenState state={state} />
                {state.cursor && <input type="hidden" name="cursor" value={state.cursor} />}
                {/* Shown by console.js: ticks every row of the page. */}
                <button type="button" class="button-secondary" data-select-all="dip-form" hidden>
                  {view.t('search.selectAll')}
                </button>
                <button type="submit" class="button-secondary">
                  {view.t('search.exportDip')}
                </button>
                <p class="hint">{view.t('search.exportDipHint')}</p>
              </form>
            </>
          )}
          {result.nextCursor && (
            <form method="post" action={`/search/${type.id}`} class="pager">
              <CsrfField view={view} />
              <HiddenState state={state} />
              <input type="hidden" name="cursor" value={result.nextCursor} />
              <button type="submit">{view.t('search.nextPage')}</button>
            </form>
          )}
        </div>
      </div>
    </section>
  );
}

/** Spärr: records matching the criteria exist that this person may not see; said in words, not colour. */
export function BlockedNote({ view }: { view: PageView }) {
  return (
    <div class="notice notice-warning" role="status" data-testid="blocked-note">
      <strong>
        <span aria-hidden="true">⚠ </span>
        {view.t('search.blocked')}
      </strong>{' '}
      {view.t('search.blockedText')}
    </div>
  );
}

/** The reader's start: the information types this person may search. */
export function SearchIndexPage({ view, types }: { view: PageView; types: SearchableType[] }) {
  const title = view.t('nav.search');
  return (
    <Layout view={view} title={title}>
      <PageHeading title={title} intro={view.t('search.indexIntro')} />
      {types.length === 0 ? (
        <Empty text={view.t('search.noTypes')} />
      ) : (
        <ul class="cards">
          {types.map((t) => (
            <li class="card" key={t.id}>
              <h2 class="card-heading">
                <a href={`/search/${t.id}`}>{label(view, t.labels)}</a>
              </h2>
              <p>{label(view, t.description)}</p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
