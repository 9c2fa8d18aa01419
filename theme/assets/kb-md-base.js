// kbgen: mkdocs-material 9.8.2 partials/javascripts/base.html (MIT, (c) Martin Donath), moved out of the
// page unchanged except for template values, which arrive as data- attributes, so the site runs under script-src 'self'.
var __kb_base=document.currentScript;
__md_scope=new URL(__kb_base.getAttribute("data-md-scope"),location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
