import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

/**
 * The few lines of routing the app needs: the History API, one listener, links that navigate
 * without a reload. A router library would bring loaders, nested layouts and a bundle cost for
 * a dozen flat pages.
 */
const NAVIGATED = 'coderscamp:navigated';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

/** The current path and query string, re-rendering on every navigation. */
export function useLocation(): Readonly<{ path: string; query: URLSearchParams }> {
  const href = useSyncExternalStore(subscribe, () => window.location.pathname + window.location.search);
  const url = new URL(href, window.location.origin);
  return { path: url.pathname, query: url.searchParams };
}

let headingAwaitsFocus = false;

export function navigate(to: string, options: Readonly<{ replace?: boolean }> = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  headingAwaitsFocus = true;
  window.dispatchEvent(new Event(NAVIGATED));
  window.scrollTo(0, 0);
}

/**
 * True once after each navigation within the app: the new page's heading takes the focus, so
 * keyboard and screen reader users start on the new page rather than on the old link. A page
 * loaded by the browser keeps the browser's own focus order.
 */
export function takeHeadingFocus(): boolean {
  const awaited = headingAwaitsFocus;
  headingAwaitsFocus = false;
  return awaited;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

export function Link({ to, onClick, ...rest }: LinkProps) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    // Let the browser open a new tab or window as asked.
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={follow} {...rest} />;
}
