// The whole stylesheet of the public page, inlined in every page (about 4 KB before compression) so
// the first paint needs one request. Colours meet WCAG 2.1 AA contrast in both themes; status is
// never shown by colour alone (each status also has a text label and an icon shape).

/** The page's CSS. `--accent` is set per page from its branding. */
export const PAGE_CSS = `
:root{color-scheme:light dark;--bg:#ffffff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--card:#f6f8fa;
--ok:#1a7f37;--minor:#9a6700;--partial:#bc4c00;--major:#cf222e;--maint:#0969da;--nodata:#d1d9e0;--link:#0969da}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--card:#151b23;
--ok:#3fb950;--minor:#d29922;--partial:#f0883e;--major:#f85149;--maint:#58a6ff;--nodata:#3d444d;--link:#58a6ff}}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--fg)}
a{color:var(--link)}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:var(--bg);padding:4px 8px;z-index:9}
.wrap{max-width:60rem;margin:0 auto;padding:0 1rem}
header.top{border-top:4px solid var(--accent,var(--maint));padding:1.25rem 0 .5rem}
header.top .wrap{display:flex;align-items:center;justify-content:space-between;gap:1rem;flex-wrap:wrap}
.brand{font-size:1.35rem;font-weight:700;color:var(--fg);text-decoration:none;display:flex;align-items:center;gap:.6rem}
.brand img{max-height:2.5rem;max-width:12rem}
nav.top a{margin-left:1rem}
main{padding-bottom:2rem}
h1{font-size:1.5rem;margin:1.25rem 0 .75rem}
h2{font-size:1.15rem;margin:1.75rem 0 .5rem}
h3{font-size:1rem;margin:0}
.banner{border-radius:8px;padding:1rem 1.25rem;font-size:1.2rem;font-weight:600;margin:1rem 0;color:#fff;display:flex;gap:.6rem;align-items:center}
.banner.s-none{background:#1a7f37}.banner.s-minor{background:#7d4e00}.banner.s-major{background:#a8400a}
.banner.s-critical{background:#b91c1c}.banner.s-maintenance{background:#0550ae}
.notice{border:2px solid var(--minor);border-radius:8px;padding:.75rem 1rem;margin:1rem 0}
.card{border:1px solid var(--line);border-radius:8px;margin:.75rem 0;overflow:hidden}
.card>.head{background:var(--card);padding:.75rem 1rem;display:flex;justify-content:space-between;gap:1rem;flex-wrap:wrap}
.card>.body{padding:.75rem 1rem}
ul.plain{list-style:none;margin:0;padding:0}
.comp{padding:.75rem 1rem;border-top:1px solid var(--line)}
.comp:first-child{border-top:0}
.comp .row{display:flex;justify-content:space-between;gap:1rem;flex-wrap:wrap}
.comp .desc{color:var(--muted);font-size:.9rem}
.group>.head h3{font-size:1.05rem}
.st{font-weight:600;white-space:nowrap}
.st::before{content:"";display:inline-block;width:.7em;height:.7em;margin-right:.4em;vertical-align:.05em}
.st-operational{color:var(--ok)}.st-operational::before{background:var(--ok);border-radius:50%}
.st-degraded_performance{color:var(--minor)}.st-degraded_performance::before{background:var(--minor);transform:rotate(45deg)}
.st-partial_outage{color:var(--partial)}.st-partial_outage::before{background:var(--partial)}
.st-major_outage{color:var(--major)}.st-major_outage::before{background:var(--major);clip-path:polygon(50% 0,100% 100%,0 100%)}
.st-under_maintenance{color:var(--maint)}.st-under_maintenance::before{background:var(--maint);border-radius:2px}
table.matrix{border-collapse:collapse;width:100%;font-size:.95rem}
table.matrix th,table.matrix td{border:1px solid var(--line);padding:.45rem .6rem;text-align:left}
table.matrix thead th{background:var(--card)}
.upd{border-left:3px solid var(--line);padding:.25rem 0 .25rem .9rem;margin:.75rem 0}
.upd .meta{color:var(--muted);font-size:.9rem}
.upd .label{font-weight:700;color:var(--fg)}
.md p{margin:.25rem 0 .5rem}.md pre{overflow:auto;background:var(--card);padding:.5rem}
.muted{color:var(--muted)}
.imp-minor{color:var(--minor)}.imp-major{color:var(--partial)}.imp-critical{color:var(--major)}
.bars{display:flex;gap:2px;height:2rem;margin:.5rem 0 .25rem;padding:0;list-style:none}
.bars li{flex:1;border-radius:2px;background:var(--ok);min-width:2px}
details{margin:.4rem 0}summary{cursor:pointer;color:var(--link)}.seg{margin:.5rem 0 0;font-size:.9rem}
.bars .u-nodata{background:var(--nodata)}.bars .u-degraded_performance{background:var(--minor)}
.bars .u-partial_outage{background:var(--partial)}.bars .u-major_outage{background:var(--major)}
.bars .u-under_maintenance{background:var(--maint)}
.barlegend{display:flex;justify-content:space-between;color:var(--muted);font-size:.85rem}
.day{border-top:1px solid var(--line);padding:.6rem 0}
.inc{padding:.3rem 0}.inc h3,.inc h4{font-size:1rem;margin:0}.inc p{margin:.1rem 0}
.pager{display:flex;justify-content:space-between;margin:1.5rem 0}
form.subscribe{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
form.subscribe input[type=email]{flex:1;min-width:14rem;padding:.45rem .6rem;border:1px solid var(--muted);border-radius:6px;background:var(--bg);color:var(--fg);font:inherit}
form.subscribe button{padding:.45rem 1rem;border:0;border-radius:6px;background:#0550ae;color:#fff;font:inherit;cursor:pointer}
footer{border-top:1px solid var(--line);padding:1.25rem 0 2rem;color:var(--muted);font-size:.9rem}
footer .wrap>*{margin:.3rem 0}
footer a{margin-right:1rem}
@media (max-width:40rem){.bars{gap:1px}.banner{font-size:1.05rem}nav.top a{margin:0 1rem 0 0}}
`;
