/**
 * Undo and redo from the keyboard: Ctrl+Z / Ctrl+Shift+Z (Cmd on a Mac), and Ctrl+Y for redo.
 * Ignored while typing in a field, where the browser's own text undo is what the user means.
 */
export function historyShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'target'>): 'undo' | 'redo' | null {
	if (!(event.ctrlKey || event.metaKey) || event.altKey || isEditable(event.target)) return null;
	const key = event.key.toLowerCase();
	if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
	if (key === 'y' && !event.shiftKey) return 'redo';
	return null;
}

function isEditable(target: EventTarget | null): boolean {
	const el = target as { tagName?: string; isContentEditable?: boolean; type?: string } | null;
	if (!el?.tagName) return false;
	if (el.isContentEditable) return true;
	const tag = el.tagName.toUpperCase();
	if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
	// Checkboxes and buttons have no text undo of their own.
	return tag === 'INPUT' && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(el.type ?? 'text');
}
