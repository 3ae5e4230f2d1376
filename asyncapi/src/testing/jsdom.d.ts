/**
 * The part of jsdom (which ships no types, and whose @types package this repository does not
 * install) that the rendered-page checks use. The DOM types of TypeScript's `dom` lib are left out
 * of the project on purpose: they would change globals such as `setTimeout` for every package.
 */
declare module 'jsdom' {
  export interface DomNode {
    readonly textContent: string | null;
    readonly parentElement: DomElement | null;
  }
  export interface DomElement extends DomNode {
    readonly tagName: string;
    closest(selectors: string): DomElement | null;
  }
  export interface DomTreeWalker {
    nextNode(): DomNode | null;
  }
  export interface DomCssRule {
    readonly selectorText?: string;
    readonly style?: { getPropertyValue(property: string): string };
  }
  export interface DomDocument {
    getElementById(id: string): DomElement | null;
    querySelectorAll(selectors: string): Iterable<DomElement>;
    createTreeWalker(root: DomElement, whatToShow: number): DomTreeWalker;
    readonly styleSheets: Iterable<{ readonly cssRules: Iterable<DomCssRule> }>;
  }
  export class JSDOM {
    constructor(html?: string);
    readonly window: { readonly document: DomDocument };
  }
}
