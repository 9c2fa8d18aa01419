"""Every term's postings in the shards' binary form, encoded for the whole language at once.

A term shard stores a term's postings field by field: the ref gaps, the weights' high parts (``weight >> 8``)
as unsigned LEB128 varints, then the weights' low bytes (:func:`kbgen.search.shards.encode_postings`). Encoding
ten thousand terms one by one in Python, each a few short lists, was a tenth of re-indexing a language after one
edit. Here every posting of the language is encoded in three array passes, and a term's bytes are slices of
them: the same bytes ``encode_postings`` gives, which the tests compare for every term.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

_GROUP = 7  # bits a varint byte carries
_MAX_BYTES = 10  # a 64-bit value needs at most ten


def leb128(values: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.int64]]:
    """Each (non-negative) value in 7-bit groups, low group first, the high bit set on all but the last; and
    where each value's bytes start (one offset more than values: the end)."""
    unsigned = values.astype(np.uint64)
    sizes = np.ones(len(values), dtype=np.int64)
    for n in range(1, _MAX_BYTES):
        sizes += unsigned >= np.uint64(1 << (_GROUP * n))
    offsets = np.zeros(len(values) + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    owner = np.repeat(np.arange(len(values)), sizes)
    place = np.arange(int(offsets[-1]), dtype=np.int64) - offsets[owner]  # which group of its value
    groups = (unsigned[owner] >> (place * _GROUP).astype(np.uint64)) & np.uint64(0x7F)
    more = place < sizes[owner] - 1
    return (groups | (more.astype(np.uint64) << np.uint64(_GROUP))).astype(np.uint8), offsets


def encoded_terms(
    groups: npt.NDArray[np.int64],
    starts: npt.NDArray[np.int64],
    gaps: npt.NDArray[np.int64],
    weights: npt.NDArray[np.int64],
    fields: int,
    names: list[str],
) -> dict[str, bytes]:
    """Each term's encoded postings, by name. The postings are sorted by term, field and ref; ``groups`` holds
    each run's ``term number * fields + field`` and ``starts`` where the run begins, ``gaps`` and ``weights``
    one value per posting. A run is laid out as its gaps' varints, its high parts' varints and its low bytes; a
    field without postings encodes as nothing, as ``encode_postings`` has it. Every byte is put in place by
    array operations: a term's bytes are then one slice."""
    count = len(gaps)
    run_sizes = np.diff(np.append(starts, count))
    run_of = np.repeat(np.arange(len(starts)), run_sizes)  # each posting's run
    parts = (leb128(gaps), leb128(weights >> 8), ((weights & 0xFF).astype(np.uint8), np.arange(count + 1)))
    # bytes of each part per run, and where each run, and each part within it, starts in the output
    part_sizes = [at[np.append(starts, count)][1:] - at[starts] for _, at in parts]
    run_bytes = part_sizes[0] + part_sizes[1] + part_sizes[2]
    run_at = np.zeros(len(starts) + 1, dtype=np.int64)
    np.cumsum(run_bytes, out=run_at[1:])
    out = np.empty(int(run_at[-1]), dtype=np.uint8)
    before = run_at[:-1].copy()  # where the part being placed starts, per run
    for (data, at), size in zip(parts, part_sizes, strict=True):
        posting_of = np.repeat(np.arange(count), np.diff(at))  # each byte's posting
        run = run_of[posting_of]
        out[before[run] + np.arange(len(data)) - at[starts][run]] = data
        before += size
    text = out.tobytes()
    term_of = groups // fields
    firsts = np.flatnonzero(np.diff(term_of, prepend=-1))  # each term's first run
    bounds = run_at[np.append(firsts, len(starts))].tolist()
    return {names[term]: text[bounds[n] : bounds[n + 1]] for n, term in enumerate(term_of[firsts].tolist())}
