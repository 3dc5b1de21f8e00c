import type { Grant } from '../../platform/context';
import { navItemText } from '../application/navigation';
import type { MessageKey } from '../i18n/i18n';
import { Layout } from './layout';
import type { PageView } from './page-view';

export function grantText(view: PageView, g: Grant): string {
  const parts = [view.t(`role.${g.role}` as MessageKey)];
  if (g.informationTypeId) parts.push(view.typeLabel(g.informationTypeId));
  if (g.tier) parts.push(view.t(`tier.${g.tier}` as MessageKey));
  return parts.join(' · ');
}

/** What this person may do: the parts of the console their grants open, and the grants themselves. */
export function HomePage({ view, grants }: { view: PageView; grants: Grant[] }) {
  const title = view.t('home.title');
  return (
    <Layout view={view} title={title}>
      <h1>{view.t('home.welcome', { name: view.user?.name ?? '' })}</h1>
      {view.nav.length > 0 ? (
        <section aria-labelledby="may-do">
          <h2 id="may-do">{view.t('home.mayDo')}</h2>
          <ul class="cards">
            {view.nav.map((s) => (
              <li class="card" key={s.id}>
                <h3>{view.t(s.label)}</h3>
                <p>{view.t(s.summary)}</p>
                <ul>
                  {s.items.map((i) => (
                    <li key={i.path}>
                      <a href={i.path}>{navItemText(i, view.t, view.locale)}</a>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <p>{grants.length > 0 ? view.t('home.noPagesYet') : view.t('home.noAccess')}</p>
      )}
      <section aria-labelledby="grants">
        <h2 id="grants">{view.t('home.grants')}</h2>
        {grants.length > 0 ? (
          <ul class="grant-list">
            {grants.map((g, i) => (
              <li key={i}>{grantText(view, g)}</li>
            ))}
          </ul>
        ) : (
          <p>{view.t('home.noGrants')}</p>
        )}
      </section>
    </Layout>
  );
}

export function LoginPage({ view, regions, returnTo }: { view: PageView; regions: Array<{ id: string; name: string }>; returnTo: string }) {
  const title = view.t('login.title');
  const query = returnTo === '/' ? '' : `?returnTo=${encodeURIComponent(returnTo)}`;
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="intro">{view.t('login.intro')}</p>
      {regions.length > 0 ? (
        <ul class="region-list">
          {regions.map((r) => (
            <li key={r.id}>
              <a class="button" href={`/auth/${r.id}/saml/login${query}`}>
                {view.t('login.via', { region: r.name })}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p>{view.t('login.noRegions')}</p>
      )}
      {view.demoMode && (
        <section class="demo" aria-labelledby="demo-heading">
          <h2 id="demo-heading">{view.t('login.demoHeading')}</h2>
          <p>{view.t('login.demoText')}</p>
          <p>
            <a href="/auth/demo">{view.t('login.demoLink')}</a>
          </p>
        </section>
      )}
    </Layout>
  );
}
