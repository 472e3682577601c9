/**
 * The kiosk's keyboard: digits for numbers, Russian, Kazakh and English letters for the rest. Letters
 * open in the customer's language (Kazakh letters when the screen is ҚАЗ) unless the field needs
 * others (`letters`: Latin for a card's recipient name). Its one «Далее» is the screen's: the
 * next field, or on.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import Keyboard from 'react-simple-keyboard';
import 'react-simple-keyboard/build/css/index.css';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../state/settings';

type Layout = 'digits' | 'ru' | 'kk' | 'en';
export type Letters = Exclude<Layout, 'digits'>;

const LAYOUTS: Record<Layout, string[]> = {
  digits: ['1 2 3', '4 5 6', '7 8 9', '{bksp} 0 {enter}'],
  ru: ['й ц у к е н г ш щ з х ъ', 'ф ы в а п р о л д ж э', 'я ч с м и т ь б ю . {bksp}', '{digits} {en} {kk} {space} {enter}'],
  kk: ['ә і ң ғ ү ұ қ ө һ', 'й ц у к е н г ш щ з х', 'ф ы в а п р о л д ж э', 'я ч с м и т ь б ю {bksp}', '{digits} {ru} {en} {space} {enter}'],
  en: ['q w e r t y u i o p', 'a s d f g h j k l _', 'z x c v b n m . @ - {bksp}', '{digits} {ru} {kk} {space} {enter}'],
};

/** `numeric`: digits only; 'decimal': digits and a point (amounts, meter readings); false: letters too. */
export function OnScreenKeyboard({ numeric, letters: forced, onKey, onBackspace, onEnter }: { numeric: boolean | 'decimal'; letters?: Letters; onKey(ch: string): void; onBackspace(): void; onEnter(): void }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.lang);
  const [letters, setLetters] = useState<Letters>(forced ?? lang);
  // The customer switched the screen's language: the letters follow.
  useEffect(() => setLetters(forced ?? lang), [forced, lang]);
  const [digits, setDigits] = useState(numeric !== false);
  const layout: Layout = digits ? 'digits' : letters;
  // The keyboard rebuilds its keys whenever its options change: keep them stable across keystrokes.
  const rows = useMemo(() => {
    const r = [...LAYOUTS[layout]];
    if (layout === 'digits' && numeric === false) r[3] = '{bksp} 0 {abc} {enter}';
    if (layout === 'digits' && numeric === 'decimal') r[3] = '{bksp} 0 . {enter}';
    return { default: r };
  }, [layout, numeric]);
  const display = useMemo(() => ({ '{bksp}': '⌫', '{enter}': t('form.next'), '{space}': ' ', '{digits}': '123', '{abc}': 'АБВ', '{ru}': 'РУС', '{kk}': 'ҚАЗ', '{en}': 'ENG' }), [t]);
  const handlers = useRef({ onKey, onBackspace, onEnter });
  handlers.current = { onKey, onBackspace, onEnter };
  const onKeyPress = useMemo(
    () => (button: string) => {
      const h = handlers.current;
      if (button === '{bksp}') h.onBackspace();
      else if (button === '{enter}') h.onEnter();
      else if (button === '{space}') h.onKey(' ');
      else if (button === '{digits}') setDigits(true);
      else if (button === '{abc}') setDigits(false);
      else if (button === '{ru}' || button === '{kk}' || button === '{en}') {
        setLetters(button.slice(1, -1) as 'ru' | 'kk' | 'en');
        setDigits(false);
      } else h.onKey(button);
    },
    [],
  );
  return (
    <div className="osk" data-testid="on-screen-keyboard" data-layout={layout}>
      <Keyboard layout={rows} layoutName="default" display={display} onKeyPress={onKeyPress} />
    </div>
  );
}
