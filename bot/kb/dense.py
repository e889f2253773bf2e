"""The dense index of a knowledge-base version: flat for small versions, IVF-flat above a size."""

from __future__ import annotations

import faiss
import numpy as np

# Above this many dense rows the index is IVF (inverted lists over k-means cells) instead of a flat scan: a flat
# search costs O(rows) per query, while IVF scans the NPROBE cells nearest to the query. The candidates are
# rescored exactly afterwards (`exact_dense`), so IVF only decides which rows are looked at.
ANN_MIN_ROWS = 20_000
NPROBE = 24
IVF_TRAIN_ITERATIONS = 10
# A reload keeps the served version's cells while their number is within this factor of 2·sqrt(rows).
REUSE_CELLS_RATIO = 1.25


def make_dense(
    vectors: np.ndarray, *, ann_min_rows: int = ANN_MIN_ROWS, cells_from: faiss.Index | None = None
) -> faiss.Index:
    """A flat inner-product index for small versions, IVF-flat (about 2·sqrt(rows) cells) from ann_min_rows rows.

    With `cells_from` (an earlier version's IVF index over vectors of the same kind), its cells are reused
    when their number still suits the row count (within REUSE_CELLS_RATIO), so a reload skips k-means.
    """
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    dim = vectors.shape[1]
    if len(vectors) < max(ann_min_rows, 64):
        flat = faiss.IndexFlatIP(dim)
        flat.add(vectors)
        return flat
    cells = int(2 * np.sqrt(len(vectors)))
    old = faiss.try_extract_index_ivf(cells_from) if cells_from is not None else None
    if old is not None and old.d == dim and 1 / REUSE_CELLS_RATIO <= old.nlist / cells <= REUSE_CELLS_RATIO:
        quantizer = faiss.IndexFlatIP(dim)
        quantizer.add(old.quantizer.reconstruct_n(0, old.nlist))
        ivf = faiss.IndexIVFFlat(quantizer, dim, old.nlist, faiss.METRIC_INNER_PRODUCT)
    else:
        ivf = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, cells, faiss.METRIC_INNER_PRODUCT)
        ivf.cp.niter = IVF_TRAIN_ITERATIONS  # k-means on unit vectors settles fast; 25 rounds cost 2.5x the time
        ivf.cp.seed = 1234  # the same sources give the same cells
        ivf.train(vectors)
    ivf.add(vectors)
    ivf.make_direct_map()  # exact rescoring reads rows back by number
    ivf.nprobe = NPROBE
    return ivf
