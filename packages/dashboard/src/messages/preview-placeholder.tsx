/**
 * PLACEHOLDER: the live preview. The issue asks for the message rendered by the real SDK
 * renderer at desktop and mobile widths; that renderer does not exist yet (packages/sdk is being
 * built). When it does, this component should mount it in a sandboxed same-origin frame with
 * the draft's display and steps. Until then it shows where the preview will go, and why.
 */
export function PreviewPlaceholder() {
  return (
    <section className="section" aria-labelledby="preview-title" data-testid="preview-placeholder">
      <header>
        <h2 id="preview-title">Preview</h2>
      </header>
      <div className="preview-placeholder">
        <p>
          <strong>Live preview is coming.</strong> It will show this message as the Herald SDK renders
          it, at desktop and mobile widths. Until then, send yourself a test (above) to see it on your site.
        </p>
        <div className="preview-frames" aria-hidden="true">
          <div className="preview-frame" style={{ width: 256, height: 160 }}>
            Desktop · 1280 px
          </div>
          <div className="preview-frame" style={{ width: 78, height: 160 }}>
            Mobile
          </div>
        </div>
      </div>
    </section>
  );
}
