// The palette's manifests: one chip per template; clicking one (or Enter) opens it in the editor,
// dragging one onto the canvas does too (App's stage takes the drop). Dragged elsewhere, it carries
// the YAML as text, so dropping it into the editor inserts it where it lands.

import type { DragEvent } from 'react';
import { useAppStore } from '../store';
import { templateMime, templates, type ManifestTemplate } from './templates';

function onDragStart(e: DragEvent<HTMLElement>, t: ManifestTemplate) {
  e.dataTransfer.setData(templateMime, t.id);
  e.dataTransfer.setData('text/plain', t.text);
  e.dataTransfer.effectAllowed = 'copy';
}

/** The Manifests section of the palette. */
export function ManifestTemplates() {
  const openInEditor = useAppStore((s) => s.openInEditor);
  return (
    <section className="rail__section" aria-labelledby="palette-manifests">
      <h2 className="rail__heading" id="palette-manifests">
        Manifests
      </h2>
      <div className="palette-templates">
        {templates.map((t) => (
          <button
            key={t.id}
            type="button"
            className="palette-template"
            draggable
            onDragStart={(e) => onDragStart(e, t)}
            onClick={() => openInEditor(t.text)}
            title={`Open the docs' ${t.kind} example in the editor (or drag it onto the canvas)`}
            data-testid={`palette-template-${t.id}`}
          >
            {t.kind}
          </button>
        ))}
      </div>
    </section>
  );
}
