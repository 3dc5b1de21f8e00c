import { Role, Tier } from '../../platform/context';
import type { GrantRow, GroupView, UserView } from '../../tenancy/tenancy.facade';
import type { MessageKey } from '../i18n/i18n';
import { ActionButton, CsrfField, DataTable, Empty, Field, PageHeading } from './components';
import { grantText } from './home.page';
import { Layout } from './layout';
import type { PageView } from './page-view';

/** Roles a tenant administrator can give (the operator role is central). */
const GRANTABLE = Object.values(Role).filter((r) => r !== Role.Operator);

function GrantForm({ view, subjects, types, back }: { view: PageView; subjects: Array<{ value: string; label: string }>; types: string[]; back: string }) {
  return (
    <form method="post" action="/admin/grants" class="panel">
      <h2 id="grant-form">{view.t('admin.grant.add')}</h2>
      <CsrfField view={view} />
      <input type="hidden" name="back" value={back} />
      <Field id="grant-subject" label={view.t('admin.grant.subject')}>
        <select id="grant-subject" name="subject" required>
          {subjects.map((s) => (
            <option value={s.value} key={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="grant-role" label={view.t('admin.grant.role')}>
        <select id="grant-role" name="role" required>
          {GRANTABLE.map((r) => (
            <option value={r} key={r}>
              {view.t(`role.${r}` as MessageKey)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="grant-type" label={view.t('admin.grant.type')} hint={view.t('admin.grant.typeHint')}>
        <select id="grant-type" name="informationTypeId" aria-describedby="grant-type-hint">
          <option value="">{view.t('admin.grant.none')}</option>
          {types.map((t) => (
            <option value={t} key={t}>
              {view.typeLabel(t)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="grant-tier" label={view.t('admin.grant.tier')} hint={view.t('admin.grant.tierHint')}>
        <select id="grant-tier" name="tier" aria-describedby="grant-tier-hint">
          <option value="">{view.t('admin.grant.none')}</option>
          {Object.values(Tier).map((t) => (
            <option value={t} key={t}>
              {view.t(`tier.${t}` as MessageKey)}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit">{view.t('admin.grant.submit')}</button>
    </form>
  );
}

function GrantList({ view, grants, holder }: { view: PageView; grants: GrantRow[]; holder: string }) {
  if (grants.length === 0) return <span>–</span>;
  return (
    <ul class="plain">
      {grants.map((g) => (
        <li key={g.id}>
          {grantText(view, g)}{' '}
          <ActionButton view={view} action={`/admin/grants/${g.id}/revoke`} label={view.t('admin.grant.revoke')} about={`${grantText(view, g)}, ${holder}`} confirm={view.t('admin.grant.revokeConfirm')} danger />
        </li>
      ))}
    </ul>
  );
}

export function UsersPage({ view, users, grants, types }: { view: PageView; users: UserView[]; grants: GrantRow[]; types: string[] }) {
  const title = view.t('nav.admin.users');
  return (
    <Layout view={view} title={title}>
      <PageHeading title={title} intro={view.t('admin.users.intro')} />
      {users.length === 0 ? (
        <Empty text={view.t('admin.users.none')} />
      ) : (
        <DataTable caption={title} hideCaption columns={[view.t('admin.users.name'), view.t('admin.users.userId'), view.t('admin.users.hsaId'), view.t('admin.users.ownGrants'), view.t('admin.users.viaGroups')]}>
          {users.map((u) => {
            const own = grants.filter((g) => g.userId === u.id);
            // Effective grants that are not the user's own come from group membership.
            const fromGroups = u.grants.filter((e) => !own.some((o) => o.role === e.role && o.informationTypeId === e.informationTypeId && o.tier === e.tier));
            return (
              <tr key={u.id}>
                <th scope="row">{u.displayName}</th>
                <td>{u.externalId}</td>
                <td>{u.hsaId ?? '–'}</td>
                <td>
                  <GrantList view={view} grants={own} holder={u.displayName} />
                </td>
                <td>{fromGroups.length === 0 ? '–' : fromGroups.map((g) => grantText(view, g)).join('; ')}</td>
              </tr>
            );
          })}
        </DataTable>
      )}
      {users.length > 0 && <GrantForm view={view} subjects={users.map((u) => ({ value: `user:${u.id}`, label: `${u.displayName} (${u.externalId})` }))} types={types} back="/admin/users" />}
    </Layout>
  );
}

export function GroupsPage({ view, groups, types }: { view: PageView; groups: GroupView[]; types: string[] }) {
  const title = view.t('nav.admin.groups');
  return (
    <Layout view={view} title={title}>
      <PageHeading title={title} intro={view.t('admin.groups.intro')} />
      {groups.length === 0 ? (
        <Empty text={view.t('admin.groups.none')} />
      ) : (
        <DataTable caption={title} hideCaption columns={[view.t('admin.groups.name'), view.t('admin.groups.externalName'), view.t('admin.groups.grants')]}>
          {groups.map((g) => (
            <tr key={g.id}>
              <th scope="row">{g.name}</th>
              <td>{g.externalName ? <code>{g.externalName}</code> : view.t('admin.groups.local')}</td>
              <td>
                <GrantList view={view} grants={g.grants} holder={g.name} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <form method="post" action="/admin/groups" class="panel">
        <h2>{view.t('admin.groups.save')}</h2>
        <CsrfField view={view} />
        <Field id="group-name" label={view.t('admin.groups.name')}>
          <input id="group-name" name="name" required maxLength={200} />
        </Field>
        <Field id="group-external" label={view.t('admin.groups.externalName')} hint={view.t('admin.groups.externalHint')}>
          <input id="group-external" name="externalName" maxLength={500} aria-describedby="group-external-hint" />
        </Field>
        <button type="submit">{view.t('admin.groups.submit')}</button>
      </form>
      {groups.length > 0 && <GrantForm view={view} subjects={groups.map((g) => ({ value: `group:${g.id}`, label: g.name }))} types={types} back="/admin/groups" />}
    </Layout>
  );
}
