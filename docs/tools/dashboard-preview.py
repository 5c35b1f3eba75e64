#!/usr/bin/env python3
# Draws six panels of docs/grafana-dashboard.json from saved /metrics scrapes (scrapes/<epoch>.txt, one
# per second: while true; do curl -s URL > scrapes/$(date +%s.%N).txt; sleep 1; done) into
# dashboard.html, for docs/grafana-preview.png (headless chromium --screenshot). Not Grafana: see
# docs/operations.md.
import os, re, html
rx = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)')
scr = []
for f in sorted(os.listdir('scrapes'), key=lambda f: float(f[:-4])):
    t = float(f[:-4]); d = {}
    for line in open('scrapes/'+f):
        m = rx.match(line)
        if m:
            d[(m.group(1), m.group(2) or '')] = float(m.group(3))
    if d: scr.append((t, d))
t0 = scr[0][0]
def lab(k, name):
    m = re.search(name + r'="([^"]*)"', k[1]); return m.group(1) if m else ''
def gauge(metric, filt=lambda k: True, by=None):
    series = {}
    for t, d in scr:
        for k, v in d.items():
            if k[0] == metric and filt(k):
                key = lab(k, by) if by else metric
                series.setdefault(key, {}).setdefault(t, 0); series[key][t] += v
    return {k: sorted(v.items()) for k, v in series.items()}
def rate(metric, filt=lambda k: True, by=None, w=5, scale=1):
    g = gauge(metric, filt, by); out = {}
    for k, pts in g.items():
        r = []
        for i in range(len(pts)):
            j = max(0, i - w)
            if i > j: r.append((pts[i][0], (pts[i][1] - pts[j][1]) / (pts[i][0] - pts[j][0]) * scale))
        if any(v > 0 for _, v in r): out[k] = r
    return out
COLORS = ['#73bf69', '#f2cc0c', '#5794f2', '#ff780a', '#f2495c', '#b877d9', '#8ab8ff', '#fade2a']
def panel(title, series, unit=''):
    W, H, L, B = 560, 230, 48, 28
    allv = [v for s in series.values() for _, v in s] or [0]
    top = max(allv) * 1.15 or 1
    tmax = scr[-1][0] - t0
    svg = [f'<svg width="{W}" height="{H}">']
    for i in range(5):
        y = 10 + (H - B - 10) * i / 4; val = top * (1 - i / 4)
        svg.append(f'<line x1="{L}" x2="{W-8}" y1="{y}" y2="{y}" stroke="#2c3235"/>')
        svg.append(f'<text x="{L-6}" y="{y+4}" fill="#9fa7b3" font-size="11" text-anchor="end">{val:.3g}{unit}</text>')
    for s in range(0, int(tmax) + 1, 15):
        x = L + (W - L - 8) * s / tmax
        svg.append(f'<text x="{x}" y="{H-8}" fill="#9fa7b3" font-size="11" text-anchor="middle">{s}s</text>')
    legend = []
    for n, (k, pts) in enumerate(sorted(series.items())):
        c = COLORS[n % len(COLORS)]
        p = ' '.join(f'{L + (W-L-8)*(t-t0)/tmax:.1f},{10 + (H-B-10)*(1 - v/top):.1f}' for t, v in pts)
        svg.append(f'<polyline points="{p}" fill="none" stroke="{c}" stroke-width="2"/>')
        legend.append(f'<span style="color:{c}">&#9644;</span> {html.escape(k)}')
    svg.append('</svg>')
    return f'<div class="panel"><div class="title">{html.escape(title)}</div>{"".join(svg)}<div class="legend">{" &nbsp; ".join(legend)}</div></div>'
def stat(title, v, color='#73bf69'):
    return f'<div class="stat"><div class="title">{title}</div><div class="value" style="color:{color}">{v:g}</div></div>'
last = scr[-1][1]
def lastsum(metric): return sum(v for k, v in last.items() if k[0] == metric)
peak_idx = max(range(len(scr)), key=lambda i: sum(v for k, v in scr[i][1].items() if k[0]=='sipwitch_calls_active'))
panels = [
 panel('Calls', {**{'up now': gauge('sipwitch_calls_active')['sipwitch_calls_active']},
                 'peak since start': gauge('sipwitch_calls_peak')['sipwitch_calls_peak']}),
 panel('Ended calls per minute by outcome', rate('sipwitch_calls_ended_total', by='outcome', scale=60)),
 panel('SIP requests received per second', rate('sipwitch_sip_requests_total', lambda k: 'direction="in"' in k[1], by='method')),
 panel('SIP responses sent per second', rate('sipwitch_sip_responses_total', lambda k: 'direction="out"' in k[1], by='code')),
 panel('Bindings by transport', {k: v for k, v in gauge('sipwitch_bindings', by='transport').items() if any(x for _, x in v)}),
 panel('JVM heap used (MiB)', {'heap used': [(t, v / 1048576) for t, v in gauge('jvm_memory_used_bytes', lambda k: 'area="heap"' in k[1])['jvm_memory_used_bytes']]}),
]
stats = [stat('Registered users', lastsum('sipwitch_registered_users')), stat('Bindings', lastsum('sipwitch_bindings')),
         stat('Calls up (at the peak of the run)', sum(v for k, v in scr[peak_idx][1].items() if k[0]=='sipwitch_calls_active')),
         stat('Auth failures', lastsum('sipwitch_auth_failures_total'), '#f2495c')]
page = f'''<!doctype html><html><head><meta charset="utf-8"><style>
body {{ background:#111217; color:#ccccdc; font-family: sans-serif; margin:12px; width:1180px }}
h1 {{ font-size:18px; font-weight:500; margin:4px 0 4px }} .note {{ font-size:12px; color:#9fa7b3; margin-bottom:10px }}
.row {{ display:flex; flex-wrap:wrap; gap:10px }} .panel, .stat {{ background:#181b1f; border:1px solid #2c3235; border-radius:3px; padding:8px }}
.stat {{ width:265px }} .value {{ font-size:40px; font-weight:500 }} .title {{ font-size:13px; margin-bottom:6px }}
.legend {{ font-size:12px }}
</style></head><body><h1>sipwitch &mdash; dashboard panels (not Grafana)</h1>
<div class="note">Panels of docs/grafana-dashboard.json drawn from {len(scr)} real scrapes of /metrics, one per second, while sipp phones registered (one wrong password) and made 30 calls of 6 s at 1 call/s. Rates over 5 s.</div>
<div class="row">{"".join(stats)}</div><div class="row" style="margin-top:10px">{"".join(panels)}</div></body></html>'''
open('dashboard.html', 'w').write(page)
