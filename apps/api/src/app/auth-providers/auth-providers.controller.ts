import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SignInOptionsView } from '@sluice/contracts';

import { Public } from '../../infra/auth/access.decorator';
import { OIDC_SIGN_IN_OPTION, type OidcSignInOption } from './oidc-sign-in-option';

@ApiTags('session')
@Controller('auth')
export class AuthProvidersController {
  constructor(@Inject(OIDC_SIGN_IN_OPTION) private readonly oidc: OidcSignInOption) {}

  @Get('providers')
  @Public()
  @ApiOperation({ summary: 'How the sign-in page may sign in: password, and single sign-on when configured' })
  providers(): SignInOptionsView {
    return { password: true, oidc: this.oidc };
  }
}
