import { useEffect, useState } from "react";

/** Re-renders once a minute, so relative times ("5 minutes ago") stay true while the screen is left open. */
export function useMinuteTick(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(t);
  }, []);
  return now;
}
