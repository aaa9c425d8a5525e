import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ACCOUNT_PAGES_SCRIPT } from './account-pages.script';
import { ACCOUNT_PAGES_SCRIPT_PATH, confirmEmailPage, resetPasswordPage } from './account-pages.html';

/** Paths outside the /api prefix: where the links in mails point. */
export const ACCOUNT_PAGE_PATHS = ['confirm-email', 'reset-password', ACCOUNT_PAGES_SCRIPT_PATH.slice(1)];

/**
 * The pages the links in mails open, until the web app serves its own: a form each, posting to
 * the API. Not part of the API contract. Not stored by caches: their URL carries a token.
 */
@ApiExcludeController()
@Controller()
export class AccountPagesController {
  @Get('confirm-email')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  confirmEmail(@Query('token') token: unknown): string {
    return confirmEmailPage(typeof token === 'string' ? token : '');
  }

  @Get('reset-password')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  resetPassword(@Query('token') token: unknown): string {
    return resetPasswordPage(typeof token === 'string' ? token : '');
  }

  @Get(ACCOUNT_PAGES_SCRIPT_PATH.slice(1))
  @Header('content-type', 'text/javascript; charset=utf-8')
  script(): string {
    return ACCOUNT_PAGES_SCRIPT;
  }
}
