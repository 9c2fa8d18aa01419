// kbgen: mkdocs-material 9.8.2 partials/javascripts/outdated.html (MIT, (c) Martin Donath), moved out of the
// page unchanged except for template values, which arrive as data- attributes, so the site runs under script-src 'self'.
var el=document.querySelector("[data-md-component=outdated]"),base=new URL(document.currentScript.getAttribute("data-md-base")),outdated=__md_get("__outdated",sessionStorage,base);!0===outdated&&el&&(el.hidden=!1)
