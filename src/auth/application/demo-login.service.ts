import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { authConfig } from '../../platform/config/settings';
import { RequestContext } from '../../platform/context';
import { DEMO_USERS, TenancyFacade, UserView } from '../../tenancy/tenancy.facade';
import { demoDisabled, invalidToken } from '../auth.errors';
import { AuthEvents } from './auth-events';
import { SessionService } from './session.service';

/** Only when DEMO_MODE is on (start-up refuses it in production): log in as a seeded user. */
@Injectable()
export class DemoLoginService {
  constructor(
    private readonly tenancy: TenancyFacade,
    private readonly sessions: SessionService,
    private readonly events: AuthEvents,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  get enabled(): boolean {
    return this.config.demoMode;
  }

  async users(): Promise<UserView[]> {
    if (!this.enabled) throw demoDisabled();
    return this.tenancy.listAllUsersForDemo();
  }

  /** Opens the same kind of session a SAML login does. */
  /** `careUnit` (an HSA-id) picks the unit to act in, as choosing an assignment at login; default the demo user's own. */
  async login(ctx: RequestContext, tenant: string | null, externalId: string, careUnit?: string): Promise<{ sid: string; user: UserView }> {
    if (!this.enabled) throw demoDisabled();
    const tenantId = tenant ? tenant : null;
    const account = await this.tenancy.findUserByExternalId(tenantId, externalId);
    if (!account || account.disabled) throw invalidToken();
    const own = DEMO_USERS.find((u) => u.tenantId === tenantId && u.externalId === externalId)?.careUnit;
    const chosen = careUnit?.trim();
    const unit = chosen ? { hsaId: chosen, name: own?.hsaId === chosen ? own.name : null } : own ? { hsaId: own.hsaId, name: own.name } : undefined;
    const { sid } = await this.sessions.create({ userId: account.id, tenantId, via: 'demo', careUnit: unit });
    await this.events.record(ctx, { action: 'login', tenantId, outcome: 'success', userId: account.id, details: { via: 'demo' } });
    const user = (await this.tenancy.listAllUsersForDemo()).find((u) => u.id === account.id)!;
    return { sid, user };
  }
}
