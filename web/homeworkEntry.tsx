// The Homework view as a module of its own (dist/web/homework.js), which the
// page imports the first time the view opens: the problem makers and their
// text cost the first load nothing. It draws with its own copy of Preact, in
// the element the page gives it, and shares no state with the machine.
import { render } from 'preact';
import type { HomeworkSettings } from './homeworkSettings.js';
import { HomeworkView } from './panels/homework.js';

/** Draws the view; called again with a new link's settings, it starts that problem afresh (a view of its own, keyed by them). */
export function mountHomework(element: HTMLElement, initial: HomeworkSettings): void {
  render(<HomeworkView key={JSON.stringify(initial)} initial={initial} />, element);
}
