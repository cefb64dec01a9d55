"""Server-rendered SVG charts for the stats page (no JavaScript, no CDN); every label is escaped."""
from __future__ import annotations

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

PALETTE = ("#b8322f", "#d97b29", "#7b4fa6", "#2f6db8", "#2a8a6a", "#8a6d2a", "#6b7280", "#c2417a", "#3b8ea5", "#5a5a9a")


def colour_map(keys) -> dict:
    return {key: PALETTE[i % len(PALETTE)] for i, key in enumerate(keys)}


def stacked_bars(*, columns: list[str], series: list[dict], keys: list[str], title: str,
                 width: int = 720, height: int = 220) -> SafeString:
    """One stacked bar per column (e.g. per day); `series[i]` maps key -> count for column i."""
    colours = colour_map(keys)
    top = max([sum(s.values()) for s in series] + [1])
    pad_left, pad_bottom, pad_top = 36, 34, 10
    plot_h = height - pad_bottom - pad_top
    step = (width - pad_left) / max(len(columns), 1)
    bar_w = max(step * 0.7, 2)
    parts = [format_html('<line x1="{}" y1="{}" x2="{}" y2="{}" class="axis"/>', pad_left, pad_top + plot_h,
                         width, pad_top + plot_h),
             format_html('<text x="{}" y="{}" class="tick" text-anchor="end">{}</text>', pad_left - 4, pad_top + 8, top),
             format_html('<text x="{}" y="{}" class="tick" text-anchor="end">0</text>', pad_left - 4, pad_top + plot_h)]
    for i, (label, values) in enumerate(zip(columns, series)):
        x = pad_left + i * step + (step - bar_w) / 2
        y = pad_top + plot_h
        for key in keys:
            n = values.get(key, 0)
            if not n:
                continue
            h = plot_h * n / top
            y -= h
            parts.append(format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{} · {}: {}</title></rect>',
                f"{x:.1f}", f"{y:.1f}", f"{bar_w:.1f}", f"{h:.1f}", colours[key], label, key, n))
        parts.append(format_html('<text x="{}" y="{}" class="tick" text-anchor="middle">{}</text>',
                                 f"{x + bar_w / 2:.1f}", height - pad_bottom + 14, label))
    return _svg(parts, width, height, title) + legend(keys, colours)


def hbars(*, rows: list[tuple[str, float, str]], title: str, width: int = 720, max_value: float | None = None,
          colour: str = "#2f6db8") -> SafeString:
    """Horizontal bars: (label, value, text shown after the bar)."""
    row_h, label_w = 24, 190
    height = row_h * max(len(rows), 1) + 8
    top = max_value or max([v for _, v, _ in rows] + [1])
    parts = []
    for i, (label, value, text) in enumerate(rows):
        y = 4 + i * row_h
        w = (width - label_w - 120) * (value / top if top else 0)
        parts.append(format_html(
            '<text x="{}" y="{}" class="label" text-anchor="end">{}</text>'
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>'
            '<text x="{}" y="{}" class="tick">{}</text>',
            label_w - 6, y + 15, label, label_w, y + 3, f"{w:.1f}", row_h - 8, colour, label, text,
            f"{label_w + w + 6:.1f}", y + 15, text))
    return _svg(parts, width, height, title)


def legend(keys, colours) -> SafeString:
    items = format_html_join(
        "", '<li><svg class="swatch" width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="{}"/></svg>{}</li>', ((colours[k], k) for k in keys))
    return format_html('<ul class="chart-legend">{}</ul>', items)


def _svg(parts, width, height, title) -> SafeString:
    body = mark_safe("".join(str(p) for p in parts))
    return format_html(
        '<svg class="chart" role="img" viewBox="0 0 {} {}" width="100%" preserveAspectRatio="xMinYMin meet" '
        'xmlns="http://www.w3.org/2000/svg" direction="ltr"><title>{}</title>{}</svg>',
        width, height, escape(title), body)
