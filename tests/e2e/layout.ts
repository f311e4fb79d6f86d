import type { Page } from '@playwright/test';

/**
 * Geometry checks for "no overlap, clipping or sideways scroll" (WCAG 1.4.10 Reflow, and the
 * desktop widths cabinet officers use). Any page spec can call them; each returns a list of
 * problems in words, empty when the layout is sound, so a failing test says what spills where.
 *
 * A declared scroll region is a box made to scroll sideways (`overflow-x: auto` or `scroll`, as
 * ScrollRegion and `.table-scroll` do): what is inside it may be wider than it. Everything else
 * must stay inside its parent's box.
 */

/** The desktop widths of issue 13 and the two phone widths (390 px, and 320 px for Reflow). */
export const LAYOUT_WIDTHS = [1280, 1366, 1440, 390, 320] as const;
/** Widths at which the wide tables of a page should fit without scrolling. */
export const DESKTOP_WIDTHS = LAYOUT_WIDTHS.filter((w) => w >= 1280);

export interface LayoutOptions {
	/** CSS selectors of subtrees not to check (e.g. a map's canvas and controls). */
	ignore?: string[];
	/** When true, declared scroll regions must also fit: their content may not be wider than they are. */
	scrollRegionsFit?: boolean;
	/** Only check inside this element (default `main`). */
	within?: string;
}

/** Subtrees that draw with their own geometry: the map library's canvas, controls and markers. */
const ALWAYS_IGNORED = ['.maplibregl-map', '.visually-hidden', '.skip-link'];

/**
 * Every layout problem on the page as it stands: the document wider than the window, an element
 * sticking out of its parent sideways (outside a scroll region), sibling boxes of text on top of one
 * another, text clipped by a box that hides its overflow, and (with `scrollRegionsFit`) a scroll
 * region whose content does not fit.
 */
export async function layoutProblems(page: Page, options: LayoutOptions = {}): Promise<string[]> {
	return page.evaluate(
		({ ignore, scrollRegionsFit, within }) => {
			const problems: string[] = [];
			const doc = document.documentElement;
			if (doc.scrollWidth > doc.clientWidth) {
				problems.push(`the page is ${doc.scrollWidth} px wide in a ${doc.clientWidth} px window (sideways scroll)`);
			}
			const root = document.querySelector(within);
			if (!root) return [...problems, `nothing matches ${within}`];
			const skip = ignore.join(',');
			const TOLERANCE_PX = 1;

			/** A short name for an element: tag, id or test id or first class, and its text. */
			const describe = (el: Element) => {
				const id = el.id ? `#${el.id}` : '';
				const testId = el.getAttribute('data-testid');
				const cls = !id && el.classList.length ? `.${[...el.classList].filter((c) => !c.startsWith('svelte-'))[0] ?? ''}` : '';
				const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
				return `<${el.tagName.toLowerCase()}${id}${testId ? `[data-testid=${testId}]` : ''}${cls.length > 1 ? cls : ''}> "${text}"`;
			};
			const scrollsSideways = (style: CSSStyleDeclaration) => style.overflowX === 'auto' || style.overflowX === 'scroll';
			const clipsSideways = (style: CSSStyleDeclaration) => style.overflowX === 'hidden' || style.overflowX === 'clip';
			// checkVisibility also leaves out what sits in a closed <details> (content-visibility: hidden).
			const shown = (el: Element, rect: DOMRect) =>
				rect.width > 0 && rect.height > 0 && el.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true });
			/** True when an ancestor between `el` and `stop` scrolls sideways, so `el` may be wider than its parent. */
			const inScrollRegion = (el: Element) => {
				for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
					if (scrollsSideways(getComputedStyle(a))) return true;
				}
				return false;
			};

			/** Children of `el` that show text and overlap one another, like month labels piled up on a timeline. */
			const overlappingText = (el: Element) => {
				const texts = [...el.children].filter((c) => (c.textContent ?? '').trim() && !(skip && c.closest(skip)));
				if (texts.length < 2) return;
				// Line boxes, not the bounding box: an inline link that wraps spans the whole width.
				const boxes = texts.map((c) => (shown(c, c.getBoundingClientRect()) ? [...c.getClientRects()] : []));
				for (let i = 0; i < texts.length; i++) {
					for (let j = i + 1; j < texts.length; j++) {
						for (const a of boxes[i]) {
							const hit = boxes[j].find((b) => {
								const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
								const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
								return x > TOLERANCE_PX && y > TOLERANCE_PX;
							});
							if (hit) {
								problems.push(`${describe(texts[i])} and ${describe(texts[j])} overlap`);
								break;
							}
						}
					}
				}
			};

			for (const el of [root, ...root.querySelectorAll('*')]) {
				if (skip && el.closest(skip)) continue;
				const rect = el.getBoundingClientRect();
				if (!shown(el, rect)) continue;
				const style = getComputedStyle(el);
				if (scrollsSideways(style)) {
					if (scrollRegionsFit && el.scrollWidth > el.clientWidth + TOLERANCE_PX) {
						problems.push(`${describe(el)} needs sideways scrolling: content ${el.scrollWidth} px in ${el.clientWidth} px`);
					}
				} else if (clipsSideways(style) && el.scrollWidth > el.clientWidth + TOLERANCE_PX) {
					problems.push(`${describe(el)} clips its content: ${el.scrollWidth} px shown in ${el.clientWidth} px`);
				}
				if (style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth) {
					problems.push(`${describe(el)} is cut short with an ellipsis`);
				}
				// A `display: contents` parent has no box of its own: its children sit in the next one up.
				let parent = el.parentElement;
				while (parent && getComputedStyle(parent).display === 'contents') parent = parent.parentElement;
				overlappingText(el);
				if (!parent || el === root || style.position === 'fixed' || inScrollRegion(el)) continue;
				const box = parent.getBoundingClientRect();
				if (rect.right > box.right + TOLERANCE_PX || rect.left < box.left - TOLERANCE_PX) {
					problems.push(
						`${describe(el)} spills out of ${describe(parent)}: ${Math.round(rect.left)}–${Math.round(rect.right)} px against ${Math.round(box.left)}–${Math.round(box.right)} px`
					);
				}
			}
			return problems;
		},
		{ ignore: [...ALWAYS_IGNORED, ...(options.ignore ?? [])], scrollRegionsFit: options.scrollRegionsFit ?? false, within: options.within ?? 'main' }
	);
}

/**
 * Boxes in `a` (itself and everything shown inside it) that overlap the box of `b`: e.g. a form
 * column spilling over the column beside it. Empty when they are apart.
 */
export async function overlapsBetween(page: Page, a: string, b: string): Promise<string[]> {
	return page.evaluate(
		({ a, b }) => {
			const first = document.querySelector(a);
			const second = document.querySelector(b);
			if (!first || !second) return [`${first ? b : a} is not on the page`];
			const target = second.getBoundingClientRect();
			const overlaps: string[] = [];
			for (const el of [first, ...first.querySelectorAll('*')]) {
				const r = el.getBoundingClientRect();
				if (r.width === 0 || r.height === 0 || !el.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true })) continue;
				const x = Math.min(r.right, target.right) - Math.max(r.left, target.left);
				const y = Math.min(r.bottom, target.bottom) - Math.max(r.top, target.top);
				if (x > 1 && y > 1) {
					const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
					overlaps.push(`<${el.tagName.toLowerCase()}> "${text}" overlaps ${b} by ${Math.round(x)} × ${Math.round(y)} px`);
				}
			}
			return overlaps;
		},
		{ a, b }
	);
}
