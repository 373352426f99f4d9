// The menu of a process card (a worker node, a controller-manager, a scheduler): its actions on one
// row, a note underneath. Opened from the keyboard it takes focus; Escape closes it and gives focus
// back to the card. Which card's menu is open is the canvas's (ApiServerMenuContext).
import { useContext, useEffect, useRef, type KeyboardEvent } from 'react';
import { ApiServerMenuContext, nodeElement } from './ApiServerNode';
import { Icon, type IconName } from './Icon';

/** One item of a card's menu. */
export interface CardMenuItem {
  label: string;
  icon: IconName;
  tone?: 'danger' | 'ok';
  disabled?: boolean;
  testId: string;
  onSelect(): void;
}

/** The menu of card `name`. */
export function CardMenu({ name, title, items, note, testId }: { name: string; title: string; items: CardMenuItem[]; note?: React.ReactNode; testId: string }) {
  const menu = useContext(ApiServerMenuContext);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (menu.open !== name || !menu.focus) return;
    const id = requestAnimationFrame(() => {
      ref.current?.querySelector<HTMLElement>('[role="menuitem"]:not(:disabled)')?.focus();
      menu.focused();
    });
    return () => cancelAnimationFrame(id);
  }, [menu, name]);

  const close = () => {
    const hadFocus = !!ref.current?.contains(document.activeElement);
    menu.setOpen(null);
    if (hadFocus) nodeElement(name)?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter' || e.key === ' ') e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  };
  return (
    <div ref={ref} className="menu nodrag nopan" role="menu" aria-label={`${title} actions`} data-testid={testId} onKeyDown={onKeyDown} onClick={(e) => e.stopPropagation()}>
      <div className="menu__title">{title}</div>
      {items.map((it) => (
        <button
          key={it.testId}
          type="button"
          role="menuitem"
          className={`menu__item${it.tone ? ` menu__item--${it.tone}` : ''}`}
          disabled={it.disabled}
          data-testid={it.testId}
          onClick={() => {
            close();
            it.onSelect();
          }}
        >
          <Icon name={it.icon} size={14} /> {it.label}
        </button>
      ))}
      <button type="button" className="menu__close" aria-label="Close menu" onClick={close}>
        <Icon name="x" size={13} />
      </button>
      {note && <div className="menu__note">{note}</div>}
    </div>
  );
}
