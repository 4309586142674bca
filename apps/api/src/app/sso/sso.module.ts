import { Module } from '@nestjs/common';

import { OidcClientService } from './oidc-client.service';
import { SsoConfigModule } from './sso-config.module';
import { SsoController } from './sso.controller';

/**
 * Sign-in through an OpenID Connect provider (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET). The session itself
 * is started by the SSO_SESSION_STARTER that the identity module provides.
 */
@Module({
  imports: [SsoConfigModule],
  controllers: [SsoController],
  providers: [OidcClientService],
})
export class SsoModule {}
