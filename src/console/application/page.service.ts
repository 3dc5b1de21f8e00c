import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Request, Response } from 'express';
import type { VNode } from 'preact';
import { appConfig } from '../../platform/config/settings';
import { RequestContext } from '../../platform/context';
import { SearchFacade } from '../../search/search.facade';
import { TenancyFacade } from '../../tenancy/tenancy.facade';
import { formatDateTime, isNoticeKey, resolveLocale, translator } from '../i18n/i18n';
import type { PageView } from '../views/page-view';
import { renderPage } from '../views/render';
import { sectionsFor } from './navigation';

/** What the console reads from the auth module's session (set on the request by its resolver). */
type SessionRequest = Request & { session?: { csrf: string; via: 'saml' | 'demo' } };

/** Builds the per-request view (language, region, navigation, CSRF token) and sends pages. */
@Injectable()
export class PageService {
  constructor(
    private readonly tenancy: TenancyFacade,
    private readonly search: SearchFacade,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  async view(ctx: RequestContext, req: Request, res: Response): Promise<PageView> {
    const locale = resolveLocale(req, res);
    const session = (req as SessionRequest).session;
    const p = ctx.principal;
    const tenantId = p?.tenantId ?? null;
    const region = p ? (tenantId ? (await this.tenancy.getTenant(ctx, tenantId)).name : translator(locale)('layout.central')) : null;
    const done = req.query?.done;
    const types = new Map(this.tenancy.informationTypes().map((d) => [d.id, d.labels[locale]]));
    return {
      locale,
      t: translator(locale),
      path: req.path,
      user: p ? { name: p.displayName ?? p.id, tenantId } : null,
      region,
      csrf: session?.csrf ?? null,
      logout: !session ? null : session.via === 'saml' && tenantId ? { method: 'get', action: `/auth/${tenantId}/saml/logout` } : { method: 'post', action: '/auth/logout' },
      nav: sectionsFor(ctx, tenantId ? this.search.informationTypes(ctx) : []),
      notice: isNoticeKey(done) ? done : null,
      demoMode: this.app.demoMode,
      typeLabel: (id) => (id ? (types.get(id) ?? id) : '–'),
      dateTime: (iso) => formatDateTime(iso, locale),
    };
  }

  send(res: Response, page: VNode, status = 200): void {
    // Pages show personal data of staff (and log reviewers see patient ids): never cache them.
    res.status(status).setHeader('cache-control', 'no-store').type('html').send(renderPage(page));
  }
}
