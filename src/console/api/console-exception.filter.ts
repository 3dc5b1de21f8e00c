import { ArgumentsHost, Catch, ExceptionFilter, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { correlationIdOf, RequestContext } from '../../platform/context';
import type { ContextualRequest } from '../../platform/context/request-context.middleware';
import { GlobalExceptionFilter } from '../../platform/errors/global-exception.filter';
import { PageService } from '../application/page.service';
import { ErrorPage } from '../views/error.page';

/**
 * Console routes answer errors with a page, not JSON: a missing session sends a GET to the login
 * page (and back afterwards); everything else gets the status, a plain explanation in the person's
 * language and the correlation id. Status codes are the REST API's (one mapping, platform/errors).
 */
@Catch()
@Injectable()
export class ConsoleExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('console');
  private readonly mapping = new GlobalExceptionFilter();

  constructor(private readonly pages: PageService) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const req = host.switchToHttp().getRequest<ContextualRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    const correlationId = correlationIdOf(req);
    const { status, body } = this.mapping.toResponse(exception, correlationId);
    if (status >= 500) {
      this.logger.error({ correlationId, err: exception instanceof Error ? { name: exception.name, stack: exception.stack } : String(exception) }, 'console page failed');
    }
    if (res.headersSent) return;
    if (status === 401 && req.method === 'GET') {
      res.redirect(303, `/login?returnTo=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    const ctx = req.context ?? new RequestContext(correlationId, null);
    try {
      const view = await this.pages.view(ctx, req as Request, res);
      // Unknown errors keep their detail to the log; known ones carry a safe, non-personal message.
      const message = status >= 500 && status !== 503 ? null : body.message;
      this.pages.send(res, ErrorPage({ view, status, message, correlationId, code: body.code, back: req.method === 'GET' ? null : sameOriginReferer(req as Request) }), status);
    } catch {
      res.status(status).type('text/plain').send(`${status} (${correlationId})`);
    }
  }
}

/** Where a failed form came from, so the error page can lead back to it; only paths on this site. */
function sameOriginReferer(req: Request): string | null {
  const referer = req.get('referer');
  if (!referer) return null;
  try {
    const url = new URL(referer);
    return url.host === req.get('host') ? `${url.pathname}${url.search}` : null;
  } catch {
    return null;
  }
}
