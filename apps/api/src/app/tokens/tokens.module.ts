import { Module } from '@nestjs/common';

import { TokensController } from './tokens.controller';

/** API tokens for automation and the CLI. */
@Module({ controllers: [TokensController] })
export class TokensModule {}
