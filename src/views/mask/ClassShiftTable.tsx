import type { ClassShift } from '../../analysis/maskWhatIf';
import { t } from '../../i18n';
import { signedPoints } from '../common/percentPoints';

const pct = (p: number) => `${(p * 100).toFixed(1)}%`;

/** Top classes with their probability on this side and the change masking made. */
export function ClassShiftTable({ title, rows, side, testId }: { title: string; rows: ClassShift[]; side: 'before' | 'after'; testId: string }) {
  return (
    <table className="class-shift" data-testid={testId}>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{t('mask.class')}</th>
          <th scope="col">p</th>
          <th scope="col">{t('mask.change')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.index} data-class={r.index}>
            <td>{r.label}</td>
            <td className="num">{pct(r[side])}</td>
            <td className={`num ${r.delta > 0 ? 'gain' : r.delta < 0 ? 'loss' : ''}`} data-delta={r.delta}>
              {signedPoints(r.delta)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
