import type { Locale, MessageKey, Translate } from '../i18n/i18n';
import type { NavSection } from '../application/navigation';

/** Everything the layout and the pages need about the request, built once per page. */
export interface PageView {
  locale: Locale;
  t: Translate;
  /** The current path, without query: language links and aria-current use it. */
  path: string;
  user: { name: string; tenantId: string | null } | null;
  /** The region's name (or "central operations"); shown on every page. */
  region: string | null;
  /** The session's CSRF token, put into every state-changing form. */
  csrf: string | null;
  logout: { method: 'get' | 'post'; action: string } | null;
  nav: NavSection[];
  /** A confirmation after a redirect (`?done=`), from a fixed list of messages. */
  notice: MessageKey | null;
  demoMode: boolean;
  typeLabel: (informationTypeId: string | null) => string;
  dateTime: (iso: string | null | undefined) => string;
}
