// Where the Swap panel goes. On a laptop screen (at most 1400 x 900 pixels)
// the middle column is full before it: the registers, the frame map and
// the memory per process take it to the fold. There the Swap panel goes to
// the first column, under the editor (made shorter), so that it sits beside
// the frame map, level with it: memory and the device its pages go to, read
// across. On a taller screen it stays under the frame map.
import { useEffect, useState } from 'preact/hooks';

/** The laptop screens where the Swap panel sits beside the frame map (app.css shortens the editor for the same query). */
export const SWAP_BESIDE_FRAMES = '(max-width: 1400px) and (max-height: 900px)';

/** Whether the media query matches now; follows it as the window is resized. */
export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => typeof matchMedia === 'function' && matchMedia(query).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const m = matchMedia(query);
    const onChange = () => setMatches(m.matches);
    onChange();
    m.addEventListener('change', onChange);
    return () => m.removeEventListener('change', onChange);
  }, [query]);
  return matches;
}
