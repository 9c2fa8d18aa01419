"""Brand colours become material's CSS variables with readable text and links in the light and the dark scheme."""

from __future__ import annotations

import re

import pytest

from kbgen.render.branding import brand_css, contrast

SLATE = (30, 33, 41)
WHITE = (255, 255, 255)


def variables(css: str, selector: str) -> dict[str, str]:
    block = re.search(re.escape(selector) + r" \{(.*?)\}", css, re.S)
    assert block, f"no {selector} block in {css}"
    return dict(re.findall(r"(--[\w-]+): ([^;]+);", block.group(1)))


def rgb(value: str) -> tuple[int, int, int]:
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)


def test_no_colour_no_stylesheet() -> None:
    assert brand_css() == ""


# Brand colours from pale to dark, saturated and grey: links made from them must read at 4.5:1 on either scheme.
COLOURS = ["#0f6b63", "#ffeb3b", "#ffffff", "#000000", "#e91e63", "#2196f3", "#9e9e9e", "#1a237e", "#76ff03"]


@pytest.mark.parametrize("colour", COLOURS)
def test_links_in_the_brand_colour_stay_readable_in_both_schemes(colour: str) -> None:
    css = brand_css(colour)
    light = variables(css, ":root, :root body")
    dark = variables(css, ":root body[data-md-color-scheme=slate]")
    assert light["--md-primary-fg-color"] == colour
    assert contrast(rgb(light["--md-typeset-a-color"]), WHITE) >= 4.5
    assert contrast(rgb(dark["--md-typeset-a-color"]), SLATE) >= 4.5


@pytest.mark.parametrize("colour", COLOURS)
def test_text_on_the_brand_colour_is_the_more_readable_of_white_and_black(colour: str) -> None:
    on = variables(brand_css(colour), ":root, :root body")["--md-primary-bg-color"]
    white, black = contrast(WHITE, rgb(colour)), contrast((0, 0, 0), rgb(colour))
    assert on == ("#ffffff" if white >= black else "#000000de")


def test_a_readable_colour_is_kept_as_it_is() -> None:
    assert variables(brand_css("#0f6b63"), ":root, :root body")["--md-typeset-a-color"] == "#0f6b63"


def test_the_accent_colour_sets_materials_accent_variables() -> None:
    accent = variables(brand_css(accent="#d9480f"), ":root, :root body")
    assert accent["--md-accent-fg-color"] == "#d9480f"
    assert accent["--md-accent-fg-color--transparent"] == "#d9480f1a"
    assert "--md-primary-fg-color" not in accent
