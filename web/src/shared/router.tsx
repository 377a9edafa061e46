import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * The staff pages' addresses: the path is the state of the page, kept in the browser's history (History API), so
 * Back, Forward, reload, bookmarks and open-in-new-tab all work. Hand-written because the pages need only paths
 * with `:name` parameters and one small piece of per-entry state (where an enquiry was opened from); a routing
 * library would add more than that.
 */

/** Said to every listener when this page changes its own address (pushState fires no event of its own). */
const NAVIGATED = 'signpost:navigated';

/** What a history entry carries besides its address: never personal data, since browsers may keep it on disk. */
export type NavigationState = { from?: string } | null;

export interface Location {
  path: string;
  state: NavigationState;
}

const here = (): Location => ({ path: normalise(location.pathname), state: (history.state as NavigationState) ?? null });

/** One spelling per address: no trailing slash (but the root), so `/console/` and `/console` are the same page. */
export function normalise(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.replace(/\/+$/, '') || '/' : path;
}

/** Goes to an address inside the page: a new history entry, or in place of the current one with `replace`. */
export function navigate(path: string, options: { replace?: boolean; state?: NavigationState } = {}): void {
  const state = options.state ?? null;
  if (options.replace) history.replaceState(state, '', path);
  else if (normalise(path) !== normalise(location.pathname) || JSON.stringify(state) !== JSON.stringify(history.state ?? null))
    history.pushState(state, '', path);
  window.dispatchEvent(new Event(NAVIGATED));
  // A new view starts at the top, as a new page would.
  if (!options.replace) window.scrollTo(0, 0);
}

/** The current address, re-rendering on Back, Forward and every `navigate`. */
export function useLocation(): Location {
  const [current, setCurrent] = useState(here);
  useEffect(() => {
    const changed = () => setCurrent(here());
    window.addEventListener('popstate', changed);
    window.addEventListener(NAVIGATED, changed);
    return () => {
      window.removeEventListener('popstate', changed);
      window.removeEventListener(NAVIGATED, changed);
    };
  }, []);
  return current;
}

/**
 * The parameters of `path` if it fits `pattern` (`/console/enquiries/:id`), else undefined. A parameter is one
 * whole segment, decoded; an empty or undecodable one does not fit.
 */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const wanted = pattern.split('/');
  const given = normalise(path).split('/');
  if (wanted.length !== given.length) return undefined;
  const params: Record<string, string> = {};
  for (let index = 0; index < wanted.length; index++) {
    const part = wanted[index];
    if (part.startsWith(':')) {
      if (!given[index]) return undefined;
      try {
        params[part.slice(1)] = decodeURIComponent(given[index]);
      } catch {
        return undefined;
      }
    } else if (part !== given[index]) return undefined;
  }
  return params;
}

/** A click the browser should handle itself: a new tab or window, a download, another button. */
const browserHandles = (event: MouseEvent) =>
  event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;

interface LinkProps {
  href: string;
  state?: NavigationState;
  children: ComponentChildren;
  /** Runs just before a plain click changes the view. */
  onFollow?: () => void;
  id?: string;
  class?: string;
  'aria-current'?: 'page';
}

/**
 * A real link (so it can be opened in a new tab, bookmarked or copied) that, clicked plainly, changes the view
 * without reloading the page.
 */
export function Link({ href, state, children, onFollow, ...rest }: LinkProps) {
  return (
    <a
      {...rest}
      href={href}
      onClick={(event) => {
        if (browserHandles(event)) return;
        event.preventDefault();
        onFollow?.();
        navigate(href, { state });
      }}
    >
      {children}
    </a>
  );
}
