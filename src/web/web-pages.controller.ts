import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../common/auth/access.decorators.js';
import { DomainError } from '../common/errors/domain-error.js';
import { EMBED_SCRIPT } from './embed-script.js';

/** Where Vite wrote the pages (dist/web, beside dist/src). */
export const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * The pages people use, on the service's own origin: the citizen's webchat per organisation, the advisor
 * console and the service portal (both sign in through the API). Each is a static
 * page whose script talks to the API and the sockets; the Content-Security-Policy allows scripts and styles
 * from this origin only, so nothing anyone types can run in another person's browser.
 */
@ApiExcludeController()
@Controller()
export class WebPagesController {
  private readonly pages = new Map<string, Promise<string>>();

  @Get('chat/:organisation')
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-cache')
  chat(@Param('organisation') organisation: string): Promise<string> {
    if (!SLUG.test(organisation) || organisation.length > 100) throw new DomainError(404, 'NOT_FOUND', 'Page not found');
    return this.page('chat.html');
  }

  // Every address of the console (/console/inbox, /console/enquiries/:id, …) is the same page: its script reads the
  // address and shows the view, so a reload, a bookmark or a link opened in a new tab lands where it points.
  @Get(['console', 'console/*'])
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-cache')
  console(): Promise<string> {
    return this.page('console.html');
  }

  // Likewise the portal's (/portal/referrals/:id).
  @Get(['portal', 'portal/*'])
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-cache')
  portal(): Promise<string> {
    return this.page('portal.html');
  }

  /** The council's own site includes this to offer webchat (see embed-script.ts). */
  @Get('embed.js')
  @Public()
  @Header('content-type', 'application/javascript; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  @Header('cross-origin-resource-policy', 'cross-origin')
  embed(): string {
    return EMBED_SCRIPT;
  }

  private page(file: string): Promise<string> {
    let page = this.pages.get(file);
    if (!page) {
      page = readFile(path.join(WEB_ROOT, file), 'utf8');
      page.catch(() => this.pages.delete(file));
      this.pages.set(file, page);
    }
    return page.catch(() => {
      throw new DomainError(503, 'PAGES_NOT_BUILT', 'The web pages are not built: run npm run build');
    });
  }
}
