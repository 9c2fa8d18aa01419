// kbgen: mkdocs-material 9.8.2 partials/javascripts/content.html (MIT, (c) Martin Donath), moved out of the
// page unchanged except for template values, which arrive as data- attributes, so the site runs under script-src 'self'.
if(document.currentScript.hasAttribute("data-md-tabs-link")){
var tabs=__md_get("__tabs");if(Array.isArray(tabs))e:for(var set of document.querySelectorAll(".tabbed-set")){var labels=set.querySelector(".tabbed-labels");for(var tab of tabs)for(var label of labels.getElementsByTagName("label"))if(label.innerText.trim()===tab){var input=document.getElementById(label.htmlFor);input.checked=!0;continue e}}
}
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
