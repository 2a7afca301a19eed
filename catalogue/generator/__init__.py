"""A synthetic catalogue for measuring Opis at scale: `manage.py generate_catalogue`.

Everything it makes is marked as synthetic: work, person and periodical keys start with
`gen-`, its archives are "Synthetic Regional Archive N" (slug `gen-regional-N`), and its
fonds are titled "Synthetic fond N". It reuses the real archives of fixtures/archives.json
when they are loaded, and the Language rows (creating missing codes).

Deterministic for a seed: the skeleton (archives, fonds, files, people, journals; in
`skeleton.py`) comes from `random.Random(seed)`, each chunk of works (`chunks.py`) from its
own Random seeded by (seed, chunk), so the rows are the same whether the chunks are built
in one process or several.

Derived columns (search keys, sort keys, folio numbers) are filled by each instance's
`derive_fields()`, exactly as the pre_save signal fills them; this is most of the cost
(fold() is ~0.3 ms a title), so the chunks can be built in worker processes, and on
PostgreSQL they are written with COPY (`writing.py`).
"""

from multiprocessing import get_context

from django.db import connection, transaction

from ..models import (
    ArchivalFile,
    Archive,
    Folder,
    Fond,
    Inventory,
    Language,
    Periodical,
    Person,
)
from ..search import facet_cells
from .chunks import CHUNK_MODELS, build
from .skeleton import CHUNK, PREFIX, Skeleton, as_row
from .writing import reset_sequences, write

__all__ = ["PREFIX", "generate"]


def generate(works, seed, jobs=1, progress=print):
    """Generate `works` works (and all they hang on) for `seed`; returns the Skeleton."""
    with transaction.atomic():
        skeleton = Skeleton(works, seed).build()
        for model in (Archive, Fond, Inventory, Folder, ArchivalFile, Person, Periodical):
            write(model, [as_row(obj) for obj in skeleton.rows[model]])
        progress(
            f"skeleton: {len(skeleton.rows[Archive])} synthetic archives, "
            f"{len(skeleton.rows[Fond])} fonds, {len(skeleton.rows[ArchivalFile])} files, "
            f"{len(skeleton.rows[Person])} people"
        )
    plan = skeleton.plan()
    tasks = [(plan, i, min(CHUNK, works - i * CHUNK)) for i in range(-(-works // CHUNK))]
    if jobs > 1 and len(tasks) > 1:
        # Workers only build rows (no database); forking shares Django's loaded state.
        connection.close()
        pool = get_context("fork").Pool(jobs)
        chunks = pool.imap(build, tasks)
    else:
        pool, chunks = None, map(build, tasks)
    done = 0
    try:
        # The facet cells are rebuilt once at the end rather than moved row by row, from
        # the arrays each work row carries.
        with facet_cells.triggers_off(arrays_written=True):
            for rows in chunks:
                with transaction.atomic():
                    for name, model in CHUNK_MODELS.items():
                        write(model, rows[name])
                done += len(rows["work"])
                progress(f"works: {done:,} / {works:,}")
    finally:
        if pool:
            pool.close()
            pool.join()
    progress("facet cells rebuilt")
    reset_sequences(
        [
            Archive,
            Fond,
            Inventory,
            Folder,
            ArchivalFile,
            Person,
            Periodical,
            Language,
            *CHUNK_MODELS.values(),
        ]
    )
    return skeleton
