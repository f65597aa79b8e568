/** Snippet syntax → the text a client without snippet edits should insert: placeholders keep their defaults. */
export function plainSnippetText(snippet: string): string {
  let previous: string;
  let text = snippet;
  do {
    previous = text;
    text = text.replace(/\$\{\d+:([^{}$]*)\}/g, '$1').replace(/\$\{\d+\}|\$\d+/g, '');
  } while (text !== previous);
  return text.replace(/\\([$}\\])/g, '$1');
}
