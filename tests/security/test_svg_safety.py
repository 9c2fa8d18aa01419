"""KB135: an SVG is published only when opening it in a browser can run nothing and load nothing from elsewhere."""

from __future__ import annotations

import time

import pytest

from kbgen.loading.asset_safety import active_content

NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
PNG = (  # a 1x1 PNG
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


def svg(inner: str, attrs: str = "") -> bytes:
    return f"<svg {NS}{attrs}>\n{inner}\n</svg>\n".encode()


INERT = {
    "shapes and text": svg('<g><rect width="4" height="4" fill="#fff"/><text x="1" y="2">Hello &amp; bye</text></g>'),
    "local references": svg(
        '<defs><linearGradient id="a"/><linearGradient id="b" xlink:href="#a"/><symbol id="s"/></defs>'
        '<use href="#s"/><rect fill="url(#b)" style="fill: url( \'#b\' ); stroke:#000"/>'
    ),
    "a style element with local urls": svg("<style><![CDATA[ .x { fill: url(#g); font: 2px serif } ]]></style>"),
    "links to web pages": svg('<a href="https://example.com/docs"><text>docs</text></a><a xlink:href="../x/">up</a>'),
    "an embedded raster image": svg(f'<image width="1" height="1" xlink:href="{PNG}"/>'),
    "editor metadata": svg(
        '<sodipodi:namedview xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" id="n"/>'
        '<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>'
        '<g xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" inkscape:label="Layer"/>'
    ),
    "a public DOCTYPE and XMP packet": (
        b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        + svg('<metadata><?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?></metadata>')
    ),
    "UTF-16 with a byte-order mark": svg("<title>Ünïcode</title>").decode().encode("utf-16"),
    "a harmless animation": svg('<circle r="1"><animate attributeName="r" values="1;2;1" dur="1s"/></circle>'),
}


@pytest.mark.parametrize("name", sorted(INERT))
def test_a_plain_drawing_is_accepted(name: str) -> None:
    assert active_content(INERT[name]) == []


ACTIVE = {
    "script": (svg("<script>alert(1)</script>"), "<script>"),
    "event handler": (svg('<rect onmouseover="alert(1)"/>'), "an event handler onmouseover="),
    "event handler on the root": (svg("", ' onload="alert(1)"'), "an event handler onload="),
    "foreignObject": (svg('<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>'),
                      "<foreignObject> (it holds HTML)"),
    "javascript: with a tab": (svg('<a href="java\tscript:alert(1)"><text>x</text></a>'), "a javascript: link"),
    "vbscript:": (svg('<a xlink:href="vbscript:msgbox">x</a>'), "a vbscript: link"),
    "use of another file": (svg('<use href="sprite.svg#icon"/>'), "<use> loads 'sprite.svg#icon'"),
    "image of another file": (svg('<image href="photo.png"/>'), "<image> loads 'photo.png'"),
    "an SVG embedded as data": (svg('<image href="data:image/svg+xml,&lt;svg/&gt;"/>'), "<image> loads 'data:image"),
    "feImage": (svg('<filter><feImage href="https://evil.example/x.png"/></filter>'), "<feImage>"),
    "a CSS escape": (svg('<rect style="fill: u\\72l(https://evil.example/)"/>'), "a CSS escape"),
    "image-set": (svg("<style>rect { fill: image-set('https://evil.example/a.png' 1x) }</style>"), "image-set()"),
    "xml:base": (svg('<a xml:base="javascript:/"><text>x</text></a>'), "xml:base"),
    "animate of an event handler": (svg('<animate attributeName="onclick" to="alert(1)"/>'), "<animate> that changes"),
    "set of style": (svg('<set attributeName="style" to="fill:url(https://evil.example/)"/>'), "<set> that changes"),
    "no SVG namespace": (b"<svg><script>alert(1)</script></svg>", "<script> outside the SVG namespace (no namespace)"),
    "an HTML document": (b'<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', "the root element"),
    "XInclude": (svg('<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd"/>'), "<include>"),
    "unknown processing instruction": (b"<?php echo 1 ?>" + svg(""), "<?php?>"),
    "not XML at all": (b"GIF89a", "not well-formed XML"),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(ACTIVE))
def test_active_content_is_named(name: str) -> None:
    data, expected = ACTIVE[name]
    found = active_content(data)
    assert found, name
    assert expected in "; ".join(a.what for a in found)


def test_each_active_part_is_reported_on_its_own_line() -> None:
    data = svg('<rect width="1"/>\n<script>alert(1)</script>\n<style>\n@import "x.css";\n</style>\n<rect onclick="x"/>')
    assert [(a.line, a.what) for a in active_content(data)] == [
        (3, "<script>"),
        (4, "@import in a <style> element"),
        (7, "an event handler onclick="),
    ]


def test_entity_bombs_stop_at_the_doctype_quickly() -> None:
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    bomb = f'<!DOCTYPE svg [<!ENTITY l0 "lol">{laughs}]>\n<svg {NS}><text>&l9;</text></svg>'.encode()
    started = time.perf_counter()
    found = active_content(bomb)
    assert time.perf_counter() - started < 1.0
    assert [a.what for a in found] == ["a DOCTYPE with entity declarations"]
