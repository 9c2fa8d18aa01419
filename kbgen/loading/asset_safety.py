"""Decides whether an SVG file is a plain drawing, because an SVG opened by a reader runs in the site's origin.

A browser that opens `diagram.svg` directly treats it as a document: its scripts, event handlers and
`<foreignObject>` HTML run with the site's cookies and storage, and the page's CSP `<meta>` does not apply. An
allowlist sanitiser cannot repair such a file safely (nh3/ammonia is an HTML serialiser: it drops `xlink:href`
and namespaces, which breaks ordinary drawings), so kbgen refuses any SVG that is not inert and says what is
active. The check is an allowlist: SVG drawing elements, editor metadata in known inert namespaces, references to
`#ids` inside the file, links, and raster images embedded as `data:image/...`. Anything else is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.parsers import expat

SVG_NS = "http://www.w3.org/2000/svg"
_INERT_NAMESPACES = (  # editor metadata a browser ignores
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://web.resource.org/cc/",
    "http://purl.org/dc/elements/1.1/",
    "http://purl.org/dc/terms/",
    "http://ns.adobe.com/",
    "http://www.bohemiancoding.com/sketch/ns",
    "http://www.serif.com/",
)
_DRAWING = frozenset(
    {
        "svg", "g", "defs", "desc", "title", "metadata", "symbol", "use", "switch", "a", "view", "style",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath", "image",
        "marker", "pattern", "clipPath", "mask", "linearGradient", "radialGradient", "stop", "filter",
        "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix", "feDiffuseLighting",
        "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG",
        "feFuncR", "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset", "fePointLight",
        "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
        "animate", "animateMotion", "animateTransform", "set", "mpath",
    }
)  # fmt: skip
_ANIMATIONS = frozenset({"animate", "animateMotion", "animateTransform", "set"})
_NAVIGABLE = frozenset({"http", "https", "mailto", "tel"})
_RASTER_DATA = re.compile(r"^data:image/(png|jpeg|gif|webp|avif);", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x20]")
_INERT_PIS = frozenset({"xpacket"})  # Adobe's XMP wrapper inside <metadata>


@dataclass(frozen=True, slots=True)
class Active:
    """One thing in the file a browser would run or fetch, and the line it is on."""

    line: int
    what: str


class _Stop(Exception):
    """Raised from a parser handler to stop at a DOCTYPE with entities before expat expands any."""


@dataclass
class _Scan:
    parser: expat.XMLParserType
    found: list[Active] = field(default_factory=list)
    stack: list[str] = field(default_factory=list)
    style: list[str] = field(default_factory=list)
    style_line: int = 0

    def add(self, what: str) -> None:
        self.found.append(Active(self.parser.CurrentLineNumber, what))

    def start(self, name: str, attrs: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        self.stack.append(local if namespace == SVG_NS else "")
        if len(self.stack) == 1 and (namespace, local) != (SVG_NS, "svg"):
            self.add(f"the root element is <{local}> in {namespace or 'no namespace'}, not an SVG <svg>")
        elif namespace == SVG_NS and local not in _DRAWING:
            self.add(f"<{local}>" + (" (it holds HTML)" if local == "foreignObject" else ""))
        elif namespace != SVG_NS and not namespace.startswith(_INERT_NAMESPACES):
            self.add(f"<{local}> outside the SVG namespace ({namespace or 'no namespace'})")
        for attr, value in attrs.items():
            self.attribute(local if namespace == SVG_NS else "", attr, value)
        if (namespace, local) == (SVG_NS, "style"):
            self.style, self.style_line = [], self.parser.CurrentLineNumber

    def attribute(self, element: str, attr: str, value: str) -> None:
        namespace, _, local = attr.rpartition(" ")
        if local.lower().startswith("on"):
            self.add(f"an event handler {local}=")
        elif local == "href":
            self.reference(element, value)
        elif local == "base" and namespace == "http://www.w3.org/XML/1998/namespace":
            self.add("xml:base (it changes where every link points)")
        elif local == "style":
            self.css(value, "a style attribute")
        elif "url(" in value.lower():
            self.css(value, f"{local}=")
        if element in _ANIMATIONS and local == "attributeName":
            target = value.strip().rpartition(":")[2].lower()
            if target == "href" or target.startswith("on") or target == "style":
                self.add(f"<{element}> that changes {value.strip()}")

    def reference(self, element: str, value: str) -> None:
        url = value.strip()
        if url.startswith("#"):
            return
        scheme = _scheme(url)
        if element == "a" and scheme in _NAVIGABLE | {""}:
            return
        if element == "image" and _RASTER_DATA.match(url):
            return
        shown = url if len(url) <= 60 else url[:59] + "…"
        if scheme in ("javascript", "vbscript"):
            self.add(f"a {scheme}: link on <{element}>")
        else:
            self.add(f"<{element}> loads '{shown}' (only '#id' references inside the file are allowed)")

    def css(self, text: str, where: str) -> None:
        lowered = text.lower()
        if "@import" in lowered:
            self.add(f"@import in {where}")
        if "\\" in text:
            self.add(f"a CSS escape in {where}")
        if "image-set(" in lowered:
            self.add(f"image-set() in {where}")
        for match in _CSS_URL.finditer(text):
            if not match.group(2).strip().startswith("#"):
                self.add(f"url({match.group(2).strip()[:60]}) in {where} loads from outside the file")

    def end(self, name: str) -> None:
        if self.stack and self.stack.pop() == "style":
            line = self.style_line
            before = len(self.found)
            self.css("".join(self.style), "a <style> element")
            self.found[before:] = [Active(line, a.what) for a in self.found[before:]]

    def text(self, data: str) -> None:
        if self.stack and self.stack[-1] == "style":
            self.style.append(data)

    def instruction(self, target: str, data: str) -> None:
        if target not in _INERT_PIS:
            self.add(f"a <?{target}?> processing instruction")

    def doctype(self, name: str, system_id: str | None, public_id: str | None, has_internal_subset: bool) -> None:
        if has_internal_subset:
            self.add("a DOCTYPE with entity declarations")
            raise _Stop


def _scheme(url: str) -> str:
    """The scheme as a browser reads it: whitespace and control characters inside it are ignored."""
    match = re.match(r"^([a-z][a-z0-9+.-]*):", _CONTROL.sub("", url).lower())
    return match.group(1) if match else ""


def active_content(data: bytes) -> list[Active]:
    """What would run or load if a browser opened this SVG; empty for a plain drawing."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    scan = _Scan(parser)
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    parser.CharacterDataHandler = scan.text
    parser.ProcessingInstructionHandler = scan.instruction
    parser.StartDoctypeDeclHandler = scan.doctype
    try:
        parser.Parse(data, True)
    except _Stop:
        pass
    except expat.ExpatError as exc:
        message = expat.ErrorString(exc.code) if exc.code is not None else str(exc)
        scan.found.append(Active(exc.lineno, f"not well-formed XML ({message}); a browser would not show it"))
    return scan.found
