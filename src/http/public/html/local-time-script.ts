// The only script of the public page (under 1 KB): it rewrites every <time datetime> in the reader's
// own time zone and language, and says so in the footer. Without JavaScript the page shows the
// page's zone, which the server wrote.

/** The body of /assets/local-time.js. */
export const LOCAL_TIME_SCRIPT = `(function(){
var lang=document.documentElement.lang||undefined;
var fmt;try{fmt=new Intl.DateTimeFormat(lang,{year:'numeric',month:'short',day:'numeric',hour:'2-digit',minute:'2-digit',hourCycle:'h23',timeZoneName:'short'});}catch(e){return;}
var nodes=document.querySelectorAll('time[datetime]');
for(var i=0;i<nodes.length;i++){var d=new Date(nodes[i].getAttribute('datetime'));if(!isNaN(d))nodes[i].textContent=fmt.format(d);}
var note=document.querySelector('[data-zone-note]');
if(note&&nodes.length){var zone=Intl.DateTimeFormat().resolvedOptions().timeZone;note.textContent=note.getAttribute('data-yours').replace('{zone}',zone||'');}
})();
`;
