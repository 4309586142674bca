import { Injectable } from '@angular/core';

/**
 * The page to load after switching workspace: the same page, read afresh. A job, dataset or pipeline of the
 * old workspace does not exist in the new one, so its page becomes the list it came from.
 */
export function pageAfterSwitch(url: string): string {
  const path = url.split(/[?#]/)[0];
  if (/^\/jobs\/[^/]+/.test(path)) return '/';
  const detail = /^\/(datasets|pipelines)\/[^/]+/.exec(path);
  return detail ? `/${detail[1]}` : url;
}

/**
 * A full page load rather than a router navigation: every page, the job event stream (which follows the
 * session's workspace) and every cached answer start again in the new workspace, with nothing left over.
 */
@Injectable({ providedIn: 'root' })
export class PageReload {
  load(url: string): void {
    window.location.assign(url);
  }
}
