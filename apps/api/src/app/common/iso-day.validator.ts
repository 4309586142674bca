import { isISO8601, ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A day written YYYY-MM-DD that is on the calendar: 2026-13-45 and 2026-02-30 are refused, each with its reason. */
export function IsIsoDay(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoDay',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && DAY.test(value) && isISO8601(value, { strict: true }),
        defaultMessage: ({ property, value }: ValidationArguments) =>
          typeof value === 'string' && DAY.test(value) ? `${property} is not a calendar date: ${value}` : `${property} must be a date written YYYY-MM-DD`,
      },
    },
    options,
  );
}
