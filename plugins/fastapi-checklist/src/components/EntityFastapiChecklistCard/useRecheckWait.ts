import { useEffect, useState } from 'react';

/**
 * Whole seconds until the backend accepts a re-check (`refreshAvailableAt`), counting
 * down once a second and ending at 0; 0 when the checklist names no such time.
 */
export function useRecheckWait(refreshAvailableAt: string | undefined): number {
  const secondsLeft = () =>
    refreshAvailableAt
      ? Math.max(
          0,
          Math.ceil((Date.parse(refreshAvailableAt) - Date.now()) / 1000),
        )
      : 0;
  const [seconds, setSeconds] = useState(secondsLeft);

  useEffect(() => {
    setSeconds(secondsLeft());
    const timer = setInterval(() => {
      const left = secondsLeft();
      setSeconds(left);
      if (left === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
    // secondsLeft reads only refreshAvailableAt
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refreshAvailableAt]);

  return seconds;
}
