import { BadRequestException, Injectable, Param, ParseUUIDPipe, PipeTransform } from '@nestjs/common';

/** A path parameter that must be a UUID; anything else is a 400 naming it. */
export function UuidParam(name = 'id'): ParameterDecorator {
  return Param(name, new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException(`Path parameter "${name}" must be a UUID, like 3f2a9c1b-7d4e-4b8a-9c1d-2e3f4a5b6c7d`) }));
}

/** A whole number from `min` to `max` (a Postgres integer by default); anything else is a 400 naming the parameter. */
@Injectable()
export class BoundedIntPipe implements PipeTransform<string, number> {
  constructor(
    private readonly name: string,
    private readonly min = 1,
    private readonly max = 2_147_483_647,
  ) {}

  transform(value: string): number {
    const number = /^-?\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(number) || number < this.min || number > this.max) {
      throw new BadRequestException(`Path parameter "${this.name}" must be a whole number from ${this.min} to ${this.max}`);
    }
    return number;
  }
}

export function IntParam(name: string, min?: number, max?: number): ParameterDecorator {
  return Param(name, new BoundedIntPipe(name, min, max));
}
