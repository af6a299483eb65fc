/** "4 min 48 s", "2 h 0 min", "3 d 4 h"; negative durations keep their sign. */
export function duration(totalSec: number): string {
  if (!Number.isFinite(totalSec)) return String(totalSec);
  const sign = totalSec < 0 ? '-' : '';
  let rest = Math.abs(Math.trunc(totalSec));
  const units: [string, number][] = [
    ['d', 86_400],
    ['h', 3600],
    ['min', 60],
    ['s', 1],
  ];
  const parts: string[] = [];
  for (const [unit, size] of units) {
    if (rest >= size || (unit === 's' && parts.length === 0)) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    }
    if (parts.length === 2) break;
  }
  return sign + parts.join(' ');
}
