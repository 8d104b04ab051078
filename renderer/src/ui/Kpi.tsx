import type { ReactNode } from 'react';
import { Bar } from './Count';
import './figures.css';

// Key figures: a label, a big value, optionally a bar for a share, a line of detail and a hint.

/** A row of key figures, as a description list (label, then value and details). */
export function Kpis({ roomy = false, children }: { roomy?: boolean; children: ReactNode }): ReactNode {
  return <dl className={roomy ? 'kpis kpis--roomy' : 'kpis'}>{children}</dl>;
}

export function Kpi({
  label,
  value,
  detail,
  hint,
  share,
  alert = false,
}: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  hint?: string;
  /** 0–1: drawn as a bar under the value. */
  share?: number | null;
  /** Draws the figure in the error colour: something needs doing (e.g. requests past their deadline). */
  alert?: boolean;
}): ReactNode {
  return (
    <div className={alert ? 'kpi kpi--alert' : 'kpi'}>
      <dt className="kpi__label">{label}</dt>
      <dd className="kpi__value">{value}</dd>
      {share !== undefined && share !== null && (
        <dd className="kpi__bar">
          <Bar value={share} max={1} />
        </dd>
      )}
      {detail && <dd className="kpi__detail">{detail}</dd>}
      {hint && <dd className="kpi__hint">{hint}</dd>}
    </div>
  );
}
