import type { Provider } from '@nestjs/common';
import type { SignInOptionsView } from '@sluice/contracts';

/** How the sign-in page offers single sign-on, or null when it is not configured; the SSO module provides it. */
export const OIDC_SIGN_IN_OPTION = Symbol('OidcSignInOption');

export type OidcSignInOption = SignInOptionsView['oidc'];

/** Without single sign-on configured, the sign-in page offers passwords (and links) only. */
export const noOidcSignInOption: Provider = { provide: OIDC_SIGN_IN_OPTION, useValue: null };
