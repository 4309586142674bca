import { Global, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { Identity } from '@sluice/identity';
import cookieParser from 'cookie-parser';

import { PresetsModule } from '../../app/presets/presets.module';
import { AccessGuard } from './access.guard';
import { FirstOwner } from './first-owner';
import { IdentityErrorsInterceptor } from './identity-errors.interceptor';
import { identityProvider } from './identity.provider';

/** Every route passes the access guard; the identity use cases for every feature; the first owner on first run. */
@Global()
@Module({
  imports: [PresetsModule],
  providers: [identityProvider, FirstOwner, { provide: APP_GUARD, useClass: AccessGuard }, { provide: APP_INTERCEPTOR, useClass: IdentityErrorsInterceptor }],
  exports: [Identity],
})
export class AuthModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // The session cookie is read from request.cookies.
    consumer.apply(cookieParser()).forRoutes('{*path}');
  }
}
