const SVG = 'http://www.w3.org/2000/svg';

/**
 * A 16x16 outline icon from path data (strokes on a 16px grid). Decorative: the button around it carries
 * the accessible name. Stroked in currentColor through attributes, so it follows the theme and draws right
 * wherever it is placed, with or without the panel's stylesheet.
 */
export function svgIcon(doc: Document, paths: readonly string[]): SVGSVGElement {
  const svg = doc.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', 'icon');
  for (const d of paths) {
    const p = doc.createElementNS(SVG, 'path');
    p.setAttribute('d', d);
    p.setAttribute('fill', 'none');
    p.setAttribute('stroke', 'currentColor');
    p.setAttribute('stroke-width', '1.3');
    svg.append(p);
  }
  return svg;
}
