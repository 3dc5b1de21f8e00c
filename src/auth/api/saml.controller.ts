import { Controller, Get, Next, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import passport from 'passport';
import type { Profile } from '@node-saml/node-saml';
import { Ctx, Public, RequestContext } from '../../platform/context';
import { SAML_STRATEGY, SamlService, refusalReason, safeReturnPath } from '../application/saml.service';
import { SESSION_COOKIE, SessionData, SessionService } from '../application/session.service';
import { AuthEvents } from '../application/auth-events';
import { SamlRefusal } from '../auth.errors';
import { loggedOutPage, noAccessPage, refusedPage } from './auth-pages';
import { SkipCsrf } from './csrf.guard';

type SessionRequest = Request & { session?: SessionData; sessionId?: string };

const TENANT = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** SAML 2.0 service provider endpoints, one set per tenant (its identity provider). */
@ApiExcludeController()
@Public()
@Controller('auth/:tenant/saml')
export class SamlController {
  constructor(
    private readonly saml: SamlService,
    private readonly sessions: SessionService,
    private readonly events: AuthEvents,
  ) {
    passport.use(SAML_STRATEGY, saml.strategy as unknown as passport.Strategy);
  }

  /** Sends the browser to the region's identity provider with a fresh AuthnRequest. */
  @Get('login')
  async login(@Param('tenant') tenant: string, @Req() req: Request, @Res() res: Response, @Next() next: NextFunction): Promise<void> {
    await this.saml.identityProvider(this.tenant(tenant));
    const returnTo = safeReturnPath(typeof req.query.returnTo === 'string' ? req.query.returnTo : undefined);
    // passport-saml takes RelayState from the query; Express 5's query is a getter, so redefine it.
    Object.defineProperty(req, 'query', { value: { RelayState: returnTo }, configurable: true });
    passport.authenticate(SAML_STRATEGY, { session: false })(req, res, next);
  }

  @Get('metadata')
  async metadata(@Param('tenant') tenant: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.saml.identityProvider(this.tenant(tenant));
    const cert = this.saml.spCertificate();
    const xml = await new Promise<string>((resolve, reject) =>
      this.saml.strategy.generateServiceProviderMetadata(req as never, cert, cert, (err, metadata) => (err ? reject(err) : resolve(metadata!))),
    );
    res.type('application/samlmetadata+xml').send(xml);
  }

  /** Assertion consumer service: the IdP's POST. Every refusal is audited and shown plainly. */
  @SkipCsrf()
  @Post('acs')
  async acs(@Ctx() ctx: RequestContext, @Param('tenant') tenant: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const tenantId = this.tenant(tenant);
    const body = (req.body ?? {}) as Record<string, string>;
    try {
      if (typeof body.SAMLResponse !== 'string' || body.SAMLResponse.length > 2_000_000) throw new SamlRefusal('no SAML response');
      const raw = Buffer.from(body.SAMLResponse, 'base64').toString('utf8');
      await this.saml.identityProvider(tenantId);
      const profile = await this.validate(req, res);
      const outcome = await this.saml.completeLogin(ctx, tenantId, raw, profile, body.RelayState);
      if (outcome.kind === 'no-access') {
        res.status(403).type('html').send(noAccessPage(outcome.displayName));
        return;
      }
      res.cookie(SESSION_COOKIE, outcome.sid, this.sessions.cookieOptions());
      res.redirect(303, outcome.relayState);
    } catch (err) {
      const reason = err instanceof SamlRefusal ? err.reason : err instanceof Error && !('kind' in err) ? refusalReason(err) : null;
      if (reason === null) throw err;
      await this.events.record(ctx, { action: 'login-refused', tenantId, outcome: 'refused', reason });
      res.status(401).type('html').send(refusedPage(reason));
    }
  }

  /**
   * GET without parameters: SP-initiated logout (to the IdP when it has single logout).
   * With SAMLRequest/SAMLResponse (Redirect binding), or POSTed: the IdP's side of single logout.
   */
  @Get('logout')
  async logout(@Ctx() ctx: RequestContext, @Param('tenant') tenant: string, @Req() req: SessionRequest, @Res() res: Response, @Next() next: NextFunction): Promise<void> {
    const tenantId = this.tenant(tenant);
    if (req.query.SAMLRequest || req.query.SAMLResponse) return this.idpSide(ctx, tenantId, req, res, next);
    const session = req.session;
    await this.sessions.destroy(req.sessionId);
    res.clearCookie(SESSION_COOKIE, this.sessions.cookieOptions());
    if (session) await this.events.record(ctx, { action: 'logout', tenantId, outcome: 'success', userId: session.userId });
    const idp = await this.saml.identityProvider(tenantId).catch(() => null);
    if (session?.saml && idp?.sloUrl && session.tenantId === tenantId) {
      const user = { nameID: session.saml.nameID, nameIDFormat: session.saml.nameIDFormat, sessionIndex: session.saml.sessionIndex, issuer: session.saml.issuer };
      const url = await new Promise<string | null | undefined>((resolve, reject) =>
        this.saml.strategy.logout(Object.assign(req, { user }) as never, (err, u) => (err ? reject(err) : resolve(u))),
      );
      if (url) return res.redirect(302, url);
    }
    res.type('html').send(loggedOutPage());
  }

  @SkipCsrf()
  @Post('logout')
  async logoutPost(@Ctx() ctx: RequestContext, @Param('tenant') tenant: string, @Req() req: SessionRequest, @Res() res: Response, @Next() next: NextFunction): Promise<void> {
    return this.idpSide(ctx, this.tenant(tenant), req, res, next);
  }

  /**
   * The IdP's LogoutRequest (passport-saml ends the subject's sessions through the logout verify
   * callback and redirects back with a LogoutResponse), or its LogoutResponse to our request
   * (passport-saml validates it and passes on: we then show the signed-out page).
   */
  private idpSide(ctx: RequestContext, tenantId: string, req: Request, res: Response, next: NextFunction): void {
    const done = (err?: unknown) => {
      if (err) return next(err);
      res.clearCookie(SESSION_COOKIE, this.sessions.cookieOptions());
      res.type('html').send(loggedOutPage());
    };
    passport.authenticate(SAML_STRATEGY, { session: false }, (err: Error | null, profile?: Profile) => {
      if (err) {
        void this.events.record(ctx, { action: 'logout', tenantId, outcome: 'refused', reason: refusalReason(err) }).finally(() => res.status(400).type('html').send(refusedPage(refusalReason(err))));
        return;
      }
      void this.events.record(ctx, { action: 'logout', tenantId, outcome: 'success', details: { initiatedBy: 'idp', subject: Boolean(profile) } });
      done();
    })(req, res, done);
  }

  private validate(req: Request, res: Response): Promise<Profile> {
    return new Promise((resolve, reject) => {
      passport.authenticate(SAML_STRATEGY, { session: false }, (err: Error | null, profile?: Profile | false, info?: { message?: string }) => {
        if (err) return reject(err);
        if (!profile) return reject(new SamlRefusal(info?.message ?? 'no profile in the SAML response'));
        resolve(profile);
      })(req, res, () => reject(new SamlRefusal('no SAML response')));
    });
  }

  private tenant(tenant: string): string {
    if (!TENANT.test(tenant)) throw new SamlRefusal('unknown region');
    return tenant;
  }
}
