// The effective colour scheme: the user's choice, or the OS preference when set to "system".
import { useEffect, useState } from 'react';

export function useColorScheme(preference: 'system' | 'light' | 'dark' | undefined): 'light' | 'dark' {
  const query = typeof window !== 'undefined' ? window.matchMedia('(prefers-color-scheme: dark)') : undefined;
  const [osDark, setOsDark] = useState(query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const onChange = (e: MediaQueryListEvent) => setOsDark(e.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, [query]);
  if (preference === 'light' || preference === 'dark') return preference;
  return osDark ? 'dark' : 'light';
}
