// Browser tests pass functions to page.evaluate(): they run in the page, with the DOM.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
