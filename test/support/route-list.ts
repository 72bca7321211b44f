import { INestApplication, RequestMethod } from '@nestjs/common';
import { PATH_METADATA, METHOD_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import { IS_PUBLIC } from '@app/platform';
import { API_KEY_SCOPE } from '../../apps/api/src/auth/api-key-scope.decorator';

export interface RouteInfo {
  method: string;
  /** Express-style, e.g. /api/engagements/:id */
  path: string;
  /** Taken without a bearer token (the portal's pages, sign-in, webhooks). */
  isPublic: boolean;
  /** The scope an API key needs here (`@ApiKeyScope`); undefined: no key may use it. */
  apiKeyScope?: string;
  /** The OpenAPI operation id @nestjs/swagger gives it: Controller_method. */
  operationId: string;
  /** It takes @Body(), or the raw request (uploads, signed webhooks, raw mail). */
  readsBody: boolean;
}

function join(...parts: string[]): string {
  const path = parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
  return `/${path}`;
}

/** Every route the app's controllers declare, read from Nest's own metadata. */
export function listRoutes(app: INestApplication): RouteInfo[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const routes: RouteInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const base = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (path === undefined || method === undefined) continue;
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, metatype, name) ?? {}) as Record<
        string,
        unknown
      >;
      const kinds = Object.keys(args).map((key) => Number(key.split(':')[0]));
      const readsBody = kinds.some(
        (k) =>
          k === RouteParamtypes.BODY ||
          k === RouteParamtypes.REQUEST ||
          k === RouteParamtypes.RAW_BODY,
      );
      for (const p of Array.isArray(path) ? path : [path]) {
        routes.push({
          method: RequestMethod[method],
          path: join(base, p),
          operationId: `${metatype.name}_${name}`,
          readsBody,
          isPublic: Boolean(
            Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, metatype),
          ),
          apiKeyScope: Reflect.getMetadata(API_KEY_SCOPE, handler) as string | undefined,
        });
      }
    }
  }
  return routes;
}
