import { HOLD_SCOPES, RETENTION_TRIGGERS } from '../../final-archive/final-archive.facade';
import type { LegalHold, RetentionRule } from '../../final-archive/final-archive.facade';
import type { MessageKey } from '../i18n/i18n';
import { ActionButton, CsrfField, DataTable, Empty, Field, PageHeading } from './components';
import { Layout } from './layout';
import type { PageView } from './page-view';

export function RetentionRulesPage({ view, rules, approvable }: { view: PageView; rules: RetentionRule[]; approvable: string[] }) {
  const title = view.t('nav.disposal.rules');
  return (
    <Layout view={view} title={title}>
      <PageHeading title={title} intro={view.t('retention.intro')} />
      {rules.length === 0 ? (
        <Empty text={view.t('retention.none')} />
      ) : (
        <DataTable
          caption={view.t('retention.caption', { count: rules.length })}
          columns={[view.t('selection.type'), view.t('selection.source'), view.t('retention.trigger'), { label: view.t('retention.years'), numeric: true }, view.t('retention.description'), view.t('retention.actions')]}
        >
          {rules.map((r) => {
            const about = `${view.typeLabel(r.informationTypeId)}, ${r.sourceSystem ?? view.t('retention.allSources')}`;
            return (
              <tr key={r.id}>
                <td>{view.typeLabel(r.informationTypeId)}</td>
                <td>{r.sourceSystem ?? view.t('retention.allSources')}</td>
                <td>{view.t(`retention.trigger.${r.trigger}` as MessageKey)}</td>
                <td class="num">{r.years}</td>
                <td>{r.description ?? '–'}</td>
                <td>{approvable.includes(r.informationTypeId) ? <ActionButton view={view} action={`/retention-rules/${r.id}/delete`} label={view.t('retention.delete')} about={about} confirm={view.t('retention.deleteConfirm')} danger /> : '–'}</td>
              </tr>
            );
          })}
        </DataTable>
      )}
      {approvable.length > 0 ? (
        <form method="post" action="/retention-rules" class="panel">
          <h2>{view.t('retention.create')}</h2>
          <CsrfField view={view} />
          <Field id="r-type" label={view.t('selection.type')}>
            <select id="r-type" name="informationTypeId" required>
              {approvable.map((t) => (
                <option value={t} key={t}>
                  {view.typeLabel(t)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="r-source" label={view.t('selection.source')} hint={view.t('retention.sourceHint')}>
            <input id="r-source" name="sourceSystem" maxLength={200} aria-describedby="r-source-hint" />
          </Field>
          <Field id="r-trigger" label={view.t('retention.trigger')}>
            <select id="r-trigger" name="trigger" required>
              {RETENTION_TRIGGERS.map((t) => (
                <option value={t} key={t}>
                  {view.t(`retention.trigger.${t}` as MessageKey)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="r-years" label={view.t('retention.years')}>
            <input id="r-years" name="years" type="number" min={0} max={1000} required inputMode="numeric" />
          </Field>
          <Field id="r-description" label={view.t('retention.description')} hint={view.t('retention.descriptionHint')}>
            <textarea id="r-description" name="description" rows={2} aria-describedby="r-description-hint" />
          </Field>
          <button type="submit">{view.t('retention.create')}</button>
        </form>
      ) : (
        <p>{view.t('retention.readOnly')}</p>
      )}
    </Layout>
  );
}

export function LegalHoldsPage({ view, holds, showReleased }: { view: PageView; holds: LegalHold[]; showReleased: boolean }) {
  const title = view.t('nav.disposal.holds');
  return (
    <Layout view={view} title={title}>
      <PageHeading title={title} intro={view.t('hold.intro')} />
      <p>
        <a href={showReleased ? '/legal-holds' : '/legal-holds?released=true'}>{view.t(showReleased ? 'hold.hideReleased' : 'hold.showReleased')}</a>
      </p>
      {holds.length === 0 ? (
        <Empty text={view.t('hold.none')} />
      ) : (
        <DataTable caption={view.t('hold.caption', { count: holds.length })} columns={[view.t('hold.scope'), view.t('hold.target'), view.t('hold.reason'), view.t('hold.setBy'), view.t('hold.released'), view.t('retention.actions')]}>
          {holds.map((h) => (
            <tr key={h.id}>
              <td>{view.t(`hold.scope.${h.scope}` as MessageKey)}</td>
              <td class="mono">{h.target}</td>
              <td>{h.reason}</td>
              <td>
                {h.setBy.name ?? h.setBy.id}
                <span class="sub">{view.dateTime(h.setAt)}</span>
              </td>
              <td>{h.releasedAt ? view.dateTime(h.releasedAt) : view.t('hold.active')}</td>
              <td>{h.releasedAt ? '–' : <ActionButton view={view} action={`/legal-holds/${h.id}/release`} label={view.t('hold.release')} about={`${view.t(`hold.scope.${h.scope}` as MessageKey)} ${h.target}`} confirm={view.t('hold.releaseConfirm')} />}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <form method="post" action="/legal-holds" class="panel">
        <h2>{view.t('hold.set')}</h2>
        <CsrfField view={view} />
        <Field id="h-scope" label={view.t('hold.scope')}>
          <select id="h-scope" name="scope" required>
            {HOLD_SCOPES.map((s) => (
              <option value={s} key={s}>
                {view.t(`hold.scope.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="h-target" label={view.t('hold.target')} hint={view.t('hold.targetHint')}>
          <input id="h-target" name="target" required maxLength={64} autoComplete="off" aria-describedby="h-target-hint" />
        </Field>
        <Field id="h-reason" label={view.t('hold.reason')}>
          <textarea id="h-reason" name="reason" rows={2} required maxLength={2000} />
        </Field>
        <button type="submit">{view.t('hold.set')}</button>
      </form>
    </Layout>
  );
}
