"""Customer ids to integer codes, fast for the short string ids real exports carry.

Shared by :func:`crmlab.rfm.rfm_table` and :func:`crmlab.clv.customer_summary`, whose time at
millions of rows is mostly hashing the id column (benchmarks/rfm.md, benchmarks/clv.md).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["factorize_ids"]


def factorize_ids(ids: pd.Series) -> tuple[np.ndarray, pd.Index, np.ndarray | None]:
    """Integer codes of the ids, the distinct ids sorted, and how to put per-code results in that order.

    Returns ``(codes, uniques, perm)``: a per-customer array ``a`` indexed by code is in the order
    of ``uniques`` as ``a[perm]`` (``perm`` is None when the codes already follow it, as those of
    ``pd.factorize(ids, sort=True)`` do). Permuting the ~1M per-customer results is cheaper than
    renumbering 10M row codes.

    Hashing 10M string ids is most of :func:`crmlab.rfm.rfm_table`'s and :func:`crmlab.clv.customer_summary`'s time (benchmarks/rfm.md). Arrow-backed
    ids of at most 8 UTF-8 bytes (the usual "C0001234", "12346", "u1") are hashed as one 64-bit
    integer each (:func:`_short_string_keys`), 3-5× faster; everything else (object or categorical
    columns, integer ids, longer strings, ids holding a NUL byte) goes through ``pd.factorize``.
    Both paths give the same table.
    """
    keys = _short_string_keys(ids)
    if keys is None:
        codes, uniques = pd.factorize(ids, sort=True)
        return codes, pd.Index(uniques), None
    import pyarrow.compute as pc

    # Arrow's hash table grows with the distinct ids; pd.factorize sizes its table for every row
    # (10M), and touching that memory in a fresh process cost more than the hashing itself
    # (measured 0.4-0.6 s against 1.0-1.4 s).
    encoded = pc.dictionary_encode(keys)
    chunks = encoded.chunks
    if any(len(c.dictionary) != len(chunks[-1].dictionary) for c in chunks):
        chunks = [encoded.combine_chunks()]  # one dictionary for all (Arrow 15-26 give every chunk the full one)
    codes = np.concatenate([c.indices.to_numpy() for c in chunks], dtype=np.intp)
    keys_seen = chunks[-1].dictionary.to_numpy()
    # A key's memory bytes are the id's bytes: read big-endian, the numbers sort like the strings.
    perm = np.argsort(keys_seen.view(">u8"))  # distinct keys: no ties
    return codes, pd.Index(_unpack_short_strings(keys_seen[perm], ids.dtype)), perm


def _short_string_keys(ids: pd.Series):
    """Each id's UTF-8 bytes, zero-padded to 8, as one uint64 (a pyarrow ChunkedArray); None if not possible.

    Hand-written because neither pandas nor Arrow has a fast path for short strings: their hash
    tables hash and compare variable-length bytes one id at a time, in one thread, while one
    uint64 per id hashes and compares in a single instruction. (Arrow's multithreaded
    ``Table.group_by`` aggregating on the string ids was several times slower than
    ``pd.factorize``; see benchmarks/rfm.md.) Ids of exactly 8 bytes are used in place: the
    Arrow data buffer already is the array of keys, nothing is copied.

    The keys are distinct for distinct ids: zero padding cannot make "a" and "a\\0" equal because
    columns with a NUL byte in any id take ``pd.factorize``; for the same reason the padding can be
    stripped again (:func:`_unpack_short_strings`). Read big-endian, keys sort like the ids' bytes,
    with a prefix first ("C1" < "C10"); UTF-8 byte order is code point order, the order
    ``pd.factorize(sort=True)`` uses for strings.
    """
    dtype = ids.dtype
    arrow_string = (isinstance(dtype, pd.StringDtype) and str(dtype.storage).startswith("pyarrow")) or (
        isinstance(dtype, pd.ArrowDtype) and str(dtype.pyarrow_dtype) in ("string", "large_string"))
    if not arrow_string or len(ids) == 0:
        return None
    import pyarrow as pa

    data = pa.array(ids.array)  # the Arrow data behind the column, not a copy
    keys = []
    for chunk in (data.chunks if isinstance(data, pa.ChunkedArray) else [data]):
        n = len(chunk)
        if n == 0:
            continue
        if chunk.null_count or not (pa.types.is_string(chunk.type) or pa.types.is_large_string(chunk.type)):
            return None
        # Arrow layout: offsets[i]..offsets[i + 1] are the bytes of string i in the data buffer.
        offset_type = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
        _, offset_buf, data_buf = chunk.buffers()
        offsets = np.frombuffer(offset_buf, dtype=offset_type, count=n + 1,
                                offset=chunk.offset * np.dtype(offset_type).itemsize).astype(np.int64)
        lengths = np.diff(offsets)
        if lengths.max() > 8:
            return None
        start, stop = int(offsets[0]), int(offsets[-1])
        raw = np.frombuffer(data_buf, dtype=np.uint8, count=stop - start, offset=start) \
            if stop > start else np.zeros(0, np.uint8)
        if not raw.all():  # a NUL byte inside an id
            return None
        if stop - start == 8 * n and (data_buf.address + start) % 8 == 0:
            # Every id has 8 bytes: the (aligned) data buffer already is the array of keys.
            keys.append(pa.Array.from_buffers(pa.uint64(), n, [None, data_buf.slice(start, 8 * n)]))
            continue
        padded = np.zeros(stop - start + 8, dtype=np.uint8)
        padded[:stop - start] = raw
        # Overlapping big-endian 8-byte windows, one starting at every byte: bytes j..j+7.
        windows = np.ndarray((stop - start + 1,), dtype=">u8", buffer=padded, strides=(1,))
        word = windows[offsets[:-1] - start].astype(np.uint64)
        tail = ((8 - np.maximum(lengths, 1)) * 8).astype(np.uint64)  # bits after the last byte
        word >>= tail  # drop the next ids' bytes
        word <<= tail
        word[lengths == 0] = 0  # (a shift by 64 bits is undefined, hence the maximum above)
        keys.append(pa.array(word.astype(">u8").view(np.uint64)))  # back to the bytes' own order
    return pa.chunked_array(keys, type=pa.uint64()) if keys else None


def _unpack_short_strings(keys: np.ndarray, dtype) -> pd.api.extensions.ExtensionArray:
    """The ids of :func:`_short_string_keys` keys, as an array of ``dtype``."""
    import pyarrow as pa

    as_bytes = np.ascontiguousarray(keys).view(np.uint8).reshape(len(keys), 8)
    used = as_bytes != 0  # ids hold no NUL byte, so zero bytes are the padding
    offsets = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum(used.sum(axis=1), out=offsets[1:])
    strings = pa.Array.from_buffers(pa.large_string(), len(keys),
                                    [None, pa.py_buffer(offsets), pa.py_buffer(as_bytes[used])])
    if isinstance(dtype, pd.ArrowDtype):
        strings = strings.cast(dtype.pyarrow_dtype)
    return dtype.__from_arrow__(strings)
