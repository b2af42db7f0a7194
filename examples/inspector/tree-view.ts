/// <reference lib="dom" />
/**
 * The decoded tree as an ARIA tree view (WAI-ARIA Authoring Practices,
 * "Tree View"): one tab stop, arrow keys to move, Right and Left to expand
 * and collapse, Home and End; selection follows focus. Each node shows its
 * name, value, RFC reference and byte range.
 * @module
 */
import type { ViewNode } from "./view-tree.js";

/** What the page can do with a rendered tree. */
export interface TreeView {
  /**
   * Selects a node: expands its ancestors, marks it, and calls `onSelect`.
   * @param n - the node (undefined clears the selection)
   * @param how - whether to move keyboard focus to it and scroll it into view
   */
  select(n: ViewNode | undefined, how?: { readonly focus?: boolean; readonly scroll?: boolean }): void;
  /** The selected node. */
  selected(): ViewNode | undefined;
  /** Expands or collapses every node. */
  setAllExpanded(open: boolean): void;
  /** Marks nodes that a diagnostic points at (a badge with the message as its title). */
  markDiagnostics(marks: ReadonlyMap<ViewNode, readonly string[]>): void;
}

function rangeText(n: ViewNode): string {
  return `@${n.offset}+${n.length}`;
}

/** `label: value, RFC, @offset+length`: what the row shows, read as one phrase. */
function accessibleName(n: ViewNode): string {
  const value = n.value !== undefined && n.value !== "" ? `: ${n.value}` : "";
  return `${n.label}${value}${n.rfc ? `, ${n.rfc}` : ""}, ${rangeText(n)}`;
}

/**
 * Renders a tree into `container`, replacing what was there.
 * @param container - an empty element
 * @param root - the tree
 * @param label - the tree's accessible name
 * @param onSelect - called with each newly selected node
 * @returns the controller
 */
