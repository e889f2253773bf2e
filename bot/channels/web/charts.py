"""Small server-rendered SVG charts (no JavaScript, nothing loaded from elsewhere); every label is escaped."""

from __future__ import annotations

from markupsafe import Markup, escape

PALETTE = ("#2563eb", "#16a34a", "#f59e0b", "#dc2626", "#7c3aed", "#0891b2")
W, H, PAD_L, PAD_B, PAD_T = 640, 220, 40, 28, 12


def _svg(body: str, *, width: int = W, height: int = H, title: str) -> Markup:
    return Markup(
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        f'preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>{body}</svg>'
    )


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step:
            return float(step)
    return float(value)


def _axes(top: float, *, unit: str = "") -> str:
    plot_h = H - PAD_B - PAD_T
    parts = []
    for frac in (0.0, 0.5, 1.0):
        y = PAD_T + plot_h * (1 - frac)
        label = f"{top * frac:g}{unit}"
        parts.append(f'<line x1="{PAD_L}" y1="{y:.1f}" x2="{W - 8}" y2="{y:.1f}" stroke="#e5e7eb"/>')
        parts.append(
            f'<text x="{PAD_L - 4}" y="{y + 4:.1f}" font-size="10" text-anchor="end" fill="#6b7280">{escape(label)}</text>'
        )
    return "".join(parts)


def _day_labels(days: list[str], x_of: list[float]) -> str:
    every = max(1, len(days) // 7)
    return "".join(
        f'<text x="{x:.1f}" y="{H - 10}" font-size="10" text-anchor="middle" fill="#6b7280">{escape(d[5:])}</text>'
        for i, (d, x) in enumerate(zip(days, x_of, strict=True))
        if i % every == 0
    )


def _legend(names: list[str]) -> str:
    return "".join(
        f'<rect x="{PAD_L + i * 110}" y="0" width="10" height="10" fill="{PALETTE[i % len(PALETTE)]}"/>'
        f'<text x="{PAD_L + 14 + i * 110}" y="9" font-size="10" fill="#374151">{escape(n)}</text>'
        for i, n in enumerate(names)
    )


def stacked_bars(days: list[str], series: dict[str, dict[str, int]], *, title: str) -> Markup:
    """Stacked columns per day, one colour per series (e.g. conversations per day by channel)."""
    names = sorted(series)
    totals = [sum(series[n].get(d, 0) for n in names) for d in days]
    top = _nice_max(max(totals, default=0))
    plot_w, plot_h = W - PAD_L - 8, H - PAD_B - PAD_T
    slot = plot_w / max(len(days), 1)
    parts, xs = [_axes(top)], []
    for i, day in enumerate(days):
        x = PAD_L + i * slot + slot * 0.15
        xs.append(x + slot * 0.35)
        y: float = PAD_T + plot_h
        for j, name in enumerate(names):
            v = series[name].get(day, 0)
            if not v:
                continue
            h = plot_h * v / top
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{h:.1f}" fill="{PALETTE[j % len(PALETTE)]}">'
                f"<title>{escape(day)} {escape(name)}: {v}</title></rect>"
            )
    parts.append(_day_labels(days, xs))
    parts.append(_legend(names))
    return _svg("".join(parts), title=title)


def lines(days: list[str], series: dict[str, list[float | None]], *, title: str, unit: str = "") -> Markup:
    """One polyline per series over days (gaps where a day has no value)."""
    values = [v for vals in series.values() for v in vals if v is not None]
    top = _nice_max(max(values, default=0.0))
    plot_w, plot_h = W - PAD_L - 8, H - PAD_B - PAD_T
    step = (plot_w - 16) / max(len(days) - 1, 1)  # room for the last day label
    xs = [PAD_L + i * step for i in range(len(days))]
    parts = [_axes(top, unit=unit)]
    for j, (name, vals) in enumerate(series.items()):
        pts = [f"{xs[i]:.1f},{PAD_T + plot_h * (1 - v / top):.1f}" for i, v in enumerate(vals) if v is not None]
        colour = PALETTE[j % len(PALETTE)]
        if pts:
            parts.append(
                f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{" ".join(pts)}"><title>{escape(name)}</title></polyline>'
            )
            parts.extend(
                f'<circle cx="{p.split(",")[0]}" cy="{p.split(",")[1]}" r="2.5" fill="{colour}"/>' for p in pts
            )
    parts.append(_day_labels(days, xs))
    parts.append(_legend(list(series)))
    return _svg("".join(parts), title=title)


def hbars(items: list[tuple[str, int]], *, title: str) -> Markup:
    """Horizontal bars with labels (e.g. top intents)."""
    row_h, label_w = 22, 150
    height = max(len(items), 1) * row_h + 8
    top = max((v for _, v in items), default=0) or 1
    parts = []
    for i, (label, value) in enumerate(items):
        y = 4 + i * row_h
        w = (W - label_w - 50) * value / top
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 14}" font-size="11" text-anchor="end" fill="#374151">{escape(label)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" fill="{PALETTE[0]}"/>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + 14}" font-size="11" fill="#374151">{value}</text>'
        )
    return _svg("".join(parts), height=height, title=title)


def ratio(value: float | None, *, title: str, good_high: bool = True) -> Markup:
    """A single share as a filled bar with its percentage (n/a when there is no data)."""
    width, height = 220, 34
    if value is None:
        body = (
            f'<rect x="0" y="8" width="{width}" height="14" rx="7" fill="#e5e7eb"/>'
            f'<text x="{width / 2}" y="19" font-size="10" text-anchor="middle" fill="#6b7280">no data</text>'
        )
        return _svg(body, width=width, height=height, title=title)
    good = value >= 0.5 if good_high else value < 0.2
    colour = "#16a34a" if good else "#f59e0b"
    body = (
        f'<rect x="0" y="8" width="{width}" height="14" rx="7" fill="#e5e7eb"/>'
        f'<rect x="0" y="8" width="{width * max(0.0, min(value, 1.0)):.1f}" height="14" rx="7" fill="{colour}"/>'
        f'<text x="{width / 2}" y="19" font-size="10" text-anchor="middle" fill="#111827">{value * 100:.1f}%</text>'
    )
    return _svg(body, width=width, height=height, title=title)
