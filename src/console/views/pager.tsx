import type { PageView } from './page-view';

export interface PageWindow {
  offset: number;
  limit: number;
  total: number;
}

/** Previous and next links for a long list; nothing when it fits on one page. */
export function Pager({ view, path, page }: { view: PageView; path: string; page: PageWindow }) {
  if (page.total <= page.limit && page.offset === 0) return null;
  const prev = Math.max(0, page.offset - page.limit);
  const next = page.offset + page.limit;
  return (
    <nav class="pager" aria-label={view.t('pager.label')}>
      {page.offset > 0 && <a href={`${path}?offset=${prev}`}>{view.t('pager.previous')}</a>}
      <span>{view.t('pager.position', { from: Math.min(page.offset + 1, page.total), to: Math.min(next, page.total), total: page.total })}</span>
      {next < page.total && <a href={`${path}?offset=${next}`}>{view.t('pager.next')}</a>}
    </nav>
  );
}
