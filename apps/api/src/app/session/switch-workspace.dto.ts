import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class SwitchWorkspaceDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'workspaceId must be a workspace id (a UUID)' })
  workspaceId!: string;
}
