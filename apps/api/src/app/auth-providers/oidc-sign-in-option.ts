import type { SignInOptionsView } from '@sluice/contracts';

/** How the sign-in page offers single sign-on, or null when it is not configured. */
export const OIDC_SIGN_IN_OPTION = Symbol('OidcSignInOption');

export type OidcSignInOption = SignInOptionsView['oidc'];
