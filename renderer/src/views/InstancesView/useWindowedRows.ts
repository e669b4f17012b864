// Windowing for a list of fixed-height rows: only the rows in view (plus a few either side) are in
// the DOM, so 20,000 instances scroll as smoothly as 20. Rows have one height, so where a row sits
// is arithmetic — no measuring, no layout thrash. The maths is pure (visibleRange, scrollTopFor)
// and tested; the hook only tracks the scroll position and the viewport's height.
import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';

export interface WindowRange {
  /** First rendered row (inclusive). */
  start: number;
  /** One past the last rendered row. */
  end: number;
}

export function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan = 6): WindowRange {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const shown = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(count - 1, first) - overscan);
  const end = Math.min(count, first + shown + overscan);
  return { start, end: Math.max(start, end) };
}

/** The scroll position that brings row `index` fully into view, or undefined if it already is. */
export function scrollTopFor(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number | undefined {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  // A row taller than the viewport shows its top.
  const target = bottom > scrollTop + viewportHeight ? Math.max(0, Math.min(top, bottom - viewportHeight)) : scrollTop;
  return target === scrollTop ? undefined : target;
}

export interface WindowedRows {
  range: WindowRange;
  totalHeight: number;
  /** Rows that fit in the viewport (for Page Up / Page Down). */
  pageSize: number;
  onScroll: () => void;
  scrollToIndex: (index: number) => void;
}

export function useWindowedRows(viewport: RefObject<HTMLElement | null>, count: number, rowHeight: number): WindowedRows {
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const frame = useRef<number | undefined>(undefined);

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    setHeight(el.clientHeight);
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, [viewport]);

  // A shorter list (a narrower search) may leave the old position past its end.
  useLayoutEffect(() => {
    const el = viewport.current;
    if (el && el.scrollTop !== scrollTop) setScrollTop(el.scrollTop);
  }, [count, viewport, scrollTop]);

  const onScroll = useCallback(() => {
    // One state update per frame however fast the wheel turns.
    if (frame.current !== undefined) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = undefined;
      const el = viewport.current;
      if (el) setScrollTop(el.scrollTop);
    });
  }, [viewport]);

  const scrollToIndex = useCallback(
    (index: number) => {
      const el = viewport.current;
      if (!el) return;
      const top = scrollTopFor(index, el.scrollTop, el.clientHeight, rowHeight);
      if (top === undefined) return;
      el.scrollTop = top;
      setScrollTop(el.scrollTop);
    },
    [viewport, rowHeight],
  );

  return {
    range: visibleRange(scrollTop, height, rowHeight, count),
    totalHeight: count * rowHeight,
    pageSize: Math.max(1, Math.floor(height / rowHeight)),
    onScroll,
    scrollToIndex,
  };
}
