import { ApiScope } from '../../platform/context';
import type { ApiClientView } from '../../auth/auth.facade';
import type { MessageKey } from '../i18n/i18n';
import { ActionButton, CsrfField, DataTable, Empty, Field, PageHeading, Status } from './components';
import { Layout } from './layout';
import type { PageView } from './page-view';

function clientState(view: PageView, c: ApiClientView): { ok: boolean; label: string } {
  if (c.revokedAt) return { ok: false, label: view.t('admin.clients.revoked') };
  if (new Date(c.expiresAt).getTime() < Date.now()) return { ok: false, label: view.t('admin.clients.expired') };
  return { ok: true, label: view.t('admin.clients.active') };
}

export function ApiClientsPage({ view, clients, types }: { view: PageView; clients: ApiClientView[]; types: string[] }) {
  const title = view.t('nav.admin.apiClients');
  return (
    <Layout view={view} title={title}>
      <PageHeading title={title} intro={view.t('admin.clients.intro')} />
      {clients.length === 0 ? (
        <Empty text={view.t('admin.clients.none')} />
      ) : (
        <DataTable caption={title} hideCaption columns={[view.t('admin.clients.name'), view.t('admin.clients.scopes'), view.t('admin.clients.types'), view.t('admin.clients.status'), view.t('admin.clients.expires'), view.t('admin.clients.lastUsed'), view.t('admin.clients.actions')]}>
          {clients.map((c) => {
            const state = clientState(view, c);
            return (
              <tr key={c.id}>
                <th scope="row">{c.name}</th>
                <td>{c.scopes.map((s) => view.t(`scope.${s}` as MessageKey)).join(', ')}</td>
                <td>{c.informationTypes.map((t) => view.typeLabel(t)).join(', ')}</td>
                <td>
                  <Status ok={state.ok} label={state.label} />
                </td>
                <td>{view.dateTime(c.expiresAt)}</td>
                <td>{view.dateTime(c.lastUsedAt)}</td>
                <td>
                  {!c.revokedAt && (
                    <>
                      <ActionButton view={view} action={`/admin/api-clients/${c.id}/rotate`} label={view.t('admin.clients.rotate')} about={c.name} confirm={view.t('admin.clients.rotateConfirm')} />{' '}
                      <ActionButton view={view} action={`/admin/api-clients/${c.id}/revoke`} label={view.t('admin.clients.revoke')} about={c.name} confirm={view.t('admin.clients.revokeConfirm')} danger />
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
      <form method="post" action="/admin/api-clients" class="panel">
        <h2>{view.t('admin.clients.create')}</h2>
        <CsrfField view={view} />
        <Field id="client-name" label={view.t('admin.clients.name')} hint={view.t('admin.clients.nameHint')}>
          <input id="client-name" name="name" required maxLength={100} aria-describedby="client-name-hint" />
        </Field>
        <fieldset>
          <legend>{view.t('admin.clients.scopes')}</legend>
          {Object.values(ApiScope).map((s) => (
            <div class="check" key={s}>
              <input type="checkbox" id={`scope-${s}`} name="scopes" value={s} />
              <label for={`scope-${s}`}>{view.t(`scope.${s}` as MessageKey)}</label>
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>{view.t('admin.clients.types')}</legend>
          {types.map((t) => (
            <div class="check" key={t}>
              <input type="checkbox" id={`type-${t}`} name="informationTypes" value={t} />
              <label for={`type-${t}`}>{view.typeLabel(t)}</label>
            </div>
          ))}
        </fieldset>
        <Field id="client-days" label={view.t('admin.clients.days')} hint={view.t('admin.clients.daysHint')}>
          <input id="client-days" name="expiresInDays" type="number" min={1} max={3650} inputMode="numeric" aria-describedby="client-days-hint" />
        </Field>
        <button type="submit">{view.t('admin.clients.submit')}</button>
      </form>
    </Layout>
  );
}

/** The secret is in this answer only: say so, and offer to copy it. */
export function ApiClientSecretPage({ view, client, token, rotated }: { view: PageView; client: ApiClientView; token: string; rotated: boolean }) {
  const title = view.t(rotated ? 'admin.clients.rotatedTitle' : 'admin.clients.createdTitle', { name: client.name });
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <div class="notice notice-warning" role="alert">
        <span aria-hidden="true">⚠ </span>
        {view.t('admin.clients.secretOnce')}
      </div>
      <Field id="client-token" label={view.t('admin.clients.token')}>
        <input id="client-token" class="secret" readOnly value={token} data-testid="client-token" />
      </Field>
      <p>
        <button type="button" class="button-secondary" data-copy="client-token" hidden>
          {view.t('admin.clients.copy')}
        </button>
      </p>
      {rotated && <p>{view.t('admin.clients.overlap', { until: view.dateTime(client.previousValidUntil) })}</p>}
      <p>
        <a href="/admin/api-clients">{view.t('admin.clients.back')}</a>
      </p>
    </Layout>
  );
}
