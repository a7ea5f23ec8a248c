/**
 * Whether text holds characters no id or one-line text should: C0 controls and DEL (a line break,
 * a tab, NUL), and with `unicode`, also C1 controls, line and paragraph separators and the
 * bidirectional controls that make text display as something else. Written with character codes,
 * since control characters in a regular expression are what linters rightly flag.
 */
export function hasControlCharacters(text: string, { unicode = false } = {}): boolean {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code <= 0x1f || code === 0x7f) return true;
		if (!unicode) continue;
		if (code >= 0x80 && code <= 0x9f) return true;
		if (code === 0x2028 || code === 0x2029) return true;
		if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return true;
	}
	return false;
}
