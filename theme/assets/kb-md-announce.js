// kbgen: mkdocs-material 9.8.2 partials/javascripts/announce.html (MIT, (c) Martin Donath), moved out of the
// page unchanged except for template values, which arrive as data- attributes, so the site runs under script-src 'self'.
var el=document.querySelector("[data-md-component=announce]");if(el){var content=el.querySelector(".md-typeset");__md_hash(content.innerHTML)===__md_get("__announce")&&(el.hidden=!0)}
