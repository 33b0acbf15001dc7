"""The record (``schema``), its YAML form (``yamlio``) and how curator edits survive (``curation``)."""
