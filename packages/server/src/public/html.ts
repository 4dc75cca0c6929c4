// A little HTML writer for the server-rendered public pages: every interpolated value is escaped
// unless it is itself built by `html` (or marked `raw`, for SVG the server drew).

/** A piece of HTML that is safe to put into a page as it is. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** Values a template accepts: text (escaped), numbers, safe HTML, lists of them; null, undefined and false write nothing. */
export type HtmlValue = string | number | Html | null | undefined | false | readonly HtmlValue[];

/** Escapes text for element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => {
    switch (character) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      default:
        return '&#39;';
    }
  });
}

function write(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(write).join('');
  return escapeHtml(String(value as string | number));
}

/** A tagged template: `html\`<p>${text}</p>\``. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let text = strings[0] ?? '';
  values.forEach((value, index) => {
    text += write(value) + (strings[index + 1] ?? '');
  });
  return new Html(text);
}

/** Marks markup the server produced itself (a chart's SVG) as safe. */
export function raw(text: string): Html {
  return new Html(text);
}
