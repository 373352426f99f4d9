// Stroke icons in the style of Lucide (24×24 grid), drawn inline so nothing loads from a CDN.

const paths = {
  crown: 'M2 18h20M3.5 15 2 6l5.5 4L12 4l4.5 6L22 6l-1.5 9z',
  play: 'M7 4.5v15l12-7.5z',
  pause: 'M7 4.5h3.5v15H7zM13.5 4.5H17v15h-3.5z',
  step: 'M5 4.5v15l10-7.5zM18 4.5v15',
  plus: 'M12 5v14M5 12h14',
  power: 'M12 3v8M6.3 6.3a8 8 0 1 0 11.4 0',
  restart: 'M3 12a9 9 0 1 0 3-6.7L3 8M3 3v5h5',
  trash: 'M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3',
  scissors: 'M6 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM6 21a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM20 4 8.1 15.9M14.5 14.5 20 20M8.1 8.1 12 12',
  link: 'M10 13a5 5 0 0 0 7.5.5l3-3a5 5 0 0 0-7-7l-1.7 1.7M14 11a5 5 0 0 0-7.5-.5l-3 3a5 5 0 0 0 7 7l1.7-1.7',
  unlink: 'M9 17H7A5 5 0 0 1 7 7h2M15 7h2a5 5 0 0 1 4 8M8 12h3M2 2l20 20',
  zap: 'M13 2 4 14h7l-1 8 9-12h-7z',
  shield: 'M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10zM9 12l2 2 4-4',
  layout: 'M9.5 5a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0-5 0M2.5 17a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0-5 0M16.5 17a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0-5 0M10.8 7.2 6.2 14.8M13.2 7.2l4.6 7.6M7.5 17h9',
  terminal: 'M4 17l6-5-6-5M12 19h8',
  activity: 'M22 12h-4l-3 9L9 3l-3 9H2',
  x: 'M18 6 6 18M6 6l12 12',
  database: 'M12 8c4.4 0 8-1.3 8-3s-3.6-3-8-3-8 1.3-8 3 3.6 3 8 3zM4 5v14c0 1.7 3.6 3 8 3s8-1.3 8-3V5M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3',
  isolate: 'M9 12a3 3 0 1 0 6 0a3 3 0 1 0-6 0M3 3l4 4M21 3l-4 4M3 21l4-4M21 21l-4-4',
  grip: 'M9 5h.01M9 12h.01M9 19h.01M15 5h.01M15 12h.01M15 19h.01',
  keyboard: 'M3 6h18v12H3zM7 10h.01M11 10h.01M15 10h.01M7 14h10',
  alert: 'M12 9v4M12 17h.01M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z',
  gauge: 'M12 14l4-4M3.3 19a10 10 0 1 1 17.4 0',
  download: 'M12 3v12M7 10l5 5 5-5M4 19h16',
  upload: 'M12 21V9M7 14l5-5 5 5M4 5h16',
} as const;

/** An icon name. */
export type IconName = keyof typeof paths;

/** An inline stroke icon that inherits the text colour. */
export function Icon({ name, size = 16, strokeWidth = 2, className }: { name: IconName; size?: number; strokeWidth?: number; className?: string }) {
  const filled = name === 'play' || name === 'pause' || name === 'step' || name === 'zap';
  return (
    <svg
      className={className}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill={filled ? 'currentColor' : 'none'}
      stroke="currentColor"
      strokeWidth={strokeWidth}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={paths[name]} />
    </svg>
  );
}
