"use client";
import { useEffect, useRef, useState } from "react";
import { cn } from "./cn";

/**
 * Text cut to one line with an ellipsis when it does not fit (give it a max width). The whole
 * text is its title on hover and stays in what assistive tech reads (only CSS cuts it); when it
 * is cut it becomes a keyboard stop that shows it whole, wrapped, while focused.
 */
export function TruncatedText({ text, title, className }: { text: string; title?: string | undefined; className?: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  const [isCut, setIsCut] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    // Focused, it is shown whole and so no longer overflows: keep it a stop until it is left.
    const measure = () => {
      if (document.activeElement !== element) setIsCut(element.scrollWidth > element.clientWidth);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [text]);
  return (
    <span
      ref={ref}
      tabIndex={isCut ? 0 : undefined}
      title={title ?? text}
      className={cn(
        "block truncate rounded-sm focus:overflow-visible focus:break-words focus:whitespace-normal focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:outline-none",
        className,
      )}
    >
      {text}
    </span>
  );
}
