import { Module } from '@nestjs/common';

import { AuthProvidersController } from './auth-providers.controller';
import { noOidcSignInOption } from './oidc-sign-in-option';

/** What the sign-in page offers. */
@Module({ controllers: [AuthProvidersController], providers: [noOidcSignInOption] })
export class AuthProvidersModule {}
