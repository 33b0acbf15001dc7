"""Keeping a curator's hand edits when a page is ingested again.

The curator edits the record itself, ``content/briefs/<id>.yaml``. Beside it, ingest keeps the
machine's own last output, ``content/briefs/.machine/<id>.yaml``. On the next ingest the three
versions are merged the way git merges a file (a three-way merge):

    base   = what the machine wrote last time      (.machine/<id>.yaml)
    ours   = the record as it is now, maybe edited  (<id>.yaml)
    theirs = what the machine writes now

For every value: if only the machine changed it, the new machine value is taken; if only the
curator changed it, the curator's; if both changed it (differently), the curator's is kept and a
**conflict** is recorded, as git leaves conflict markers: a line in the record's ``conflicts``
list naming the field or item and giving the machine's new value, which ingest also prints and
``digest check`` reports until the curator deletes it. Mappings (``source``, ``series``) merge key
by key. Lists merge item by item and keep the curator's order:

* ``body``, ``claims``, ``events`` are keyed by ``id``; ``tags`` by value. The result follows the
  curator's list: an item the curator removed stays removed, one the curator added or moved
  stays where the curator put it, one the machine dropped goes (unless the curator edited it),
  and a new machine item is placed after the item that precedes it in the machine's list.
* Ids of body blocks, claims and events derive from their text, so when the page changes a word
  the machine's item gets a new id. An item that left the machine's list is paired with a new one
  of similar content (``SAME_ITEM_RATIO``) and treated as the same item changed: it takes the old
  one's place, or, if the curator had edited it, the curator's version stays (a conflict), and
  claims and events that point at the new block id are pointed at the block kept.

Every other field (``authors`` included, whose order matters) is one value. The merge works on
plain YAML data (dicts and lists), so any field, including ones a later version adds to the
schema, is covered without being named here.
"""

from __future__ import annotations

import difflib
from typing import Any

KEYED_LISTS = ("body", "claims", "events")
SET_LISTS = ("tags",)
ANCHORED_LISTS = ("claims", "events")
CONFLICTS = "conflicts"
SAME_ITEM_RATIO = 0.6
"""Similarity (difflib ratio of the item's content without its id) from which an item that left
the machine's list and a new one are taken for the same item whose text changed."""
SHOWN_CHARS = 2000


def merge_record(base: dict | None, ours: dict | None, theirs: dict) -> dict:
    """Three-way merge of one record's data; see the module docstring for the rules. Conflicts
    found now are appended to the record's ``conflicts`` list (those already there are kept)."""
    if ours is None:
        return theirs
    if base is None:
        # No snapshot of the machine's last output: we cannot tell edits from machine text, so
        # the record on disk wins whole (losing a machine improvement beats losing a human edit).
        return ours
    merge = _Merge()
    merged = merge.mapping(base, ours, theirs, ())
    for key in ANCHORED_LISTS:
        if merge.renamed_blocks and isinstance(merged.get(key), list):
            merged[key] = [_reanchor(item, merge.renamed_blocks) for item in merged[key]]
    if merge.conflicts:
        old = merged.get(CONFLICTS) if isinstance(merged.get(CONFLICTS), list) else []
        merged[CONFLICTS] = old + [c for c in merge.conflicts if c not in old]
    return merged


def _reanchor(item: Any, renamed: dict[str, str]) -> Any:
    """``item`` pointing at the block kept instead of the machine's renamed one (a copy: the
    item may be the machine's own, which is also written as the snapshot)."""
    anchor = item.get("anchor") if isinstance(item, dict) else None
    if isinstance(anchor, dict) and anchor.get("paragraph") in renamed:
        return {**item, "anchor": {**anchor, "paragraph": renamed[anchor["paragraph"]]}}
    return item


def new_conflicts(ours: dict | None, merged: dict) -> list[str]:
    """The conflicts this merge added (for reporting them once, when they arise)."""
    before = (ours or {}).get(CONFLICTS) or []
    return [c for c in merged.get(CONFLICTS) or [] if c not in before]


