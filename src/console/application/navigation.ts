import { Action, RequestContext } from '../../platform/context';
import type { SearchableType } from '../../search/search.facade';
import type { MessageKey } from '../i18n/i18n';

export interface NavItem {
  path: string;
  /** A console text, or a configured name in both languages (an information type's). */
  label: MessageKey | { sv: string; en: string };
  /** When the item needs more than its section's action (e.g. proposing where the section is for reading). */
  action?: Action;
}

export interface NavSection {
  id: string;
  label: MessageKey;
  /** What the home page says this part lets the person do. */
  summary: MessageKey;
  /** The action the section's pages require (the same the REST API requires). */
  action: Action;
  items: NavItem[];
}

/**
 * The console's parts, one per kind of work. A part appears for a person only when their grants
 * allow its action (and, for the search part, when there is a type to search); an item with an
 * action of its own appears only when that is allowed too.
 */
export const NAV_SECTIONS: readonly NavSection[] = [
  {
    id: 'search',
    label: 'nav.search',
    summary: 'nav.search.summary',
    action: Action.RecordSearch,
    // One page per information type the person may search: filled per request (see sectionsFor).
    items: [],
  },
  {
    id: 'admin',
    label: 'nav.admin',
    summary: 'nav.admin.summary',
    action: Action.TenantAdminister,
    items: [
      { path: '/admin/users', label: 'nav.admin.users' },
      { path: '/admin/groups', label: 'nav.admin.groups' },
      { path: '/admin/api-clients', label: 'nav.admin.apiClients' },
      { path: '/admin/identity-provider', label: 'nav.admin.idp' },
      { path: '/admin/format-policies', label: 'nav.admin.formatPolicies' },
    ],
  },
  {
    id: 'deliveries',
    label: 'nav.deliveries',
    summary: 'nav.deliveries.summary',
    action: Action.DeliveryRead,
    items: [
      { path: '/deliveries', label: 'nav.deliveries.list' },
      { path: '/quarantine', label: 'nav.deliveries.quarantine' },
    ],
  },
  {
    id: 'transfers',
    label: 'nav.transfers',
    summary: 'nav.transfers.summary',
    action: Action.TransferRead,
    items: [
      { path: '/transfers', label: 'nav.transfers.list' },
      { path: '/propose-transfer', label: 'nav.transfers.propose', action: Action.TransferPropose },
    ],
  },
  {
    id: 'disposal',
    label: 'nav.disposal',
    summary: 'nav.disposal.summary',
    action: Action.DisposalRead,
    items: [
      { path: '/disposal-candidates', label: 'nav.disposal.candidates' },
      { path: '/disposals', label: 'nav.disposal.decisions' },
      { path: '/retention-rules', label: 'nav.disposal.rules' },
      { path: '/legal-holds', label: 'nav.disposal.holds' },
    ],
  },
  {
    id: 'requests',
    label: 'nav.requests',
    summary: 'nav.requests.summary',
    action: Action.RequestHandle,
    items: [{ path: '/requests', label: 'nav.requests.register' }],
  },
  {
    id: 'review',
    label: 'nav.review',
    summary: 'nav.review.summary',
    action: Action.AuditReview,
    items: [
      { path: '/review/patient', label: 'nav.review.patient' },
      { path: '/review/user', label: 'nav.review.user' },
      { path: '/review/flags', label: 'nav.review.flags' },
      { path: '/review/samples', label: 'nav.review.samples' },
    ],
  },
  {
    id: 'operator',
    label: 'nav.operator',
    summary: 'nav.operator.summary',
    action: Action.TenantOperate,
    items: [
      { path: '/operator/tenants', label: 'nav.operator.tenants' },
      { path: '/operator/health', label: 'nav.operator.health' },
      { path: '/operator/queues', label: 'nav.operator.queues' },
      { path: '/operator/storage', label: 'nav.operator.storage' },
      { path: '/operator/audit', label: 'nav.operator.audit' },
    ],
  },
];

/**
 * The parts this person may use, in their own region (operators: centrally). The search part lists
 * the information types the person may search (`searchable`, from the search module).
 */
export function sectionsFor(ctx: RequestContext, searchable: Array<Pick<SearchableType, 'id' | 'labels'>> = []): NavSection[] {
  if (!ctx.principal) return [];
  const tenantId = ctx.isOperator() ? undefined : (ctx.tenantId ?? undefined);
  return NAV_SECTIONS.filter((s) => ctx.can(s.action, { tenantId }))
    .map((s) => (s.id === 'search' ? { ...s, items: searchable.map((t): NavItem => ({ path: `/search/${t.id}`, label: t.labels })) } : s))
    .map((s) => ({ ...s, items: s.items.filter((i) => !i.action || ctx.can(i.action, { tenantId })) }))
    .filter((s) => s.items.length > 0);
}

/** A navigation item's text in the page's language. */
export function navItemText(item: NavItem, t: (key: MessageKey) => string, locale: 'sv' | 'en'): string {
  return typeof item.label === 'string' ? t(item.label) : item.label[locale];
}
