/**
 * Zoom and pan of the canvas, done with one CSS transform on #canvas so a
 * re-render (a new SVG inside it) keeps the author's view while typing.
 * Ctrl/Cmd + wheel (and trackpad pinch, which browsers report as
 * ctrl+wheel) zooms around the pointer; a plain wheel scrolls, as in every
 * VS Code editor; dragging pans.
 */

export interface ZoomState {
  scale: number;
  x: number;
  y: number;
}

const MIN = 0.05;
const MAX = 8;
const STEP = 1.25;
const PAD = 16;
/** Below this a label's text is too small to read on a normal screen. */
const READABLE = 0.6;
/** Pixels the pointer must move before a press becomes a drag (so clicks on nodes still work). */
const DRAG_THRESHOLD = 4;

export class PanZoom {
  state: ZoomState = { scale: 1, x: 0, y: 0 };

  constructor(
    private readonly viewport: HTMLElement,
    private readonly content: HTMLElement,
    /** Natural size of the drawing, at 100%. */
    private readonly size: () => { width: number; height: number } | undefined,
    private readonly onChange: (state: ZoomState) => void,
  ) {
    viewport.addEventListener('wheel', (e) => this.wheel(e), { passive: false });
    this.listenForDrags();
  }

  set(state: ZoomState): void {
    this.state = { scale: clamp(state.scale), x: state.x, y: state.y };
    this.apply();
  }

  /** Zoom by `factor` keeping the point (cx, cy) of the viewport still (default: its centre). */
  zoomBy(factor: number, cx = this.viewport.clientWidth / 2, cy = this.viewport.clientHeight / 2): void {
    const { scale, x, y } = this.state;
    const next = clamp(scale * factor);
    const k = next / scale;
    this.set({ scale: next, x: cx - (cx - x) * k, y: cy - (cy - y) * k });
  }

  zoomIn(): void { this.zoomBy(STEP); }
  zoomOut(): void { this.zoomBy(1 / STEP); }

  /** The whole drawing in view, never enlarged past 100% (small sequences stay crisp). */
  fit(): void {
    const scale = this.fitScale();
    if (scale !== undefined) this.place(scale);
  }

  /**
   * The first view of a file: the whole drawing when that stays readable;
   * else readable from its start (a long left-to-right sequence in a narrow
   * side panel would otherwise open at a size nobody can read).
   */
  initial(): void {
    const scale = this.fitScale();
    if (scale !== undefined) this.place(Math.max(scale, Math.min(READABLE, 1)));
  }

  private fitScale(): number | undefined {
    const size = this.size();
    const w = this.viewport.clientWidth;
    const h = this.viewport.clientHeight;
    if (!size || size.width <= 0 || size.height <= 0 || w <= 0 || h <= 0) return undefined;
    return clamp(Math.min(1, (w - 2 * PAD) / size.width, (h - 2 * PAD) / size.height));
  }

  /** At `scale`: centred along each axis the drawing fits in, else from its start (left, top). */
  private place(scale: number): void {
    const size = this.size()!;
    const w = this.viewport.clientWidth;
    const h = this.viewport.clientHeight;
    const across = (room: number, length: number) => (length * scale <= room - 2 * PAD ? (room - length * scale) / 2 : PAD);
    this.set({ scale, x: across(w, size.width), y: across(h, size.height) });
  }

  /** 100%, keeping the viewport's centre where it is. */
  actualSize(): void {
    this.zoomBy(1 / this.state.scale);
  }

  /** Scrolls so the element is visible (centred), when it is not already. */
  ensureVisible(el: Element): void {
    const r = el.getBoundingClientRect();
    const v = this.viewport.getBoundingClientRect();
    const margin = 24;
    const inside = r.left >= v.left + margin && r.right <= v.right - margin && r.top >= v.top + margin && r.bottom <= v.bottom - margin;
    if (inside || (r.width === 0 && r.height === 0)) return;
    const dx = v.left + v.width / 2 - (r.left + r.width / 2);
    const dy = v.top + v.height / 2 - (r.top + r.height / 2);
    this.set({ ...this.state, x: this.state.x + dx, y: this.state.y + dy });
  }

  private apply(): void {
    const { scale, x, y } = this.state;
    this.content.style.transform = `translate(${x}px, ${y}px) scale(${scale})`;
    this.onChange(this.state);
  }

  private wheel(e: WheelEvent): void {
    e.preventDefault();
    // Lines or pages on some mice: bring everything to pixels.
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? this.viewport.clientHeight : 1;
    if (e.ctrlKey || e.metaKey) {
      const v = this.viewport.getBoundingClientRect();
      this.zoomBy(Math.exp(-e.deltaY * unit * 0.002), e.clientX - v.left, e.clientY - v.top);
      return;
    }
    const dx = e.shiftKey && e.deltaX === 0 ? e.deltaY : e.deltaX;
    const dy = e.shiftKey && e.deltaX === 0 ? 0 : e.deltaY;
    this.set({ ...this.state, x: this.state.x - dx * unit, y: this.state.y - dy * unit });
  }

  private listenForDrags(): void {
    let start: { px: number; py: number; x: number; y: number; id: number } | undefined;
    let dragging = false;
    this.viewport.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      start = { px: e.clientX, py: e.clientY, x: this.state.x, y: this.state.y, id: e.pointerId };
      dragging = false;
    });
    this.viewport.addEventListener('pointermove', (e) => {
      if (!start || e.pointerId !== start.id) return;
      const dx = e.clientX - start.px;
      const dy = e.clientY - start.py;
      if (!dragging && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
      if (!dragging) {
        // Capture only once it is a drag: capturing on press would retarget the click away from the node.
        dragging = true;
        this.viewport.setPointerCapture(e.pointerId);
        this.viewport.classList.add('panning');
      }
      this.set({ ...this.state, x: start.x + dx, y: start.y + dy });
    });
    const end = () => {
      start = undefined;
      this.viewport.classList.remove('panning');
    };
    this.viewport.addEventListener('pointerup', end);
    this.viewport.addEventListener('pointercancel', end);
    // A drag that ends over a node must not count as a click on it.
    this.viewport.addEventListener('click', (e) => {
      if (dragging) {
        e.stopPropagation();
        dragging = false;
      }
    }, true);
  }
}

const clamp = (scale: number) => Math.min(MAX, Math.max(MIN, Number.isFinite(scale) ? scale : 1));
