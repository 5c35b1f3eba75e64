"""Rate vs p99 of sipwitch and Kamailio from a compare result folder, as SVG (stdlib only).

    python3 plot.py OUT plot.svg

Reads every summary.tsv under OUT/ours-<test>/ and OUT/kam-<test>/ (the cold steps
apart: they are a different question); columns as run-anchor.sh writes them.
"""
import glob
import math
import os
import statistics
import sys

TESTS = ["reg", "callauth", "call"]
SERVERS = [("ours", "sipwitch", "#1f6fb4"), ("kam", "Kamailio", "#e07b00")]
W, H = 1200, 460
PANEL_W, GAP, TOP, BOTTOM, LEFT = 340, 50, 50, 380, 60  # 3 panels + gaps fit in W


def steps(out, server, test):
    rows = []
    for path in glob.glob(os.path.join(out, f"{server}-{test}", "**", "summary.tsv"), recursive=True):
        if os.sep + "cold" + os.sep in path:
            continue
        with open(path) as f:
            head = f.readline().rstrip("\n").split("\t")
            for line in f:
                c = dict(zip(head, line.rstrip("\n").split("\t")))
                try:
                    rows.append((int(c["rate"]), float(c["rtd1_p99_ms"]), c["verdict"]))
                except (KeyError, ValueError):
                    pass
    return rows


def main(out, svg_path):
    data = {(s, t): steps(out, s, t) for s, _, _ in SERVERS for t in TESTS}
    tests = [t for t in TESTS if data[("ours", t)] or data[("kam", t)]]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
             f'<rect width="{W}" height="{H}" fill="white"/>',
             f'<text x="{W / 2}" y="20" text-anchor="middle" font-size="15">p99 response time (sipp rtd1) vs offered rate'
             f' — {os.path.basename(os.path.normpath(out))}</text>']
    ymin, ymax = 0.5, 5000.0

    def y_of(v):
        v = min(max(v, ymin), ymax)
        return BOTTOM - (math.log10(v) - math.log10(ymin)) / (math.log10(ymax) - math.log10(ymin)) * (BOTTOM - TOP)

    for i, t in enumerate(tests):
        x0 = LEFT + i * (PANEL_W + GAP)
        rates = [r for s, _, _ in SERVERS for r, _, _ in data[(s, t)]] or [1]
        xmax = max(rates) * 1.05

        def x_of(r):
            return x0 + r / xmax * PANEL_W

        parts.append(f'<text x="{x0 + PANEL_W / 2}" y="{TOP - 8}" text-anchor="middle" font-weight="bold">{t}</text>')
        parts.append(f'<rect x="{x0}" y="{TOP}" width="{PANEL_W}" height="{BOTTOM - TOP}" fill="none" stroke="#888"/>')
        for v in (1, 10, 100, 1000):
            y = y_of(v)
            parts.append(f'<line x1="{x0}" y1="{y}" x2="{x0 + PANEL_W}" y2="{y}" stroke="#ddd"/>')
            parts.append(f'<text x="{x0 - 4}" y="{y + 4}" text-anchor="end">{v}</text>')
        y10 = y_of(10)
        parts.append(f'<line x1="{x0}" y1="{y10}" x2="{x0 + PANEL_W}" y2="{y10}" stroke="#c00" stroke-dasharray="4 3"/>')
        step = 10 ** int(math.log10(xmax)) if xmax >= 10 else 1
        if xmax / step < 3:
            step //= 2 or 1
        r = step
        while r < xmax:
            parts.append(f'<text x="{x_of(r)}" y="{BOTTOM + 16}" text-anchor="middle">{r}</text>')
            r += step
        parts.append(f'<text x="{x0 + PANEL_W / 2}" y="{BOTTOM + 34}" text-anchor="middle">offered rate (flows or calls /s)</text>')
        if i == 0:
            parts.append(f'<text x="16" y="{(TOP + BOTTOM) / 2}" transform="rotate(-90 16 {(TOP + BOTTOM) / 2})" '
                         f'text-anchor="middle">p99 ms (log); dashed: 10 ms</text>')
        for s, _, colour in SERVERS:
            rows = data[(s, t)]
            by_rate = {}
            for rate, p99, verdict in rows:
                by_rate.setdefault(rate, []).append(p99)
                fill = colour if verdict == "CLEAN" else "white"
                parts.append(f'<circle cx="{x_of(rate):.1f}" cy="{y_of(p99):.1f}" r="3.5" fill="{fill}" stroke="{colour}"/>')
            pts = " ".join(f"{x_of(r):.1f},{y_of(statistics.median(v)):.1f}" for r, v in sorted(by_rate.items()))
            if pts:
                parts.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="1.5"/>')
    lx = W - 330
    for j, (_, name, colour) in enumerate(SERVERS):
        parts.append(f'<circle cx="{lx + j * 110}" cy="{H - 22}" r="4" fill="{colour}"/>'
                     f'<text x="{lx + 8 + j * 110}" y="{H - 18}">{name}</text>')
    parts.append(f'<circle cx="{lx + 220}" cy="{H - 22}" r="4" fill="white" stroke="#555"/>'
                 f'<text x="{lx + 228}" y="{H - 18}">not CLEAN</text>')
    parts.append("</svg>")
    with open(svg_path, "w") as f:
        f.write("\n".join(parts))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
