// TypeScript declarations for claimmark's embedding API (window.claimmark).
// Load the widget with <script type="module" src="embed.js"></script>.

export type ClaimmarkMode = 'factcheck' | 'read-only' | 'reader' | 'classroom';
export type ClaimKind = 'money' | 'percent' | 'date' | 'quote' | 'trend' | 'other';
export type ExportFormat = 'annotations' | 'claimreview' | 'csv' | 'backup';
/** What claimmark uses of a `Storage`, as the `storage` option gives it. */
export type ClaimmarkStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export interface ClaimmarkOptions {
  /** Storage id of the article. Default: a slug of its title. */
  articleId?: string;
  /** The article's title. Default: the first h1/h2 inside the element (in place), or the text's first line. */
  title?: string;
  /** Default 'factcheck'. */
  mode?: ClaimmarkMode;
  /** Detected claim kinds shown, as an array or a comma-separated list. Default: all. */
  kinds?: ClaimKind[] | string;
  /** localStorage namespace: keys are `<namespace>:v1:<articleId>`. Default `claimmark-<mode>`. */
  namespace?: string;
  /** The organisation named as author in ClaimReview exports. */
  organisation?: string;
  /** The same as `organisation`, which wins when both are given. */
  organization?: string;
  /** URL of a fact-check (claimmark backup or W3C Web Annotation JSON) loaded at start. */
  annotations?: string;
  /** Rendered mode: the article as plain text (first line the title)… */
  articleText?: string;
  /** …or the URL of that text. Without either, the element's own paragraphs are annotated in place. */
  articleUrl?: string;
  /** In-place mode: CSS selector of the paragraph elements. Default 'p'. */
  paragraphs?: string;
  /** In-place mode: where the sidebar goes (element or selector). Default: right after the article. */
  sidebar?: Element | string;
  /**
   * JS only: where the work is kept instead of localStorage, an object with the `Storage` methods
   * (the browser extension's, backed by chrome.storage.local). It serves every instance of the page.
   */
  storage?: ClaimmarkStorage;
}

// Every option is read from the object given to mount() first, then from a
// <script type="application/json" class="claimmark-config"> child, then from data-* attributes
// (articleId → data-article-id). An option name not listed above is an error that names it.

export interface ChangeDetail {
  /** Increases with every change of the annotations. */
  revision: number;
  /** How many annotations the document holds. */
  annotations: number;
}

export interface SelectDetail {
  key: string;
  kind: ClaimKind;
  text: string;
  verdict: string;
}

export interface ImportSummary {
  format: string;
  new: number;
  updated: number;
}

export interface ClaimmarkHandle {
  readonly element: Element;
  readonly mode: ClaimmarkMode;
  /** Resolves once the article is loaded and the widget is shown. */
  readonly ready: Promise<void>;
  /** Unmounts the widget and restores the host element exactly as it was. */
  destroy(): void;
  /**
   * The annotations as text in the given format (default 'backup'). Rejects before `ready` and
   * for an unknown format. The first W3C, ClaimReview or CSV export loads claimmark-io.
   */
  export(format?: ExportFormat): Promise<string>;
  /**
   * Merges a backup, a W3C export or a Hypothesis API response (text or parsed JSON). Rejects in
   * read-only mode or on a bad file, and nothing changes then. Files other than backups load
   * claimmark-io.
   */
  import(data: string | object): Promise<ImportSummary>;
  /** Listens; returns a function that stops listening. */
  on(event: 'change', callback: (detail: ChangeDetail) => void): () => void;
  on(event: 'select', callback: (detail: SelectDetail | null) => void): () => void;
}

export interface Claimmark {
  readonly version: string;
  /** Mounts one instance on an element (or the first match of a selector). Mounting the same element twice returns its handle. */
  mount(target: Element | string, options?: ClaimmarkOptions): ClaimmarkHandle;
  /** Mounts every [data-claimmark] and <claim-mark> element not yet mounted. */
  mountAll(): ClaimmarkHandle[];
  /** Handles of every mounted instance. */
  instances(): ClaimmarkHandle[];
}

declare global {
  interface Window {
    claimmark: Claimmark;
  }
  interface DocumentEventMap {
    /** Fired once window.claimmark exists and the page's elements are mounting. */
    'claimmark:ready': Event;
  }
}
