import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Ctx, Public, RequestContext } from '../../platform/context';
import { AuthEvents } from '../application/auth-events';
import { SESSION_COOKIE, SessionData, SessionService } from '../application/session.service';
import { SessionDto } from './auth.dto';

type SessionRequest = Request & { session?: SessionData; sessionId?: string };

@ApiTags('auth')
@Controller('auth')
export class SessionController {
  constructor(
    private readonly sessions: SessionService,
    private readonly events: AuthEvents,
  ) {}

  /** The current session and its CSRF token (send it as `x-csrf-token` or `_csrf`). */
  @Public()
  @Get('session')
  session(@Req() req: SessionRequest): SessionDto {
    return req.session ? { authenticated: true, csrfToken: req.session.csrf } : { authenticated: false };
  }

  /** Ends the local session (SAML users: `/auth/<tenant>/saml/logout` also ends the IdP session). */
  @HttpCode(204)
  @Post('logout')
  async logout(@Ctx() ctx: RequestContext, @Req() req: SessionRequest, @Res() res: Response): Promise<void> {
    await this.sessions.destroy(req.sessionId);
    res.clearCookie(SESSION_COOKIE, this.sessions.cookieOptions());
    await this.events.record(ctx, { action: 'logout', tenantId: ctx.tenantId, outcome: 'success', userId: ctx.principal?.id });
    // The console's logout button is a form: send the browser back to the login page.
    if (req.is('application/x-www-form-urlencoded')) res.redirect(303, '/login?done=done.loggedOut');
    else res.status(204).end();
  }
}
