// Dropping a palette template onto the canvas opens it in the editor. The canvas takes only its own
// drags (the etcd member) and lets these bubble to the stage around it, which handles them here.

import { useCallback, useState, type DragEvent } from 'react';
import { useAppStore } from '../store';
import { templateById, templateMime } from './templates';

/** Handlers for the stage, and the kind being dragged over it (for the hint), if any. */
export function useTemplateDrop() {
  const openInEditor = useAppStore((s) => s.openInEditor);
  const [over, setOver] = useState(false);
  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(templateMime)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setOver(true);
  }, []);
  const onDragLeave = useCallback((e: DragEvent) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
  }, []);
  const onDrop = useCallback(
    (e: DragEvent) => {
      setOver(false);
      const t = templateById(e.dataTransfer.getData(templateMime));
      if (!t) return;
      e.preventDefault();
      openInEditor(t.text);
    },
    [openInEditor],
  );
  return { over, handlers: { onDragOver, onDragLeave, onDrop } };
}

/** The hint over the canvas while a template is dragged onto it. */
export function TemplateDropHint() {
  return (
    <div className="template-drop-hint" aria-hidden="true">
      Drop to open it in the editor
    </div>
  );
}
