/** Search across scripts (issue 9): a Latin query finds a Cyrillic name and back. */
import { describe, expect, it } from 'vitest';
import { skeleton, soundsIn } from '../../renderer/src/format/translit.js';

const finds = (query: string, name: string) => soundsIn(skeleton(query), skeleton(name));

describe('search across scripts', () => {
  it.each([
    ['beeline', 'Билайн'],
    ['bilain', 'Билайн Казахстан'],
    ['kazakhtelecom', 'Казахтелеком'],
    ['казахтелеком', 'Kazakhtelecom'],
    ['алсеко', 'Alseco'],
    ['кселл', 'Kcell'],
    ['стим', 'Steam'],
    ['гербалайф', 'Herbalife'],
  ])('«%s» finds «%s»', (query, name) => {
    expect(finds(query, name)).toBe(true);
  });

  it.each([
    ['beeline', 'Казахтелеком'],
    ['a', 'Алсеко'],
    ['tele2', 'Билайн'],
  ])('«%s» does not find «%s»', (query, name) => {
    expect(finds(query, name)).toBe(false);
  });
});
