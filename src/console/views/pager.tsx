import type { PageView } from './page-view';

export interface PageWindow {
  offset: number;
  limit: number;
  total: number;
}

/** Previous and next links for a long list; nothing when it fits on one page. */
/** `query` keeps the list's other parameters (already URL-encoded). */
export function Pager({ view, path, page, query }: { view: PageView; path: string; page: PageWindow; query?: string }) {
  if (page.total <= page.limit && page.offset === 0) return null;
  const prev = Math.max(0, page.offset - page.limit);
  const next = page.offset + page.limit;
  const href = (offset: number) => `${path}?${query ? `${query}&` : ''}offset=${offset}`;
  return (
    <nav class="pager" aria-label={view.t('pager.label')}>
      {page.offset > 0 && <a href={href(prev)}>{view.t('pager.previous')}</a>}
      <span>{view.t('pager.position', { from: Math.min(page.offset + 1, page.total), to: Math.min(next, page.total), total: page.total })}</span>
      {next < page.total && <a href={href(next)}>{view.t('pager.next')}</a>}
    </nav>
  );
}
