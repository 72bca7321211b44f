import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessScope, UserService } from '@app/identity';
import { CurrentScope } from '../auth/current-scope.decorator';
import { Roles } from '../auth/roles.decorator';
import { CreateUserDto } from './dtos/create-user.dto';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UserService) {}

  @Post()
  @Roles('platform_admin', 'provider_lead')
  @ApiOperation({ summary: 'Create a user with one role; a welcome email is sent in their language' })
  create(@CurrentScope() scope: AccessScope, @Body() body: CreateUserDto): Promise<object> {
    return this.users.create(scope, body);
  }
}
