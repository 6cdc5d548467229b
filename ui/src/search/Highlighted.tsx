//! Text with the search's matches marked. The backend sends segments, never
//! HTML: each one is rendered as React text (escaped), the matches in <mark>.
import type { Segment } from "../backend";

export function Highlighted({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((segment, i) =>
        segment.highlight ? <mark key={i}>{segment.text}</mark> : <span key={i}>{segment.text}</span>,
      )}
    </>
  );
}
