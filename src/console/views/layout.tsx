import type { ComponentChildren } from 'preact';
import { navItemText } from '../application/navigation';
import type { PageView } from './page-view';

function LanguageSwitch({ view }: { view: PageView }) {
  const other = view.locale === 'sv' ? { code: 'en', name: 'English' } : { code: 'sv', name: 'Svenska' };
  return (
    <a class="lang" href={`${view.path}?lang=${other.code}`} lang={other.code} hreflang={other.code}>
      {other.name}
    </a>
  );
}

function Navigation({ view }: { view: PageView }) {
  if (view.nav.length === 0) return null;
  return (
    <nav class="main-nav" aria-label={view.t('layout.mainNav')}>
      {view.nav.map((section) => (
        <div class="nav-section" key={section.id}>
          <h2 class="nav-heading">{view.t(section.label)}</h2>
          <ul>
            {section.items.map((item) => (
              <li key={item.path}>
                <a href={item.path} aria-current={view.path === item.path || view.path.startsWith(`${item.path}/`) ? 'page' : undefined}>
                  {navItemText(item, view.t, view.locale)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}

function SessionBar({ view }: { view: PageView }) {
  return (
    <div class="session">
      <LanguageSwitch view={view} />
      {view.user && <span class="who">{view.t('layout.signedInAs', { name: view.user.name })}</span>}
      {/* SAML logout is a link: it redirects to the IdP, which a form's CSP form-action 'self' would block. */}
      {view.logout?.method === 'get' && (
        <a class="button button-secondary" href={view.logout.action}>
          {view.t('layout.logout')}
        </a>
      )}
      {view.logout?.method === 'post' && (
        <form method="post" action={view.logout.action} class="inline">
          <input type="hidden" name="_csrf" value={view.csrf ?? ''} />
          <button type="submit" class="button-secondary">
            {view.t('layout.logout')}
          </button>
        </form>
      )}
    </div>
  );
}

/** Every console page: skip link, header with the region's name, navigation by grants, main. */
export function Layout({ view, title, children }: { view: PageView; title: string; children: ComponentChildren }) {
  const region = view.region ?? view.t('layout.noRegion');
  return (
    <html lang={view.locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${region} – Samarkiv`}</title>
        <link rel="stylesheet" href="/assets/console.css" />
        <script src="/assets/console.js" defer />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {view.t('layout.skip')}
        </a>
        <header class="site-header">
          <div class="brand">
            <a href="/" class="app-name">
              Samarkiv
            </a>
            <span class="region" data-testid="region">
              {region}
            </span>
          </div>
          <SessionBar view={view} />
        </header>
        <div class={view.nav.length > 0 ? 'frame with-nav' : 'frame'}>
          <Navigation view={view} />
          <main id="main" tabIndex={-1}>
            {view.notice && (
              <div class="notice notice-success" role="status">
                <span aria-hidden="true">✓ </span>
                {view.t(view.notice)}
              </div>
            )}
            {children}
          </main>
        </div>
        <footer class="site-footer">
          <p>{view.t('layout.footer')}</p>
        </footer>
      </body>
    </html>
  );
}
