import { Module } from '@nestjs/common';

import { SsoConfig } from '../sso/sso-config';
import { SsoConfigModule } from '../sso/sso-config.module';
import { AuthProvidersController } from './auth-providers.controller';
import { OIDC_SIGN_IN_OPTION } from './oidc-sign-in-option';

/** What the sign-in page offers. */
@Module({
  imports: [SsoConfigModule],
  controllers: [AuthProvidersController],
  providers: [{ provide: OIDC_SIGN_IN_OPTION, useFactory: (sso: SsoConfig) => sso.signInOption(), inject: [SsoConfig] }],
})
export class AuthProvidersModule {}
