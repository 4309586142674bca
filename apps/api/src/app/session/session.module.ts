import { Module } from '@nestjs/common';

import { SessionController } from './session.controller';
import { SessionStarter } from './session-starter';
import { IdentitySsoSessionStarter } from './identity-sso-session-starter';
import { SSO_SESSION_STARTER } from './sso-session-starter';

/** Sign-in, sign-out, switching workspaces, password change; and the session start single sign-on ends with. */
@Module({
  controllers: [SessionController],
  providers: [SessionStarter, IdentitySsoSessionStarter, { provide: SSO_SESSION_STARTER, useExisting: IdentitySsoSessionStarter }],
  exports: [SSO_SESSION_STARTER],
})
export class SessionModule {}
