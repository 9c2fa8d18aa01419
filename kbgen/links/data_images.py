"""Which `data:` URLs may stand as an image: the one list both the link checker and the sanitiser apply.

A `data:` URL anywhere else is a navigation or a script in disguise. Keeping the list in one place means
`kbgen check` passes exactly the inline images the build publishes.
"""

from __future__ import annotations

import re

_DATA_IMAGE = re.compile(r"^\s*data:image/(png|gif|jpe?g|webp|avif|bmp);", re.IGNORECASE)


def is_data_image(url: str) -> bool:
    """A raster `data:image/...;` URL (SVG is excluded: it can carry script)."""
    return _DATA_IMAGE.match(url) is not None