class _Merge:
    def __init__(self) -> None:
        self.conflicts: list[str] = []
        self.renamed_blocks: dict[str, str] = {}
        """New machine block id → id of the curator's block kept in its place."""

    def value(self, b: Any, o: Any, t: Any, path: tuple) -> Any:
        if o == b:
            return t
        if t == b or o == t:
            return o
        if all(isinstance(x, dict) or x is None for x in (b, o, t)) and o is not None and t is not None:
            return self.mapping(b or {}, o, t, path)
        if len(path) == 1 and path[0] in KEYED_LISTS + SET_LISTS and all(isinstance(x, list) for x in (o, t)):
            return self.sequence(b if isinstance(b, list) else [], o, t, path[0])
        self.conflict(".".join(map(str, path)), t)
        return o

    def mapping(self, b: dict, o: dict, t: dict, path: tuple) -> dict:
        out: dict[str, Any] = {}
        for key in list(t) + [k for k in o if k not in t]:
            value = self.value(b.get(key), o.get(key), t.get(key), path + (key,))
            if value is not None:
                out[key] = value
        return out

    def conflict(self, where: str, theirs: Any) -> None:
        shown = theirs
        if isinstance(theirs, dict):
            shown = theirs.get("text", theirs.get("summary", theirs))
        text = "nothing (it was removed)" if theirs is None else repr(shown)
        if len(text) > SHOWN_CHARS:
            text = text[:SHOWN_CHARS] + "…"
        self.conflicts.append(f"{where}: kept your edit; the page now gives {text}")

    def sequence(self, base: list, ours: list, theirs: list, field: str) -> list:
        """Ours' order; machine changes applied item by item; new machine items beside their
        machine neighbours."""
        key = _value_key if field in SET_LISTS else _id_key
        b = {key(x): x for x in base}
        o_keys = {key(x) for x in ours}
        t = {key(x): x for x in theirs}
        # machine key of each base item: itself, or the new item it turned into
        successor = {k: k for k in b if k in t}
        if field not in SET_LISTS:
            successor.update(_pair([k for k in b if k not in t], [k for k in t if k not in b], b, t))
        slots: list[tuple[Any, Any]] = []  # (machine key or None, item)
        for item in ours:
            k = key(item)
            if k not in b:  # the curator's own item (or one both sides added)
                if k in t and t[k] != item:
                    self.conflict(f"{field} {k}", t[k])
                slots.append((k if k in t else None, item))
                continue
            tk = successor.get(k)
            if tk is None:  # the machine dropped it: it goes, unless the curator edited it
                if item != b[k]:
                    slots.append((None, item))
                continue
            titem = t[tk]
            if item == b[k]:
                slots.append((tk, titem))
            elif titem == b[k] or titem == item:
                slots.append((tk, item))
            else:
                self.conflict(f"{field} {k}", titem)
                slots.append((tk, item))
                if field == "body" and tk != k:
                    self.renamed_blocks[tk] = k
        deleted = {successor[k] for k in b if k not in o_keys and k in successor}
        placed = {mk for mk, _ in slots if mk is not None}
        after: Any = None  # machine key of the slot the next new item goes after
        for titem in theirs:
            tk = key(titem)
            if tk in placed:
                after = tk
            elif tk not in deleted:
                at = 0 if after is None else next(i for i, (mk, _) in enumerate(slots) if mk == after) + 1
                slots.insert(at, (tk, titem))
                placed.add(tk)
                after = tk
        return [item for _, item in slots]


def _id_key(item: Any) -> Any:
    return item.get("id") if isinstance(item, dict) else repr(item)


def _value_key(item: Any) -> Any:
    return repr(item)


def _content(item: Any) -> str:
    if isinstance(item, dict):
        return repr(sorted((k, v) for k, v in item.items() if k != "id"))
    return repr(item)


def _pair(gone: list, new: list, base: dict, theirs: dict) -> dict:
    """Base items that left the machine's list → the new machine item each turned into."""
    pairs: dict = {}
    free = list(new)
    for g in gone:
        text = _content(base[g])
        best, best_ratio = None, SAME_ITEM_RATIO
        for n in free:
            matcher = difflib.SequenceMatcher(None, text, _content(theirs[n]), autojunk=False)
            if matcher.real_quick_ratio() >= best_ratio and matcher.quick_ratio() >= best_ratio:
                ratio = matcher.ratio()
                if ratio >= best_ratio and (best is None or ratio > best_ratio):
                    best, best_ratio = n, ratio
        if best is not None:
            pairs[g] = best
            free.remove(best)
    return pairs
