import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessScope, EngagementService } from '@app/identity';
import { CurrentScope } from '../auth/current-scope.decorator';
import { Can } from '../auth/can.decorator';
import { paging } from '../common/paging.dto';
import { uuidParam } from '../common/uuid-param';
import { CustomerFilterQueryDto } from '../common/customer-filter.dto';
import { AssignAccountManagerDto, CreateEngagementDto } from './dtos/create-engagement.dto';

@ApiTags('engagements')
@ApiBearerAuth()
@Controller('api/engagements')
export class EngagementsController {
  constructor(private readonly engagements: EngagementService) {}

  @Get()
  @ApiOperation({ summary: 'Engagements the caller may see (filter: customer, by id or name)' })
  list(@CurrentScope() scope: AccessScope, @Query() query: CustomerFilterQueryDto) {
    return this.engagements.list(scope, paging(query), { customer: query.customer });
  }

  @Get(':id')
  get(@CurrentScope() scope: AccessScope, @Param('id', uuidParam('id')) id: string) {
    return this.engagements.view(scope, id);
  }

  @Post()
  @Can('engagement.create')
  @ApiOperation({ summary: 'Link a customer to its MDR provider' })
  create(@CurrentScope() scope: AccessScope, @Body() body: CreateEngagementDto) {
    return this.engagements.create(scope, body);
  }

  @Post(':id/account-managers')
  @ApiOperation({ summary: 'Assign an account manager of the provider to the engagement' })
  assign(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: AssignAccountManagerDto,
  ) {
    return this.engagements.assignAccountManager(scope, id, body.userId);
  }
}
