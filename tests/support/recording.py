"""One way for a test to see what a function was called with, while it still does its work."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


def record_calls(
    monkeypatch: pytest.MonkeyPatch, owner: object, name: str, seen: Callable[..., Any] = lambda first, *_: first
) -> list[Any]:
    """Replace `owner.name` with a wrapper that records `seen(*args)` (the first argument unless told) of every call
    and then calls the original; the list fills as the code under test runs."""
    calls: list[Any] = []
    original = getattr(owner, name)

    def recording(*args: Any, **kwargs: Any) -> Any:
        calls.append(seen(*args, **kwargs))
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, recording)
    return calls
