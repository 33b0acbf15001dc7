"""research-digest: saved think-tank pages in, a browsable, citable static site out.

The pipeline has two stages around one data model, the record (``records.schema``):

    ingest:  readers → sources (profile: strip chrome, metadata) → extract (claims, events) → records
    build:   records → render → build/

The YAML record on disk is the only boundary between the stages: ``render`` never imports
``sources`` or ``extract``.
"""

__version__ = "0.1.0"
