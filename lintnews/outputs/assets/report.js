(function(){
"use strict";
var DATA=JSON.parse(document.getElementById("lintnews-data").textContent);
var PAL=JSON.parse(document.getElementById("lintnews-palette").textContent);
var detail=document.getElementById("detail");
// the view blanks what is not article text (front matter, markup) with spaces of the same length, so offsets
// hold; on screen a run of those spaces is one space
function shown(s){return s.replace(/[ \t]{2,}/g," ");}
function el(tag,attrs,text){var e=document.createElement(tag);if(attrs)for(var k in attrs)e.setAttribute(k,attrs[k]);if(text!=null)e.textContent=text;return e;}
function active(){
  var cats={},sevs={};
  document.querySelectorAll(".fcat").forEach(function(c){cats[c.value]=c.checked;});
  document.querySelectorAll(".fsev").forEach(function(c){sevs[c.value]=c.checked;});
  return function(f){return cats[f.c]!==false&&sevs[f.s]!==false;};
}
function render(i){
  var sec=document.getElementById("a"+i),body=sec.querySelector(".body");
  if(body.dataset.rendered==="1")return;
  var a=DATA[i],t=a.t,fs=a.f.slice().sort(function(x,y){return x.o-y.o||y.l-x.l;});
  body.textContent="";
  // paragraphs split on blank lines (or single newlines when the article has none)
  var sep=/\n[ \t\r]*\n/.test(t)?/\n[ \t\r]*\n\s*/g:/\n/g,paras=[],pos=0,m;
  while((m=sep.exec(t))!==null){paras.push([pos,m.index]);pos=m.index+m[0].length;}
  paras.push([pos,t.length]);
  // a paragraph's bounds pulled in past blanked space; one that is only blanked space (front matter) is not shown
  paras=paras.map(function(pr){var s=pr[0],e=pr[1];while(s<e&&/\s/.test(t[s]))s++;while(e>s&&/\s/.test(t[e-1]))e--;return [s,e];})
    .filter(function(pr){return pr[1]>pr[0]||fs.some(function(f){return f.l===0&&f.o===pr[0];});});
  var k=0;
  paras.forEach(function(pr){
    var p=el("p"),cur=pr[0],end=pr[1];
    if(a.ts&&a.ts[0]>=pr[0]&&a.ts[0]<end)p.className="title";
    while(k<fs.length&&fs[k].o+fs[k].l<=pr[0]&&!(fs[k].l===0&&fs[k].o===pr[0]))k++;
    for(var j=k;j<fs.length&&fs[j].o<end+1;j++){
      var f=fs[j],s=Math.max(f.o,cur),e=Math.min(f.o+f.l,end);
      if(f.o<cur&&f.l>0&&f.o+f.l<=cur)continue;
      if(s>cur)p.appendChild(document.createTextNode(shown(t.slice(cur,s))));
      var mk=el("mark",{"data-a":i,"data-j":a.f.indexOf(f),"data-c":f.c,"data-s":f.s,"tabindex":"0","title":f.c+": "+f.m},e>s?shown(t.slice(s,e)):"");
      mk.style.setProperty("--c",PAL[f.c]||"#999");
      if(e<=s)mk.className="zero";
      p.appendChild(mk);
      if(e>cur)cur=e;
    }
    if(cur<end)p.appendChild(document.createTextNode(shown(t.slice(cur,end))));
    // the title is the section's heading already: its paragraph is shown only for what was found in it
    if(p.className==="title"&&!p.querySelector("mark"))return;
    body.appendChild(p);
  });
  body.dataset.rendered="1";
  applyFilter();
}
function show(i,j){
  var f=DATA[i].f[j];
  document.querySelectorAll("mark.sel").forEach(function(m){m.classList.remove("sel");});
  var mk=document.querySelector('mark[data-a="'+i+'"][data-j="'+j+'"]');if(mk)mk.classList.add("sel");
  detail.textContent="";
  detail.appendChild(el("div",{"class":"rule"},f.r+" · "+f.c+" · "+f.s+" · line "+f.ln));
  detail.appendChild(el("p",{"class":"message"},f.m));
  if(f.g.length){detail.appendChild(el("strong",null,"Suggestions"));var ul=el("ul");f.g.forEach(function(g){ul.appendChild(el("li",null,g));});detail.appendChild(ul);}
  if(f.fx){
    detail.appendChild(el("strong",null,"Fix ("+f.fx.a+")"));
    var pre=el("pre",{"class":"fix"});pre.appendChild(el("del",null,f.fx.b));pre.appendChild(document.createTextNode(" → "));
    pre.appendChild(el("ins",null,f.fx.f));detail.appendChild(pre);
  } else detail.appendChild(el("p",{"class":"hint"},"No automatic fix: an editor decides."));
}
function applyFilter(){
  var ok=active();
  document.querySelectorAll("mark").forEach(function(m){
    var f=DATA[+m.dataset.a].f[+m.dataset.j];m.classList.toggle("hidden",!ok(f));
  });
}
document.addEventListener("click",function(ev){
  var m=ev.target.closest&&ev.target.closest("mark");
  if(m&&!m.classList.contains("hidden")){show(+m.dataset.a,+m.dataset.j);return;}
  var g=ev.target.closest&&ev.target.closest("a.goto");if(g)render(+g.dataset.i);
});
document.addEventListener("keydown",function(ev){
  var m=ev.target.closest&&ev.target.closest("mark");if(m&&(ev.key==="Enter"||ev.key===" ")){ev.preventDefault();show(+m.dataset.a,+m.dataset.j);}
});
document.querySelectorAll(".fcat,.fsev").forEach(function(c){c.addEventListener("change",applyFilter);});
// sortable summary
document.querySelectorAll("#summary th").forEach(function(th){
  th.addEventListener("click",function(){
    var k=+th.dataset.k,tb=document.querySelector("#summary tbody"),rows=Array.prototype.slice.call(tb.rows);
    var asc=!th.classList.contains("sorted-asc");
    document.querySelectorAll("#summary th").forEach(function(h){h.classList.remove("sorted-asc","sorted-desc");});
    th.classList.add(asc?"sorted-asc":"sorted-desc");
    rows.sort(function(a,b){
      var x=a.cells[k].textContent,y=b.cells[k].textContent,nx=parseFloat(x||"0"),ny=parseFloat(y||"0");
      var r=k===0?x.localeCompare(y):nx-ny;return asc?r:-r;
    });
    rows.forEach(function(r){tb.appendChild(r);});
    // the article sections follow the table
    var box=document.getElementById("articles");
    rows.forEach(function(r){box.appendChild(document.getElementById("a"+r.dataset.i));});
  });
});
// the sticky header's height, for what must sit below it (the detail panel, a section jumped to)
function headerHeight(){document.documentElement.style.setProperty("--head",document.querySelector("header").offsetHeight+"px");}
headerHeight();window.addEventListener("resize",headerHeight);
// lazy sections: an article's text is built only when it comes near the screen
if("IntersectionObserver" in window){
  var io=new IntersectionObserver(function(es){es.forEach(function(e){if(e.isIntersecting){render(+e.target.dataset.i);io.unobserve(e.target);}});},{rootMargin:"600px"});
  document.querySelectorAll("section.article").forEach(function(s){io.observe(s);});
} else {DATA.forEach(function(_,i){render(i);});}
window.lintnewsRender=render;window.lintnewsShow=show;
})();
