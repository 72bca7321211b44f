import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessScope } from '@app/identity';
import { ExistingProduct, PlanView, SecurityProductsService } from '@app/rollout';
import { CurrentScope } from '../../auth/current-scope.decorator';
import { uuidParam } from '../../common/uuid-param';
import { ProductPlanDto } from './dtos/product-plan.dto';

/** The security products found in the inventory and the coexistence or removal plan for each. */
@ApiTags('inventory')
@ApiBearerAuth()
@Controller('api/engagements/:id/security-products')
export class SecurityProductsController {
  constructor(private readonly products: SecurityProductsService) {}

  @Get()
  @ApiOperation({
    summary: 'Products found in the inventory (with endpoint counts) and their plans',
  })
  list(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
  ): Promise<ExistingProduct[]> {
    return this.products.list(scope, id);
  }

  @Put('plan')
  @ApiOperation({
    summary:
      'Create or replace the plan for one product: coexist, or remove at a phase; whether it quarantines',
  })
  plan(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: ProductPlanDto,
  ): Promise<PlanView> {
    return this.products.setPlan(scope, id, body);
  }
}
