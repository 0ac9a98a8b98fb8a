/** The hover tooltip over a timeline: lines of text (textContent), positioned inside the timeline box. */
import { clear, el } from '../dom';

/** A tooltip element that shows lines of plain text. */
export class Tooltip {
  /** The element to insert next to the canvas. */
  readonly element = el('div', { class: 'timeline-tooltip', role: 'tooltip', hidden: true });

  /** Shows `lines` near (x, y), flipping left near the right edge. */
  show(lines: readonly string[], x: number, y: number, width: number): void {
    clear(this.element);
    lines.forEach((line, i) => this.element.appendChild(el('div', { class: i === 0 ? 'tooltip-title' : '' }, line)));
    this.element.hidden = false;
    const flip = x > width - 240;
    // CSSOM positioning (not a style attribute) keeps this within the CSP.
    this.element.style.left = flip ? '' : `${x + 14}px`;
    this.element.style.right = flip ? `${width - x + 14}px` : '';
    this.element.style.top = `${y + 12}px`;
  }

  /** Hides the tooltip. */
  hide(): void {
    this.element.hidden = true;
  }
}
