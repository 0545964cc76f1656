/** Free text (API messages, details) must never turn into HTML, nor close a hidden comment. */
export function escapeMarkdownText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Text inside one table cell: escaped, pipes escaped, on one line. */
export function escapeMarkdownCell(text: string): string {
  return escapeMarkdownText(text).replaceAll('|', '\\|').replaceAll(/\r?\n/g, ' ');
}
