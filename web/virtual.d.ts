// Made by scripts/bundle-web.mjs at build time.
declare module 'illusion:programs' {
  export const examples: readonly { readonly name: string; readonly source: string }[];
  export const attacks: readonly { readonly name: string; readonly source: string }[];
  /** The files the shipped programs include (lib/print.s, lib/check.s, measure/lib/workload.s), by the path they include. */
  export const libraries: readonly { readonly name: string; readonly source: string }[];
}
declare module 'illusion:grammar-recipe' {
  const recipe: string;
  export default recipe;
}
