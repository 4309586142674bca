import { Inject, Injectable } from '@nestjs/common';

import { OIDC_CONFIG, type OidcConfig, START_PATH } from './oidc-config';

/** Whether single sign-on is on: for the sign-in options (`GET /api/auth/providers`) and the SSO routes. */
@Injectable()
export class SsoConfig {
  constructor(@Inject(OIDC_CONFIG) readonly settings: OidcConfig | null) {}

  /** The sign-in button: its label and where it starts; null when OIDC is not configured. */
  signInOption(): { label: string; startUrl: string } | null {
    return this.settings ? { label: this.settings.label, startUrl: START_PATH } : null;
  }
}
