import { Controller, ExecutionContext, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKeyScope } from './api-key-scope.decorator';
import { Can } from './can.decorator';
import { MfaEnrolmentRoute } from './mfa-enrolment-route.decorator';
import { Public } from './public.decorator';
import { routeMarks } from './route-marks';

@Can('audit.export')
@MfaEnrolmentRoute()
@Controller('a')
class MarkedController {
  @Get('plain')
  plain(): void {}

  @Public()
  @ApiKeyScope('detections:write')
  @Can('user.disable')
  @Get('own')
  own(): void {}
}

@Can('user.disable')
@Controller('b')
class OtherController {}

function contextOf(controller: object, handler: object): ExecutionContext {
  return { getClass: () => controller, getHandler: () => handler } as unknown as ExecutionContext;
}

describe('routeMarks', () => {
  const reflector = new Reflector();

  it("reads the handler's own marks first, then its controller's", () => {
    const plain = routeMarks(
      reflector,
      contextOf(MarkedController, MarkedController.prototype.plain),
    );
    expect(plain).toEqual({
      isPublic: false,
      apiKeyScope: undefined,
      mfaEnrolmentRoute: true,
      capability: 'audit.export',
    });
    const own = routeMarks(reflector, contextOf(MarkedController, MarkedController.prototype.own));
    expect(own).toEqual({
      isPublic: true,
      apiKeyScope: 'detections:write',
      mfaEnrolmentRoute: true,
      capability: 'user.disable',
    });
  });

  it('keeps the marks per controller and handler: one handler on two controllers reads each', () => {
    const handler = MarkedController.prototype.plain;
    expect(routeMarks(reflector, contextOf(MarkedController, handler)).capability).toBe(
      'audit.export',
    );
    expect(routeMarks(reflector, contextOf(OtherController, handler)).capability).toBe(
      'user.disable',
    );
    // Asked again, each answers the same as read the first time.
    expect(routeMarks(reflector, contextOf(MarkedController, handler)).capability).toBe(
      'audit.export',
    );
  });
});
