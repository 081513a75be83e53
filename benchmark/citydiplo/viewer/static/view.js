(function(){
var d=document;
d.querySelectorAll('.text[dir]').forEach(function(el){
el.setAttribute('data-computed-dir',getComputedStyle(el).direction);});
function clear(){d.querySelectorAll('.hl').forEach(function(x){x.classList.remove('hl');});}
d.addEventListener('mouseover',function(ev){
var t=ev.target.closest?ev.target.closest('[data-link],[data-links]'):null;
clear();if(!t)return;
(t.getAttribute('data-link')||t.getAttribute('data-links')).split(' ').forEach(function(id){
if(!id)return;var q=CSS.escape(id);
d.querySelectorAll('[data-links~="'+q+'"],[data-link="'+q+'"]').forEach(function(x){x.classList.add('hl');});
});});
d.querySelectorAll('form.filters').forEach(function(f){
var table=d.getElementById(f.getAttribute('data-for'));if(!table)return;
var out=f.querySelector('output.shown');
function apply(){var want={},shown=0;
f.querySelectorAll('select[data-filter]').forEach(function(s){if(s.value)want[s.getAttribute('data-filter')]=s.value;});
table.querySelectorAll('tbody tr').forEach(function(tr){
var ok=Object.keys(want).every(function(k){return tr.getAttribute('data-'+k)===want[k];});
tr.hidden=!ok;if(ok)shown++;});
if(out)out.textContent=shown+' of '+out.getAttribute('data-total')+' shown';}
f.addEventListener('change',apply);
var h=location.hash.slice(1);if(h){h.split('&').forEach(function(kv){var p=kv.split('=');
var s=f.querySelector('select[data-filter="'+CSS.escape(p[0])+'"]');if(s&&p.length>1)s.value=decodeURIComponent(p[1]);});apply();}
});
d.querySelectorAll('table.sortable').forEach(function(table){
table.querySelectorAll('thead th[data-sort]').forEach(function(th,i){
th.setAttribute('role','button');th.setAttribute('tabindex','0');
function key(tr){var c=tr.children[i];var v=c.getAttribute('data-key')||c.textContent;return v.trim();}
function sort(){var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
var asc=th.getAttribute('aria-sort')!=='ascending';
table.querySelectorAll('thead th').forEach(function(x){x.removeAttribute('aria-sort');});
th.setAttribute('aria-sort',asc?'ascending':'descending');
rows.sort(function(a,b){var x=key(a),y=key(b),nx=parseFloat(x),ny=parseFloat(y);
var c=(!isNaN(nx)&&!isNaN(ny)&&String(nx)===x&&String(ny)===y)?nx-ny:x.localeCompare(y,undefined,{numeric:true});
return asc?c:-c;});
rows.forEach(function(r){body.appendChild(r);});}
th.addEventListener('click',sort);
var m=/(?:^#|&)sort=([^&]*)/.exec(location.hash);if(m&&decodeURIComponent(m[1])===th.textContent.trim())sort();
th.addEventListener('keydown',function(ev){if(ev.key==='Enter'||ev.key===' '){ev.preventDefault();sort();}});
});});
var NS='http://www.w3.org/2000/svg';
function unlink(){d.querySelectorAll('svg.links').forEach(function(x){x.remove();});}
function drawArgs(trig){unlink();var key=trig.getAttribute('data-links'),box=trig.closest('.text');
if(!key||!box)return 0;var b=box.getBoundingClientRect(),t=trig.getBoundingClientRect();
var svg=d.createElementNS(NS,'svg');svg.setAttribute('class','links');
svg.setAttribute('width',box.scrollWidth);svg.setAttribute('height',box.scrollHeight);var n=0;
box.querySelectorAll('[data-kind="argument"][data-links~="'+CSS.escape(key)+'"]').forEach(function(a){
if(a.classList.contains('cont'))return;var r=a.getBoundingClientRect(),l=d.createElementNS(NS,'line');
l.setAttribute('x1',t.left+t.width/2-b.left);l.setAttribute('y1',t.top-b.top);
l.setAttribute('x2',r.left+r.width/2-b.left);l.setAttribute('y2',r.top-b.top);
l.setAttribute('class','link '+(a.getAttribute('data-error')||''));svg.appendChild(l);n++;});
box.appendChild(svg);return n;}
d.addEventListener('mouseover',function(ev){var t=ev.target.closest?ev.target.closest('[data-kind="trigger"]'):null;
if(t)drawArgs(t);else unlink();});
var sh=/(?:^#|&)show=([^&]*)/.exec(location.hash);if(sh){var st=d.querySelector('[data-kind="trigger"][data-links="'+CSS.escape(decodeURIComponent(sh[1]))+'"]');
if(st)d.documentElement.setAttribute('data-drawn',drawArgs(st));}
var hh=/(?:^#|&)hl=([^&]*)/.exec(location.hash);if(hh){var hq=CSS.escape(decodeURIComponent(hh[1]));
d.querySelectorAll('[data-links~="'+hq+'"],[data-link="'+hq+'"]').forEach(function(x){x.classList.add('hl');});}
function pick(ids){d.querySelectorAll('.sel').forEach(function(x){x.classList.remove('sel');});var n=0;
ids.forEach(function(id){if(!id)return;var q=CSS.escape(id);
d.querySelectorAll('[data-links~="'+q+'"],[data-link="'+q+'"]').forEach(function(x){x.classList.add('sel');n++;});});
d.documentElement.setAttribute('data-selected',n);return n;}
d.addEventListener('click',function(ev){var t=ev.target.closest?ev.target.closest('table.versions [data-kind],table.aligned [data-link]'):null;
if(!t)return;var id=t.getAttribute('data-id')||t.getAttribute('data-event')||t.getAttribute('data-link');
pick(t.classList.contains('sel')||!id?[]:[id]);});
var se=/(?:^#|&)select=([^&]*)/.exec(location.hash);if(se)pick(decodeURIComponent(se[1]).split(' '));
function layout(){
var bad=[],root=d.documentElement;
d.querySelectorAll('main,aside,section,table,svg,form,figure,pre,nav,h1,p,.text,.charts,.confusions').forEach(function(el){
var p=el.parentElement;if(!p||el.closest('details:not([open])')||el.classList.contains('links'))return;
var r=el.getBoundingClientRect(),q=p.getBoundingClientRect(),cs=getComputedStyle(p);
if(r.width===0)return;
var right=q.right-parseFloat(cs.paddingRight)-parseFloat(cs.borderRightWidth)+1;
var left=q.left+parseFloat(cs.paddingLeft)+parseFloat(cs.borderLeftWidth)-1;
if(r.right>right||r.left<left)bad.push(el.tagName.toLowerCase()+(el.id?'#'+el.id:'')+(el.classList.length?'.'+el.classList[0]:''));});
d.querySelectorAll('svg.chart').forEach(function(svg){var q=svg.getBoundingClientRect();
svg.querySelectorAll('text').forEach(function(t){var r=t.getBoundingClientRect();
if(r.left<q.left-1||r.right>q.right+1)bad.push('svg-text:'+t.textContent.replace(/\s+/g,'_'));});});
root.setAttribute('data-overflow',bad.join(' '));
root.setAttribute('data-scroll-width',root.scrollWidth);root.setAttribute('data-client-width',root.clientWidth);}
layout();
})();
