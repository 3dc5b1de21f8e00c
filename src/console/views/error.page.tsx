import type { MessageKey } from '../i18n/i18n';
import { Layout } from './layout';
import type { PageView } from './page-view';

const HEADINGS: Record<number, MessageKey> = {
  400: 'error.invalid',
  403: 'error.forbidden',
  404: 'error.notFound',
  409: 'error.conflict',
  413: 'error.tooLarge',
  429: 'error.rateLimited',
  503: 'error.unavailable',
};

/** Errors as a page: what happened in the person's language, the technical detail, the correlation id. */
export function ErrorPage({ view, status, message, correlationId, code, back }: { view: PageView; status: number; message: string | null; correlationId: string; code?: string; back?: string | null }) {
  const title = view.t(HEADINGS[status] ?? 'error.internal');
  // Domain errors the console knows are explained in the person's language.
  const explained = code ? (`error.code.${code}` as MessageKey) : null;
  const explanation = explained && view.t(explained) !== explained ? view.t(explained) : null;
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      {explanation && (
        <p class="error-explained" data-testid="error-explained">
          {explanation}
        </p>
      )}
      {message && (
        <p class="error-detail">
          {view.t('error.detail')}{' '}
          <span lang="en">{message}</span>
        </p>
      )}
      <p>{view.t('error.correlation', { id: correlationId })}</p>
      <p>
        {back && (
          <>
            <a href={back}>{view.t('error.back')}</a>
            {' · '}
          </>
        )}
        <a href="/">{view.t('error.home')}</a>
      </p>
    </Layout>
  );
}
