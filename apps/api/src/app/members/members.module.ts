import { Module } from '@nestjs/common';

import { MembersController } from './members.controller';

/** Who belongs to the workspace, with which role. */
@Module({ controllers: [MembersController] })
export class MembersModule {}
