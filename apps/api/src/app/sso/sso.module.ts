import { Module } from '@nestjs/common';

import { SessionModule } from '../session/session.module';
import { OidcClientService } from './oidc-client.service';
import { SsoConfigModule } from './sso-config.module';
import { SsoController } from './sso.controller';

/**
 * Sign-in through an OpenID Connect provider (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET). The session itself
 * is started by the SSO_SESSION_STARTER of the session module.
 */
@Module({
  imports: [SsoConfigModule, SessionModule],
  controllers: [SsoController],
  providers: [OidcClientService],
})
export class SsoModule {}
