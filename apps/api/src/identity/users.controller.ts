import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessScope, UserAccessService, UserService } from '@app/identity';
import { CurrentScope } from '../auth/current-scope.decorator';
import { Can } from '../auth/can.decorator';
import { uuidParam } from '../common/uuid-param';
import { CreateUserDto } from './dtos/create-user.dto';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(
    private readonly users: UserService,
    private readonly access: UserAccessService,
  ) {}

  @Post()
  @Can('user.invite')
  @ApiOperation({
    summary:
      "Invite a user with one role: they set their own password through the link in the welcome mail (in their language). A customer's users are added by its own security lead (a provider lead invites only a customer's first security lead, at an address in the customer's domains); the customer's security leads are told of every user added.",
  })
  create(@CurrentScope() scope: AccessScope, @Body() body: CreateUserDto) {
    return this.users.create(scope, body);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Disable a user of your organisation (platform admin: anyone): every session and token of theirs ends at once',
  })
  disable(@CurrentScope() scope: AccessScope, @Param('id', uuidParam('id')) id: string) {
    return this.access.disable(scope, id);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Enable a disabled user again (they sign in anew; ended sessions stay ended)',
  })
  enable(@CurrentScope() scope: AccessScope, @Param('id', uuidParam('id')) id: string) {
    return this.access.enable(scope, id);
  }
}
