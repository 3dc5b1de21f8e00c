import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { Ctx, Public, RequestContext } from '../../platform/context';
import { DemoLoginService } from '../application/demo-login.service';
import { SESSION_COOKIE, SessionService } from '../application/session.service';
import { DemoLoginDto } from './auth.dto';
import { demoLoginPage } from './auth-pages';
import { CSRF_COOKIE } from './csrf.guard';

const grantLabel = (g: { role: string; informationTypeId: string | null; tier: string | null }) =>
  [g.role, g.informationTypeId, g.tier].filter(Boolean).join('/');

/** Demo login: exists only in demo mode (404 otherwise). */
@ApiTags('auth')
@Public()
@Controller('auth/demo')
export class DemoLoginController {
  constructor(
    private readonly demo: DemoLoginService,
    private readonly sessions: SessionService,
  ) {}

  /** A page to pick a seeded user. */
  @Get()
  async page(@Res() res: Response): Promise<void> {
    const users = await this.demo.users();
    const csrf = randomBytes(24).toString('base64url');
    res.cookie(CSRF_COOKIE, csrf, { ...this.sessions.cookieOptions(), sameSite: 'strict' });
    res.type('html').send(demoLoginPage(users.map((u) => ({ tenantId: u.tenantId, externalId: u.externalId, displayName: u.displayName, grants: u.grants.map(grantLabel) })), csrf));
  }

  /** Seeded users with their tenant, user id and grants. */
  @Get('users')
  async users() {
    return (await this.demo.users()).map((u) => ({ tenant: u.tenantId, user: u.externalId, name: u.displayName, grants: u.grants }));
  }

  /** `{"tenant": "<id>", "user": "<id>"}`: sets the same session cookie as a SAML login. */
  @Post('login')
  async login(@Ctx() ctx: RequestContext, @Body() dto: DemoLoginDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { sid, user } = await this.demo.login(ctx, dto.tenant || null, dto.user, dto.careUnit);
    res.cookie(SESSION_COOKIE, sid, this.sessions.cookieOptions());
    if (req.is('application/x-www-form-urlencoded')) {
      res.redirect(303, '/');
      return;
    }
    res.json({ tenant: user.tenantId, user: user.externalId, name: user.displayName, grants: user.grants });
  }
}
