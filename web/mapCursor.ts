// The keyboard's way through a map of squares (the frame map, the swap
// slots): the map is one stop in the tab order, not one per square (4096
// squares would be 4096 presses of Tab), and the arrows move a cursor over
// it, whose square is named in words under the map. A big map's squares
// carry no pid, so without this its owners were told by colour, or by a
// mouse's hover title, alone.

/** Where a key moves the cursor in a map of `count` squares, `perRow` to a row; undefined for a key that does not move it. */
export function moveCursor(key: string, at: number, count: number, perRow: number): number | undefined {
  if (count <= 0) return undefined;
  const row = Math.max(1, perRow);
  const to = key === 'ArrowRight' ? at + 1 : key === 'ArrowLeft' ? at - 1 : key === 'ArrowDown' ? at + row : key === 'ArrowUp' ? at - row
    : key === 'Home' ? 0 : key === 'End' ? count - 1 : key === 'PageDown' ? at + row * 8 : key === 'PageUp' ? at - row * 8 : undefined;
  if (to === undefined) return undefined;
  return Math.min(count - 1, Math.max(0, to));
}

/** Squares in the map's first row, as laid out now (the grid fills its width, so it depends on the window). */
export function squaresPerRow(map: HTMLElement): number {
  const squares = map.children;
  if (squares.length === 0) return 1;
  const top = (squares[0] as HTMLElement).offsetTop;
  let n = 0;
  while (n < squares.length && (squares[n] as HTMLElement).offsetTop === top) n++;
  return Math.max(1, n);
}

/** Keeps the cursor's square in view inside the map's own scrolling box. */
export function showSquare(map: HTMLElement, index: number): void {
  (map.children[index] as HTMLElement | undefined)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}
