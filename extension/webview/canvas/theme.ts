/**
 * Mermaid's configuration from the VS Code theme. Mermaid computes derived
 * colours (borders, edge label boxes) from its theme variables, so they must
 * be real colours: `var(--vscode-...)` strings would break its colour maths.
 * We read the computed values of VS Code's CSS variables instead, and read
 * them again when the theme changes.
 */
import type { MermaidConfig } from 'mermaid';

const COLOUR = /^(#[0-9a-f]{3,8}|rgba?\([^)]*\)|hsla?\([^)]*\))$/i;

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export function themeKind(body: HTMLElement = document.body): ThemeKind {
  const c = body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  return c.contains('vscode-dark') ? 'dark' : 'light';
}

export function mermaidConfig(): MermaidConfig {
  const css = getComputedStyle(document.body);
  const kind = themeKind();
  const dark = kind === 'dark' || kind === 'high-contrast';
  const colour = (name: string, fallback: string) => {
    const value = css.getPropertyValue(name).trim();
    return COLOUR.test(value) ? value : fallback;
  };
  const background = colour('--vscode-editor-background', dark ? '#1e1e1e' : '#ffffff');
  const foreground = colour('--vscode-editor-foreground', dark ? '#d4d4d4' : '#1f1f1f');
  const focus = colour('--vscode-focusBorder', dark ? '#0078d4' : '#005fb8');
  const contrast = colour('--vscode-contrastBorder', '');
  const widget = colour('--vscode-editorWidget-background', background);
  const fontFamily = css.getPropertyValue('--vscode-font-family').trim() || 'sans-serif';
  return {
    startOnLoad: false,
    securityLevel: 'strict',
    // A failed render throws; without this Mermaid would also draw its own error picture into the page.
    suppressErrorRendering: true,
    // Mermaid refuses texts over 50,000 characters and 500 edges by default: a long sequence file gets past both.
    maxTextSize: 1_000_000,
    maxEdges: 5_000,
    theme: 'base',
    // Plain shapes; Mermaid 12's default 'neo' look drew a 200-step sequence more slowly in our (noisy) trials.
    look: 'classic',
    darkMode: dark,
    fontFamily,
    themeVariables: {
      darkMode: dark,
      background,
      fontFamily,
      primaryColor: widget,
      primaryTextColor: foreground,
      primaryBorderColor: contrast || focus,
      secondaryColor: widget,
      tertiaryColor: background,
      lineColor: foreground,
      textColor: foreground,
      titleColor: foreground,
      nodeTextColor: foreground,
      clusterBkg: widget,
      clusterBorder: contrast || colour('--vscode-panel-border', focus),
      edgeLabelBackground: background,
    },
    flowchart: { htmlLabels: true, useMaxWidth: false },
  };
}

/**
 * Calls `onChange` when VS Code switches theme: it swaps the body's
 * vscode-light/dark/high-contrast class and data-vscode-theme-id, and
 * rewrites the variables in <html>'s style (dark → another dark theme
 * changes only those).
 */
export function watchTheme(onChange: () => void): void {
  const key = () => `${themeKind()}|${document.body.dataset.vscodeThemeId ?? ''}|${document.documentElement.getAttribute('style') ?? ''}`;
  let last = key();
  const observer = new MutationObserver(() => {
    const now = key();
    if (now !== last) {
      last = now;
      onChange();
    }
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-id'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
}
