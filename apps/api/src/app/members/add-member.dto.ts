import { ApiProperty } from '@nestjs/swagger';
import { WORKSPACE_ROLES, type WorkspaceRole } from '@sluice/contracts';
import { IsEmail, IsIn, IsString, MaxLength } from 'class-validator';

export class AddMemberDto {
  @ApiProperty({ example: 'alex@example.com' })
  @IsString()
  @MaxLength(320)
  @IsEmail({ require_tld: false }, { message: 'email must be an email address' })
  email!: string;

  @ApiProperty({ enum: WORKSPACE_ROLES })
  @IsIn(WORKSPACE_ROLES, { message: `role must be one of ${WORKSPACE_ROLES.join(', ')}` })
  role!: WorkspaceRole;
}
