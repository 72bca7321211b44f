import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '@app/platform';
import { discoverPartials } from './rendering/discover-partials';
import { resolvePortalPaths } from './rendering/portal-paths';
import { createPortalHandlebars } from './rendering/portal-handlebars';

/**
 * The server-rendered portal: its CSS and icons under /static/, and Handlebars pages (one
 * layout, partials, pages) rendered through reply.viewAsync by the portal's controllers.
 */
export async function configurePortal(
  app: NestFastifyApplication,
  config: AppConfig,
): Promise<void> {
  const paths = resolvePortalPaths();
  await app.register(fastifyStatic, {
    root: paths.public,
    prefix: '/static/',
    // The portal's controllers never send files; keep reply free of sendFile/download.
    decorateReply: false,
    index: false,
  });
  // @fastify/view otherwise adds an onRequest hook giving every request (every API call too) a
  // fresh `reply.locals` object; the portal passes each page's data explicitly and never uses it.
  app.getHttpAdapter().getInstance().decorateReply('locals', null);
  await app.register(fastifyView, {
    engine: { handlebars: createPortalHandlebars() },
    root: paths.views,
    layout: 'layouts/main.hbs',
    // Compiled once, unless a developer asked for edits to show without a restart.
    production: !config.reloadTemplates,
    options: { partials: discoverPartials(paths.views) },
  });
}
