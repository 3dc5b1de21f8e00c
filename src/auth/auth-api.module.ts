import { Module } from '@nestjs/common';
import { AuthModule } from './auth.module';
import { ApiClientController } from './api/api-client.controller';
import { DemoLoginController } from './api/demo-login.controller';
import { IdentityProviderController } from './api/identity-provider.controller';
import { SamlController } from './api/saml.controller';
import { SessionController } from './api/session.controller';

@Module({
  imports: [AuthModule],
  controllers: [SamlController, DemoLoginController, SessionController, ApiClientController, IdentityProviderController],
})
export class AuthApiModule {}
