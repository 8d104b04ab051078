import type { ReactNode } from 'react';
import './page-header.css';

/**
 * A page's title and one-line introduction, with an optional link to a related page at the end of the line (kept
 * on one line: the introduction gives way first).
 */
export function PageHeader({
  title,
  intro,
  link,
}: {
  title: string;
  intro: string;
  link?: { href: string; label: string } | undefined;
}): ReactNode {
  return (
    <header className="page__header">
      <div>
        <h1>{title}</h1>
        <p className="muted">{intro}</p>
      </div>
      {link && (
        <a className="button page__header-link" href={link.href}>
          {link.label}
        </a>
      )}
    </header>
  );
}
