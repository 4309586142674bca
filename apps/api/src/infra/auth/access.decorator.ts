import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { AccessLevel } from '@sluice/contracts';

export const ACCESS_KEY = 'sluice:access';

/** The access decision of a route: public (no credentials) or the level it needs. Every route has one. */
export type AccessDecision = AccessLevel | 'public';

/**
 * The level a route needs (read: viewer and up, write: editor and up, admin: owner). Routes without a
 * decision are refused by the guard, so a new route cannot be open by accident.
 */
export function Access(level: AccessLevel): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_KEY, level),
    ApiBearerAuth('token'),
    ApiCookieAuth('session'),
    ApiUnauthorizedResponse({ description: 'No valid session or API token' }),
    ApiForbiddenResponse({ description: `Needs ${level} access in the workspace` }),
  );
}

/** A route anyone may call: health, sign-in, the sign-in options. */
export function Public(): MethodDecorator & ClassDecorator {
  return SetMetadata(ACCESS_KEY, 'public');
}
