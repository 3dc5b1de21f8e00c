import type { IdentityProviderView } from '../../auth/auth.facade';
import type { FormatPolicyView } from '../../ingest/ingest.facade';
import type { MessageKey } from '../i18n/i18n';
import { ActionButton, CsrfField, Field, PageHeading, Status } from './components';
import { Layout } from './layout';
import type { PageView } from './page-view';

function Text({ id, name, label, value, hint, type = 'text' }: { id: string; name: string; label: string; value?: string | null; hint?: string; type?: string }) {
  return (
    <Field id={id} label={label} hint={hint}>
      <input id={id} name={name} type={type} value={value ?? ''} aria-describedby={hint ? `${id}-hint` : undefined} />
    </Field>
  );
}

export function IdentityProviderPage({ view, idp, spMetadataUrl }: { view: PageView; idp: IdentityProviderView | null; spMetadataUrl: string }) {
  const title = view.t('nav.admin.idp');
  const map = idp?.attributeMap;
  return (
    <Layout view={view} title={title}>
      <PageHeading title={title} intro={view.t('admin.idp.intro')} />
      <p>
        {view.t('admin.idp.spMetadata')} <a href={spMetadataUrl}>{spMetadataUrl}</a>
      </p>
      {idp ? (
        <dl class="facts">
          <dt>{view.t('admin.idp.entityId')}</dt>
          <dd>{idp.entityId}</dd>
          <dt>{view.t('admin.idp.ssoUrl')}</dt>
          <dd>{idp.ssoUrl}</dd>
          <dt>{view.t('admin.idp.sloUrl')}</dt>
          <dd>{idp.sloUrl ?? '–'}</dd>
          <dt>{view.t('admin.idp.certificates')}</dt>
          <dd>{idp.certificateExpiry.map((d) => view.t('admin.idp.validUntil', { date: view.dateTime(d) })).join('; ') || '–'}</dd>
          <dt>{view.t('admin.idp.encrypted')}</dt>
          <dd>
            <Status ok={idp.wantEncryptedAssertions} label={view.t(idp.wantEncryptedAssertions ? 'common.yes' : 'common.no')} />
          </dd>
          <dt>{view.t('admin.idp.updated')}</dt>
          <dd>{view.dateTime(idp.updatedAt)}</dd>
        </dl>
      ) : (
        <div class="notice notice-warning" role="status">
          <span aria-hidden="true">⚠ </span>
          {view.t('admin.idp.none')}
        </div>
      )}
      <form method="post" action="/admin/identity-provider" class="panel">
        <h2>{view.t('admin.idp.change')}</h2>
        <CsrfField view={view} />
        <fieldset>
          <legend>{view.t('admin.idp.byMetadata')}</legend>
          <Text id="idp-metadata-url" name="metadataUrl" type="url" label={view.t('admin.idp.metadataUrl')} value={idp?.metadataUrl} />
          <Field id="idp-metadata-xml" label={view.t('admin.idp.metadataXml')}>
            <textarea id="idp-metadata-xml" name="metadataXml" rows={4} />
          </Field>
        </fieldset>
        <fieldset>
          <legend>{view.t('admin.idp.byHand')}</legend>
          <Text id="idp-entity" name="entityId" label={view.t('admin.idp.entityId')} value={idp?.metadataUrl ? null : idp?.entityId} />
          <Text id="idp-sso" name="ssoUrl" type="url" label={view.t('admin.idp.ssoUrl')} value={idp?.metadataUrl ? null : idp?.ssoUrl} />
          <Text id="idp-slo" name="sloUrl" type="url" label={view.t('admin.idp.sloUrl')} value={idp?.metadataUrl ? null : idp?.sloUrl} />
          <Field id="idp-cert" label={view.t('admin.idp.certificate')} hint={view.t('admin.idp.certificateHint')}>
            <textarea id="idp-cert" name="certificate" rows={4} aria-describedby="idp-cert-hint" />
          </Field>
        </fieldset>
        <fieldset>
          <legend>{view.t('admin.idp.attributes')}</legend>
          <Text id="attr-user" name="attrUserId" label={view.t('admin.idp.attr.userId')} value={map?.userId} hint={view.t('admin.idp.attr.userIdHint')} />
          <Text id="attr-name" name="attrDisplayName" label={view.t('admin.idp.attr.displayName')} value={map?.displayName} />
          <Text id="attr-mail" name="attrEmail" label={view.t('admin.idp.attr.email')} value={map?.email} />
          <Text id="attr-hsa" name="attrHsaId" label={view.t('admin.idp.attr.hsaId')} value={map?.hsaId} />
          <Text id="attr-groups" name="attrGroups" label={view.t('admin.idp.attr.groups')} value={map?.groups} hint={view.t('admin.idp.attr.groupsHint')} />
        </fieldset>
        <div class="check">
          <input type="checkbox" id="idp-encrypted" name="wantEncryptedAssertions" value="on" checked={idp?.wantEncryptedAssertions ?? false} />
          <label for="idp-encrypted">{view.t('admin.idp.encrypted')}</label>
        </div>
        <button type="submit">{view.t('admin.idp.submit')}</button>
      </form>
    </Layout>
  );
}

const DECISIONS = ['accept', 'accept-with-warning', 'reject'] as const;

export function FormatPoliciesPage({ view, policies }: { view: PageView; policies: FormatPolicyView[] }) {
  const title = view.t('nav.admin.formatPolicies');
  return (
    <Layout view={view} title={title}>
      <PageHeading title={title} intro={view.t('admin.formats.intro')} />
      {policies.map((p) => {
        const id = `policy-${p.informationTypeId}`;
        const lines = Object.entries(p.policy.formats)
          .map(([puid, d]) => `${puid} ${d}`)
          .join('\n');
        return (
          <section class="panel" aria-labelledby={`${id}-heading`} key={p.informationTypeId}>
            <h2 id={`${id}-heading`}>{view.typeLabel(p.informationTypeId)}</h2>
            <p>
              {p.source === 'default' ? view.t('admin.formats.usesDefault') : view.t('admin.formats.own', { date: view.dateTime(p.updatedAt) })}
            </p>
            <form method="post" action={`/admin/format-policies/${p.informationTypeId}`}>
              <CsrfField view={view} />
              <Field id={`${id}-name`} label={view.t('admin.formats.name')}>
                <input id={`${id}-name`} name="name" required maxLength={200} value={p.policy.name} />
              </Field>
              <Field id={`${id}-default`} label={view.t('admin.formats.defaultDecision')}>
                <select id={`${id}-default`} name="defaultDecision">
                  {DECISIONS.map((d) => (
                    <option value={d} selected={p.policy.defaultDecision === d} key={d}>
                      {view.t(`decision.${d}` as MessageKey)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id={`${id}-formats`} label={view.t('admin.formats.formats')} hint={view.t('admin.formats.formatsHint')}>
                <textarea id={`${id}-formats`} name="formats" rows={8} class="mono" aria-describedby={`${id}-formats-hint`}>
                  {lines}
                </textarea>
              </Field>
              <button type="submit">{view.t('admin.formats.save', { type: view.typeLabel(p.informationTypeId) })}</button>
            </form>
            {p.source === 'tenant' && (
              <p>
                <ActionButton view={view} action={`/admin/format-policies/${p.informationTypeId}/reset`} label={view.t('admin.formats.reset')} about={view.typeLabel(p.informationTypeId)} confirm={view.t('admin.formats.resetConfirm')} />
              </p>
            )}
          </section>
        );
      })}
    </Layout>
  );
}
