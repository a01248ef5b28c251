/** The controls a person types into first; a dialog or form opens on the first of these. */
const FIELD_SELECTOR = [
  "[data-autofocus]",
  "input:not([type=hidden]):not([disabled])",
  "select:not([disabled])",
  "textarea:not([disabled])",
].join(", ");

const TABBABLE_SELECTOR = "button:not([disabled]), a[href], input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/** The first field inside `root` (an explicit `data-autofocus` wins), else its first tabbable control. */
export function firstFocusTarget(root: ParentNode): HTMLElement | null {
  return root.querySelector<HTMLElement>("[data-autofocus]") ?? root.querySelector<HTMLElement>(FIELD_SELECTOR) ?? root.querySelector<HTMLElement>(TABBABLE_SELECTOR);
}

let lastFocusOutsideMenus: HTMLElement | null = null;
let isTracking = false;

/** Remembers the last focused control outside any dropdown menu (a menu's own button included). */
export function trackFocusOutsideMenus(): void {
  if (isTracking) return;
  isTracking = true;
  document.addEventListener("focusin", (event) => {
    if (event.target instanceof HTMLElement && !event.target.closest("[role=menu]")) lastFocusOutsideMenus = event.target;
  });
}

/**
 * Where focus goes back to once a dialog opened with `opener` focused closes. A dialog opened from a
 * dropdown menu's item finds the item gone (focus on the body), so the menu's button stands in.
 */
export function returnTargetFor(opener: Element | null): HTMLElement | null {
  if (opener instanceof HTMLElement && opener !== document.body && !opener.closest("[role=menu]")) return opener;
  return lastFocusOutsideMenus?.isConnected ? lastFocusOutsideMenus : null;
}

/**
 * Focuses the element `selector` names as soon as it is rendered (a row that appears once its
 * list reloads). Gives up when the person moves on first (a key or a click), so it never steals focus.
 */
export function focusWhenRendered(selector: string): () => void {
  const tryFocus = () => {
    const element = document.querySelector<HTMLElement>(selector);
    if (!element) return false;
    element.focus();
    return true;
  };
  if (tryFocus()) return () => {};
  const observer = new MutationObserver(() => {
    if (tryFocus()) stop();
  });
  const stop = () => {
    observer.disconnect();
    document.removeEventListener("keydown", stop, true);
    document.removeEventListener("pointerdown", stop, true);
  };
  observer.observe(document.body, { childList: true, subtree: true });
  document.addEventListener("keydown", stop, true);
  document.addEventListener("pointerdown", stop, true);
  return stop;
}
