"""Keeping a curator's hand edits when a page is ingested again.

The curator edits the record itself, ``content/briefs/<id>.yaml``. Beside it, ingest keeps the
machine's own last output, ``content/briefs/.machine/<id>.yaml``. On the next ingest the three
versions are merged the way git merges a file (a three-way merge):

    base   = what the machine wrote last time      (.machine/<id>.yaml)
    ours   = the record as it is now, maybe edited  (<id>.yaml)
    theirs = what the machine writes now

A field the curator changed (``ours != base``) keeps the curator's value; every other field takes
the new machine value. Lists are merged item by item, so that a corrected tag or a removed claim
does not freeze the rest of the list:

* ``claims``, ``events``, ``body`` are keyed by ``id``: an item the curator removed stays removed,
  an item the curator edited keeps the edit, an item the curator added is kept, and new machine
  items come in.
* ``tags`` are merged as a set in machine order: removals and additions both stick.

Every other field (``authors`` included, whose order matters) is taken whole from one side.

The merge works on plain YAML data (dicts and lists), so any field, including ones a later version
adds to the schema, is covered without being named here.
"""

from __future__ import annotations

from typing import Any

KEYED_LISTS = ("body", "claims", "events")
SET_LISTS = ("tags",)


def merge_record(base: dict | None, ours: dict | None, theirs: dict) -> dict:
    """Three-way merge of one record's data; see the module docstring for the rules."""
    if ours is None:
        return theirs
    if base is None:
        # No snapshot of the machine's last output: we cannot tell edits from machine text, so
        # the record on disk wins whole (losing a machine improvement beats losing a human edit).
        return ours
    merged: dict[str, Any] = {}
    keys = list(theirs) + [k for k in ours if k not in theirs]
    for key in keys:
        b, o, t = base.get(key), ours.get(key), theirs.get(key)
        value: Any
        if key in KEYED_LISTS and all(isinstance(x, list) or x is None for x in (b, o, t)):
            value = _merge_keyed(b or [], o or [], t or [])
        elif key in SET_LISTS and all(isinstance(x, list) or x is None for x in (b, o, t)):
            value = _merge_set(b or [], o or [], t or [])
        elif key in ours or key in base:
            value = o if o != b else t
        else:
            value = t
        if value is not None:
            merged[key] = value
    return merged


def _key(item: Any) -> Any:
    return item.get("id") if isinstance(item, dict) else repr(item)


def _merge_keyed(base: list, ours: list, theirs: list) -> list:
    b = {_key(x): x for x in base}
    o = {_key(x): x for x in ours}
    t_keys = {_key(x) for x in theirs}
    out = []
    for item in theirs:
        k = _key(item)
        if k in b and k not in o:
            continue  # the curator removed it
        if k in o and o[k] != b.get(k):
            out.append(o[k])  # the curator edited (or wrote) it
        else:
            out.append(item)
    for item in ours:
        k = _key(item)
        if k in t_keys:
            continue
        if k not in b or item != b[k]:
            out.append(item)  # added by the curator, or edited and gone from the machine output
    return out


def _merge_set(base: list, ours: list, theirs: list) -> list:
    b = [repr(x) for x in base]
    o = [repr(x) for x in ours]
    out = [x for x in theirs if not (repr(x) in b and repr(x) not in o)]
    have = [repr(x) for x in out]
    out += [x for x in ours if repr(x) not in b and repr(x) not in have]
    return out
