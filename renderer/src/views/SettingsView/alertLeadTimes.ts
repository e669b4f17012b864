// "15, 5" ↔ [15, 5]: the expiry warning lead times as the user types them. Anything that is not
// one to four whole minutes between 1 and 240 comes back as a problem to show, not a guess.
export const LEAD_MIN = 1;
export const LEAD_MAX = 240;

export function parseLeadMinutes(text: string): number[] | undefined {
  const parts = text.split(/[,\s、]+/).filter(Boolean);
  if (parts.length < 1 || parts.length > 4) return undefined;
  const values = parts.map(Number);
  if (values.some((v) => !Number.isInteger(v) || v < LEAD_MIN || v > LEAD_MAX)) return undefined;
  return [...new Set(values)].sort((a, b) => b - a);
}
