import type { AnchorRow, VerifyReport } from '../../audit/audit.facade';
import type { InformationTypeDefinition, TenantView } from '../../tenancy/tenancy.facade';
import type { HealthView, QueueCounts } from '../application/operations.service';
import type { MessageKey } from '../i18n/i18n';
import { CsrfField, DataTable, Empty, Field, PageHeading, Status } from './components';
import { Layout } from './layout';
import type { PageView } from './page-view';

function TypeSwitch({ view, tenant, type }: { view: PageView; tenant: TenantView; type: InformationTypeDefinition }) {
  const on = tenant.informationTypes.includes(type.id);
  const label = view.typeLabel(type.id);
  return (
    <li>
      <Status ok={on} label={`${label}: ${view.t(on ? 'operator.tenants.on' : 'operator.tenants.off')}`} />{' '}
      <form method="post" action={`/operator/tenants/${tenant.id}/information-types/${type.id}`} class="inline">
        <CsrfField view={view} />
        <input type="hidden" name="enabled" value={on ? 'off' : 'on'} />
        <button type="submit" class="button-secondary">
          {view.t(on ? 'operator.tenants.turnOff' : 'operator.tenants.turnOn', { type: label, tenant: tenant.name })}
        </button>
      </form>
    </li>
  );
}

export function TenantsPage({ view, tenants, types }: { view: PageView; tenants: TenantView[]; types: InformationTypeDefinition[] }) {
  const title = view.t('nav.operator.tenants');
  return (
    <Layout view={view} title={title}>
      <PageHeading title={title} intro={view.t('operator.tenants.intro')} />
      {tenants.length === 0 ? (
        <Empty text={view.t('operator.tenants.none')} />
      ) : (
        <DataTable caption={title} hideCaption columns={[view.t('operator.tenants.name'), view.t('operator.tenants.id'), view.t('operator.tenants.orgNumber'), view.t('operator.tenants.authority'), view.t('operator.tenants.types')]}>
          {tenants.map((t) => (
            <tr key={t.id}>
              <th scope="row">{t.name}</th>
              <td>
                <code>{t.id}</code>
              </td>
              <td>{t.organisationNumber}</td>
              <td>{t.archiveAuthorityName}</td>
              <td>
                <ul class="plain">
                  {types.map((type) => (
                    <TypeSwitch view={view} tenant={t} type={type} key={type.id} />
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <form method="post" action="/operator/tenants" class="panel">
        <h2>{view.t('operator.tenants.create')}</h2>
        <CsrfField view={view} />
        <Field id="tenant-id" label={view.t('operator.tenants.id')} hint={view.t('operator.tenants.idHint')}>
          <input id="tenant-id" name="id" required pattern="[a-z0-9][a-z0-9\-]{1,62}" aria-describedby="tenant-id-hint" />
        </Field>
        <Field id="tenant-name" label={view.t('operator.tenants.name')}>
          <input id="tenant-name" name="name" required maxLength={200} />
        </Field>
        <Field id="tenant-org" label={view.t('operator.tenants.orgNumber')} hint={view.t('operator.tenants.orgHint')}>
          <input id="tenant-org" name="organisationNumber" required pattern="\d{6}-\d{4}" aria-describedby="tenant-org-hint" />
        </Field>
        <Field id="tenant-authority" label={view.t('operator.tenants.authority')}>
          <input id="tenant-authority" name="archiveAuthorityName" required maxLength={200} />
        </Field>
        <fieldset>
          <legend>{view.t('operator.tenants.types')}</legend>
          {types.map((type) => (
            <div class="check" key={type.id}>
              <input type="checkbox" id={`new-type-${type.id}`} name="informationTypes" value={type.id} checked />
              <label for={`new-type-${type.id}`}>{view.typeLabel(type.id)}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit">{view.t('operator.tenants.submit')}</button>
      </form>
    </Layout>
  );
}

export function HealthPage({ view, health }: { view: PageView; health: HealthView }) {
  const title = view.t('nav.operator.health');
  return (
    <Layout view={view} title={title}>
      <PageHeading title={title} intro={view.t('operator.health.intro')} />
      <p>
        <Status ok={health.ok} label={view.t(health.ok ? 'operator.health.allUp' : 'operator.health.someDown')} />
      </p>
      <DataTable caption={title} hideCaption columns={[view.t('operator.health.component'), view.t('operator.health.status')]}>
        {health.checks.map((c) => (
          <tr key={c.name}>
            <th scope="row">{view.t(`operator.health.${c.name}` as MessageKey)}</th>
            <td>
              <Status ok={c.up} label={view.t(c.up ? 'operator.health.up' : 'operator.health.down')} />
              {c.message && <span class="sub" lang="en">{c.message}</span>}
            </td>
          </tr>
        ))}
      </DataTable>
    </Layout>
  );
}

export function QueuesPage({ view, queues }: { view: PageView; queues: QueueCounts[] }) {
  const title = view.t('nav.operator.queues');
  const cols = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
  return (
    <Layout view={view} title={title}>
      <PageHeading title={title} intro={view.t('operator.queues.intro')} />
      <DataTable caption={title} hideCaption columns={[view.t('operator.queues.queue'), ...cols.map((c) => ({ label: view.t(`operator.queues.${c}`), numeric: true as const })), view.t('operator.queues.state')]}>
        {queues.map((q) => (
          <tr key={q.queue}>
            <th scope="row">
              <code>{q.queue}</code>
            </th>
            {cols.map((c) => (
              <td class="num" key={c}>
                {q[c]}
              </td>
            ))}
            <td>
              <Status ok={!q.paused && q.failed === 0} label={view.t(q.paused ? 'operator.queues.paused' : q.failed > 0 ? 'operator.queues.hasFailed' : 'operator.queues.running')} />
            </td>
          </tr>
        ))}
      </DataTable>
    </Layout>
  );
}

export function AuditStatusPage({ view, report, anchors, tenantNames }: { view: PageView; report: VerifyReport; anchors: AnchorRow[]; tenantNames: Map<string, string> }) {
  const title = view.t('nav.operator.audit');
  const chainName = (id: string | null) => (id ? (tenantNames.get(id) ?? id) : view.t('operator.audit.central'));
  return (
    <Layout view={view} title={title}>
      <PageHeading title={title} intro={view.t('operator.audit.intro')} />
      <p>
        <Status ok={report.ok} label={view.t(report.ok ? 'operator.audit.intact' : 'operator.audit.broken')} />{' '}
        {view.t('operator.audit.checked', { count: report.checked, seconds: report.seconds.toFixed(1) })}
      </p>
      <DataTable caption={view.t('operator.audit.chains')} columns={[view.t('operator.audit.chain'), { label: view.t('operator.audit.entries'), numeric: true }, { label: view.t('operator.audit.head'), numeric: true }, view.t('operator.health.status')]}>
        {report.chains.map((c) => (
          <tr key={c.tenantId ?? '-'}>
            <th scope="row">{chainName(c.tenantId)}</th>
            <td class="num">{c.checked}</td>
            <td class="num">{c.headSeq ?? '–'}</td>
            <td>
              <Status ok={c.ok} label={c.ok ? view.t('operator.audit.intact') : view.t('operator.audit.brokenAt', { seq: c.firstBroken?.seq ?? '?' })} />
            </td>
          </tr>
        ))}
      </DataTable>
      <form method="post" action="/operator/audit/anchor" class="panel">
        <CsrfField view={view} />
        <p>{view.t('operator.audit.anchorText')}</p>
        <button type="submit">{view.t('operator.audit.anchorNow')}</button>
      </form>
      <h2>{view.t('operator.audit.anchors')}</h2>
      {anchors.length === 0 ? (
        <Empty text={view.t('operator.audit.noAnchors')} />
      ) : (
        <DataTable caption={view.t('operator.audit.anchors')} hideCaption columns={[view.t('operator.audit.chain'), { label: view.t('operator.audit.seq'), numeric: true }, view.t('operator.audit.hash'), view.t('operator.audit.anchoredAt'), view.t('operator.audit.reason')]}>
          {anchors.slice(0, 100).map((a) => (
            <tr key={a.id}>
              <th scope="row">{chainName(a.tenantId)}</th>
              <td class="num">{a.seq}</td>
              <td>
                <code class="hash">{a.hash}</code>
              </td>
              <td>{view.dateTime(new Date(a.anchoredAt).toISOString())}</td>
              <td>{view.t(`operator.audit.reason.${a.reason}` as MessageKey)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Layout>
  );
}
