import { applyDecorators, Controller, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../auth/public.decorator';
import { PortalExceptionFilter } from '../errors/portal-exception.filter';

/**
 * A controller of HTML pages: public to the global guard (each page checks the session itself
 * and redirects to /login), errors rendered as pages, and kept out of the OpenAPI document.
 */
export function PortalController(): ClassDecorator {
  return applyDecorators(
    Controller(),
    Public(),
    UseFilters(PortalExceptionFilter),
    ApiExcludeController(),
  );
}
