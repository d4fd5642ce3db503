// Keys a lesson steps with, as the browsers' own debuggers have them (F8
// goes on, F10 steps; F9, beside it, steps back, which they have no key
// for), from anywhere on the page, the editor too: function keys type
// nothing there.
import { useEffect, useRef } from 'preact/hooks';

export interface StepKeys {
  /** F8: Run, or Pause while running. */
  readonly runOrPause: () => void;
  /** F10: one instruction; Shift+F10: N. */
  readonly step: (many: boolean) => void;
  /** F9, the key beside F10: back one instruction; Shift+F9: back N (web/replay.ts). */
  readonly stepBack: (many: boolean) => void;
  /** False while the machine is out of sight (the Homework view): the keys are left to the browser. */
  readonly active: boolean;
}

/** Listens for the keys while the page lives; the handlers are the latest render's, so they see its state. */
export function useStepKeys(keys: StepKeys): void {
  const latest = useRef(keys);
  latest.current = keys;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey || !latest.current.active) return;
      if (e.key === 'F8' && !e.shiftKey) latest.current.runOrPause();
      else if (e.key === 'F10') latest.current.step(e.shiftKey);
      else if (e.key === 'F9') latest.current.stepBack(e.shiftKey);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
