/** A page draws itself into `main` for `url` and returns what to do when the user leaves it. */
export type Page = (main: HTMLElement, url: URL) => () => void;
