import { Module } from '@nestjs/common';

import { OIDC_CONFIG, oidcConfigFromEnv } from './oidc-config';
import { SsoConfig } from './sso-config';

/** The single sign-on settings alone, so the sign-in options can show the button without depending on the SSO routes. */
@Module({
  providers: [{ provide: OIDC_CONFIG, useFactory: () => oidcConfigFromEnv() }, SsoConfig],
  exports: [OIDC_CONFIG, SsoConfig],
})
export class SsoConfigModule {}
