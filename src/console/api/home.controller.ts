import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { join } from 'node:path';
import { Ctx, Public, RequestContext } from '../../platform/context';
import { packageRoot } from '../../platform/paths';
import { TenancyFacade } from '../../tenancy/tenancy.facade';
import { PageService } from '../application/page.service';
import { HomePage, LoginPage } from '../views/home.page';
import { ConsoleExceptionFilter } from './console-exception.filter';

/** The console's own static files: a stylesheet and a small script (no CDN, no build step). */
const ASSETS: Record<string, string> = { 'console.css': 'text/css', 'console.js': 'text/javascript' };
const ASSET_DIR = join(packageRoot(), 'src/console/assets');

/** Only local paths may be a return target (no open redirect). */
export function safeLocalPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) ? value : '/';
}

@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller()
export class HomeController {
  constructor(
    private readonly pages: PageService,
    private readonly tenancy: TenancyFacade,
  ) {}

  /** Signed in: what this person may do. Not signed in: choose a region. */
  @Public()
  @Get()
  async home(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!ctx.principal) return res.redirect(303, '/login');
    const view = await this.pages.view(ctx, req, res);
    this.pages.send(res, HomePage({ view, grants: [...ctx.principal.grants] }));
  }

  @Public()
  @Get('login')
  async login(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const returnTo = safeLocalPath(req.query.returnTo);
    if (ctx.principal) return res.redirect(303, returnTo);
    const view = await this.pages.view(ctx, req, res);
    this.pages.send(res, LoginPage({ view, regions: await this.tenancy.regionsForLogin(), returnTo }));
  }

  @Public()
  @SkipThrottle()
  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() res: Response): void {
    const type = ASSETS[name];
    if (!type) return void res.status(404).end();
    res.type(type).setHeader('cache-control', 'public, max-age=3600');
    res.sendFile(join(ASSET_DIR, name));
  }
}