export function renderTree(
  container: HTMLElement,
  root: ViewNode,
  label: string,
  onSelect: (n: ViewNode | undefined) => void,
): TreeView {
  const itemOf = new Map<ViewNode, HTMLLIElement>();
  const nodeOf = new Map<HTMLLIElement, ViewNode>();
  let current: ViewNode | undefined;

  const tree = document.createElement("ul");
  tree.setAttribute("role", "tree");
  tree.setAttribute("aria-label", label);

  const setExpanded = (li: HTMLLIElement, open: boolean): void => {
    if (!li.hasAttribute("aria-expanded")) return;
    li.setAttribute("aria-expanded", String(open));
    const group = li.querySelector(":scope > ul");
    if (group instanceof HTMLElement) group.hidden = !open;
    const twisty = li.querySelector(":scope > .row > .twisty");
    if (twisty) twisty.textContent = open ? "▾" : "▸";
  };

  const build = (n: ViewNode, level: number): HTMLLIElement => {
    const li = document.createElement("li");
    li.setAttribute("role", "treeitem");
    li.setAttribute("aria-level", String(level));
    li.setAttribute("aria-selected", "false");
    // An explicit name: by default it would include every descendant, and
    // the separate spans and CSS brackets of the row would blur it.
    li.setAttribute("aria-label", accessibleName(n));
    li.tabIndex = -1;
    li.dataset.path = n.path;
    li.dataset.offset = String(n.offset);
    li.dataset.length = String(n.length);
    const row = document.createElement("div");
    row.className = "row";
    const twisty = document.createElement("span");
    twisty.className = "twisty";
    twisty.setAttribute("aria-hidden", "true");
    row.append(twisty);
    const name = document.createElement("span");
    name.className = "label";
    name.textContent = n.label;
    row.append(name);
    if (n.value !== undefined && n.value !== "") {
      const value = document.createElement("span");
      value.className = "value";
      value.textContent = n.value;
      row.append(": ", value);
    }
    if (n.rfc) {
      const rfc = document.createElement("span");
      rfc.className = "rfc";
      rfc.textContent = n.rfc;
      row.append(" ", rfc);
    }
    const range = document.createElement("span");
    range.className = "range";
    range.textContent = rangeText(n);
    row.append(" ", range);
    li.append(row);
    if (n.children.length > 0) {
      const group = document.createElement("ul");
      group.setAttribute("role", "group");
      for (const c of n.children) group.append(build(c, level + 1));
      li.append(group);
      li.setAttribute("aria-expanded", "true");
      twisty.textContent = "▾";
    }
    itemOf.set(n, li);
    nodeOf.set(li, n);
    return li;
  };

  const rootItem = build(root, 1);
  rootItem.tabIndex = 0;
  tree.append(rootItem);
  container.replaceChildren(tree);

  /** Items not inside a collapsed item, in document order. */
  const visibleItems = (): HTMLLIElement[] =>
    Array.from(tree.querySelectorAll<HTMLLIElement>("li[role=treeitem]")).filter(
      (li) => !li.parentElement?.closest('li[aria-expanded="false"]'),
    );

  const select: TreeView["select"] = (n, how = {}) => {
    if (current !== undefined) {
      const old = itemOf.get(current);
      old?.setAttribute("aria-selected", "false");
      old?.classList.remove("selected");
      if (old) old.tabIndex = -1;
    }
    current = n;
    const li = n === undefined ? undefined : itemOf.get(n);
    if (li === undefined) {
      rootItem.tabIndex = 0;
      onSelect(undefined);
      return;
    }
    for (let up = li.parentElement?.closest("li"); up; up = up.parentElement?.closest("li")) {
      setExpanded(up as HTMLLIElement, true);
    }
    li.setAttribute("aria-selected", "true");
    li.classList.add("selected");
    li.tabIndex = 0;
    if (li !== rootItem) rootItem.tabIndex = -1;
    if (how.scroll) li.querySelector(".row")?.scrollIntoView({ block: "nearest" });
    if (how.focus) li.focus({ preventScroll: !how.scroll });
    onSelect(n);
  };

  const itemFrom = (target: EventTarget | null): HTMLLIElement | undefined => {
    const li = target instanceof Element ? target.closest("li[role=treeitem]") : null;
    return li instanceof HTMLLIElement && nodeOf.has(li) ? li : undefined;
  };

  tree.addEventListener("click", (e) => {
    const li = itemFrom(e.target);
    if (li === undefined) return;
    if (e.target instanceof Element && e.target.closest(".twisty")) {
      setExpanded(li, li.getAttribute("aria-expanded") === "false");
    }
    select(nodeOf.get(li), { focus: true });
  });

  tree.addEventListener("keydown", (e) => {
    const li = itemFrom(document.activeElement);
    if (li === undefined) return;
    const items = visibleItems();
    const i = items.indexOf(li);
    const go = (to: HTMLLIElement | undefined): void => {
      if (to !== undefined) select(nodeOf.get(to), { focus: true, scroll: true });
    };
    const expanded = li.getAttribute("aria-expanded");
    switch (e.key) {
      case "ArrowDown":
        go(items[i + 1]);
        break;
      case "ArrowUp":
        go(items[i - 1]);
        break;
      case "Home":
        go(items[0]);
        break;
      case "End":
        go(items[items.length - 1]);
        break;
      case "ArrowRight":
        if (expanded === "false") setExpanded(li, true);
        else if (expanded === "true") go(items[i + 1]);
        break;
      case "ArrowLeft":
        if (expanded === "true") setExpanded(li, false);
        else go(li.parentElement?.closest("li[role=treeitem]") as HTMLLIElement | undefined);
        break;
      case "Enter":
      case " ":
        if (expanded !== null) setExpanded(li, expanded === "false");
        break;
      default:
        return;
    }
    e.preventDefault();
  });

  return {
    select,
    selected: () => current,
    setAllExpanded(open) {
      for (const li of itemOf.values()) if (li !== rootItem || open) setExpanded(li, open);
    },
    markDiagnostics(marks) {
      for (const [n, messages] of marks) {
        const row = itemOf.get(n)?.querySelector(":scope > .row");
        if (!row) continue;
        const badge = document.createElement("span");
        badge.className = "badge";
        badge.textContent = `⚠ ${messages.length} diagnostic${messages.length === 1 ? "" : "s"}`;
        badge.title = messages.join("\n");
        row.append(" ", badge);
      }
    },
  };
}
