import { describe, expect, it } from 'vitest';
import { attributeLabel, attributeText } from '$lib/site-attributes';

describe('site attributes in words', () => {
	// Issue 13: the panel showed "la code" and "council asset gia m2".
	it('labels the fields the pack carries in plain English', () => {
		expect(attributeLabel('la_code')).toBe('Local authority code (ONS)');
		expect(attributeLabel('council_asset_gia_m2')).toBe('Floor area in the council asset register (m²)');
	});

	it('turns an unknown field name into words, m2 into m²', () => {
		expect(attributeLabel('wifi_available')).toBe('Wifi available');
		expect(attributeLabel('meeting_room_m2')).toBe('Meeting room m²');
		expect(attributeLabel('')).toBe('');
	});

	it('writes values as a reader would: yes and no, days of the week, lists', () => {
		expect(attributeText('true')).toBe('Yes');
		expect(attributeText(false)).toBe('No');
		expect(attributeText({ mon: '09:00-18:00', sat: 'CLOSED' })).toBe('Mon 09:00-18:00; Sat closed');
		expect(attributeText(['a', 'b'])).toBe('a, b');
		expect(attributeText(7855)).toBe('7855');
		expect(attributeText({})).toBe('');
	});
});
