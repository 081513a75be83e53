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
})();
