"""The only Qt in ``shared``: what both windows use.

- ``operations``: the operation runner (writes serial, reads and devices beside, results on the
  GUI thread); ``gui_gc``: garbage collection on the GUI thread only
- ``table_model``: a read-only table model over DTO rows with column specs
- ``i18n`` / ``resources``: translators and the ``resources/`` folder (repository or bundle)
- ``errors``: domain errors as translated messages; ``money``: fen shown and typed as yuan
"""
