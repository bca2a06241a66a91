// The widget behind /embed/script.js. A host site adds
//   <script src="https://status.example.com/embed/script.js" async></script>
// and, while an incident is unresolved or maintenance is under way, its readers see a small notice
// in the bottom corner linking to the status page. The script reads the public, CORS-enabled
// summary.json, builds its notice with textContent (never HTML from the API) inside a shadow root
// (so neither page's CSS leaks into the other), defines no globals, and reports what it did with a
// `pharos:embed` event on `document` ({ detail: { shown } }) for hosts that want to react.
// The notice is a <pharos-status-notice> element, a name no host stylesheet targets by accident.

/** Where the status page lives. */
export interface EmbedScriptOptions {
  /** Base of the page's public routes (no trailing slash). */
  baseUrl: string;
}

const SCRIPT = `(function(){
var B=__BASE__,d=document,K="pharos-embed:";
function done(s){try{d.dispatchEvent(new CustomEvent("pharos:embed",{detail:{shown:s}}))}catch(e){}}
function ok(u){return typeof u=="string"&&/^https?:\\/\\//.test(u)}
function show(s,items){
var it=items[0],key=K+it.id+":"+it.updated_at,st;
try{st=window.sessionStorage;if(st.getItem(key))return done(false)}catch(e){}
var m=!!it.scheduled_for,host=d.createElement("pharos-status-notice"),r=host.attachShadow({mode:"open"});
r.innerHTML="<style>:host{all:initial!important;display:block!important}.n{position:fixed;right:16px;bottom:16px;z-index:2147483647;box-sizing:border-box;max-width:min(340px,calc(100vw - 32px));font:14px/1.4 system-ui,sans-serif;background:#fff;color:#1b1b1b;border:1px solid #c4c4c4;border-left:5px solid #b3261e;border-radius:6px;padding:12px 40px 12px 14px;box-shadow:0 2px 10px rgba(0,0,0,.2)}.m{border-left-color:#1565c0}p{margin:0 0 6px}strong{display:block}a{color:#0b57d0}button{position:absolute;top:6px;right:6px;width:28px;height:28px;border:0;border-radius:4px;background:none;color:inherit;font:20px/1 system-ui,sans-serif;cursor:pointer}a:focus-visible,button:focus-visible{outline:2px solid currentColor;outline-offset:2px}@media (prefers-color-scheme:dark){.n{background:#202124;color:#e8eaed;border-color:#5f6368;border-left-color:#f28b82}.m{border-left-color:#8ab4f8}a{color:#8ab4f8}}</style>";
var n=d.createElement("div");n.className="n"+(m?" m":"");n.setAttribute("role","status");n.setAttribute("aria-live","polite");
var p=d.createElement("p"),t=d.createElement("strong");
t.textContent=(m?"Maintenance in progress: ":"Incident: ")+it.name;p.appendChild(t);
if(items.length>1)p.appendChild(d.createTextNode("and "+(items.length-1)+" more"));
var a=d.createElement("a"),u=ok(it.shortlink)?it.shortlink:ok(s.page&&s.page.url)?s.page.url:B;
a.href=u;a.target="_blank";a.rel="noopener";a.textContent="View "+((s.page&&s.page.name)||"status page");
var b=d.createElement("button");b.type="button";b.setAttribute("aria-label","Dismiss status notice");b.textContent="\\u00d7";
b.onclick=function(){host.remove();try{st.setItem(key,"1")}catch(e){}};
n.appendChild(p);n.appendChild(a);n.appendChild(b);r.appendChild(n);
d.body.appendChild(host);done(true)}
function run(){fetch(B+"/api/v2/summary.json",{credentials:"omit"}).then(function(r){return r.ok?r.json():null}).then(function(s){
if(!s)return done(false);
var items=(s.incidents||[]).concat((s.scheduled_maintenances||[]).filter(function(x){return x.status=="in_progress"||x.status=="verifying"}));
items.length?show(s,items):done(false)}).catch(function(){done(false)})}
if(d.body)run();else d.addEventListener("DOMContentLoaded",run)
})();
`;

/** The widget script for `/embed/script.js`, bound to one page's base URL. */
export function renderEmbedScript(opts: EmbedScriptOptions): string {
  // JSON is a valid JS string literal; escaping "<" keeps the script safe even if inlined in HTML.
  const base = JSON.stringify(opts.baseUrl.replace(/\/+$/, '')).replace(/</g, '\\u003c');
  return SCRIPT.replace('__BASE__', () => base);
}
