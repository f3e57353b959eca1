// engage HTML report: filtering and search; the page is complete without it.
(function(){
var panel=document.getElementById('filters');if(!panel)return;panel.hidden=false;
var cards=[].slice.call(document.querySelectorAll('article.card'));
var verdict=document.getElementById('filter-verdict'),claimed=document.getElementById('filter-claimed'),finding=document.getElementById('filter-finding'),
search=document.getElementById('filter-search'),count=document.getElementById('filter-count');
function apply(){var shown=0,q=search.value.trim().toLowerCase();
cards.forEach(function(card){var ok=(!verdict.value||card.dataset.verdict===verdict.value)&&
(!claimed.value||card.dataset.claimed===claimed.value)&&
(!finding.value||(' '+card.dataset.findings+' ').indexOf(' '+finding.value+' ')>=0)&&
(!q||card.dataset.name.indexOf(q)>=0);card.hidden=!ok;if(ok)shown++;});
count.textContent=shown+' of '+cards.length+' shown';}
function fromHash(){var wanted=new URLSearchParams(location.hash.slice(1));
if(!wanted.has('verdict')&&!wanted.has('claimed')&&!wanted.has('finding')&&!wanted.has('q'))return;
verdict.value=wanted.get('verdict')||'';claimed.value=wanted.get('claimed')||'';
finding.value=wanted.get('finding')||'';search.value=wanted.get('q')||'';}
fromHash();
[verdict,claimed,finding,search].forEach(function(el){el.addEventListener('input',apply);el.addEventListener('change',apply);});
window.addEventListener('hashchange',function(){fromHash();apply();panel.scrollIntoView();});
apply();
window.addEventListener('beforeprint',function(){[].forEach.call(document.querySelectorAll('details'),function(d){d.open=true;});});
})();
