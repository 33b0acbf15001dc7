"""Actors and places named in a sentence, from a gazetteer kept as data (``actors.yaml``).

Each gazetteer entry has a canonical ``name``, a ``kind`` (``state``, ``organisation``,
``person``, ``place``), the ``aliases`` and ``demonyms`` that refer to it (Russia ← Moscow,
Kremlin, Russian; China ← Beijing, Chinese, Sino-), and for organisations and people the
``country`` (one or a list) they belong to, so a timeline filtered by state still finds
"Rosatom awarded ...". Matching is case-sensitive (``US`` is not ``us``) and the longest alias
wins (``North American Aerospace Defense Command`` over ``American``).

A run of capitalised words the gazetteer does not know (``Kuzey Star Shipyard``) is kept as a
``candidate`` actor rather than dropped (``candidate-place`` when it ends in a place word such as
``Zone`` or ``Islands``, ``candidate-thing``, left out, when it names a treaty or an occasion): a
curator can then add it to the gazetteer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from research_digest.errors import ConfigError, RecordError
from research_digest.records import yamlio
from research_digest.records.dates import MONTH_NAMES

KINDS = ("state", "organisation", "body", "person", "initiative", "place")
"""``body``: an organ of a state or organisation (a coast guard, a ministry, the UN Security Council),
with ``part_of``; ``initiative``: a programme that acts through others (Belt and Road, Polar Silk Road)."""
ACTOR_KINDS = ("state", "organisation", "body", "person", "initiative")
"""The kinds that act: every kind but places."""
CANDIDATE = "candidate"
CANDIDATE_PLACE = "candidate-place"

PLACE_HEADS = frozenset(
    {
        "Sea",
        "Ocean",
        "Strait",
        "Straits",
        "Gulf",
        "Bay",
        "Island",
        "Islands",
        "Archipelago",
        "Peninsula",
        "Shoal",
        "Reef",
        "Passage",
        "Route",
        "Corridor",
        "Canal",
        "River",
        "Lake",
        "Mountains",
        "Valley",
        "Basin",
        "Plateau",
        "Zone",
        "Region",
        "Province",
        "Oblast",
        "Krai",
        "District",
        "County",
        "Territory",
        "Base",
        "Station",
        "Port",
        "Harbour",
        "Harbor",
        "Airport",
        "Field",
        "Range",
        "Coast",
        "Gap",
        "Cape",
    }
)
"""A candidate name ending in one of these (``Air Defence Identification Zone``) is a place, not an actor."""

CANDIDATE_THING = "candidate-thing"
THING_HEADS = frozenset(
    {
        "War",
        "Day",
        "Summit",
        "Conference",
        "Games",
        "Olympics",
        "Crisis",
        "Revolution",
        "Agreement",
        "Treaty",
        "Accord",
        "Accords",
        "Declaration",
        "Act",
        "Law",
        "Strategy",
        "Doctrine",
        "Convention",
        "Charter",
        "Protocol",
        "Plan",
        "Programme",
        "Program",
        "Exercise",
        "Drill",
        "Report",
        "Index",
        "Award",
        "Prize",
        "Parade",
    }
)
"""A candidate ending in one of these (``Reciprocal Access Agreement``, ``Victory Day``) names a thing
or an occasion: it is neither an actor nor a place, and is left out of both lists."""

CANDIDATE_WORD = r"(?:[A-Z][a-z]{0,2}\.(?=\s+[A-Z])|[A-Z][\w’'.-]*[\w]|[A-Z])"
CANDIDATE_RE = re.compile(
    rf"{CANDIDATE_WORD}(?:\s+(?:(?:(?:of|for|de|du|del|von|van|al)(?:\s+the)?|and)\s+)?{CANDIDATE_WORD})+"
)
"""Two or more capitalised words, possibly joined by one ``of (the)``/``and`` (``Belt and Road Initiative``)."""

CANDIDATE_STOPWORDS = frozenset(
    {
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "As",
        "By",
        "For",
        "From",
        "With",
        "While",
        "When",
        "After",
        "Before",
        "Since",
        "During",
        "However",
        "Nevertheless",
        "Furthermore",
        "Moreover",
        "Subsequently",
        "Meanwhile",
        "This",
        "That",
        "These",
        "Those",
        "It",
        "Its",
        "Their",
        "They",
        "We",
        "Our",
        "He",
        "She",
        "His",
        "Her",
        "First",
        "Second",
        "Third",
        "Finally",
        "Both",
        "Such",
        "If",
        "But",
        "And",
        "Or",
        "Yet",
        "Still",
        *MONTH_NAMES,
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "President",
        "Prime",
        "Minister",
        "General",
        "Secretary",
        "Source",
        "Photo",
        "Read",
        "More",
    }
)
"""Capitalised words that start a sentence or a title, not a name: trimmed from candidate runs."""

_CONNECTORS = ("of", "and", "for", "the", "de", "du", "del", "von", "van", "al")


@dataclass(frozen=True)
class Entry:
    name: str
    kind: str
    countries: tuple[str, ...] = ()
    part_of: str | None = None
    """The state or body this one is an organ of (China Coast Guard → China)."""


@dataclass(frozen=True)
class Mention:
    """One name found in a sentence: the gazetteer entry (or a candidate) and where it is."""

    name: str
    kind: str
    start: int
    end: int
    countries: tuple[str, ...] = ()


TOKEN_RE = re.compile(r"\w+(?:\.\w+)+\.?|\w+|[’']s\b|\S")
"""Words (``U.S.`` whole), a possessive ``’s``, and single marks (``-`` in ``Sino-Russian``)."""


def tokenize(text: str) -> list[re.Match]:
    return list(TOKEN_RE.finditer(text))


def form_key(tokens) -> tuple[str, ...]:
    """The lookup key of a run of tokens: ``’`` and ``'`` are one apostrophe."""
    return tuple(t.replace("’", "'") for t in tokens)


@dataclass
class Gazetteer:
    entries: dict[str, Entry] = field(default_factory=dict)
    """Canonical name → entry."""
    forms: dict[tuple[str, ...], str] = field(default_factory=dict)
    """Every surface form, as tokens → canonical name."""
    lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """First token of a form → the token lengths of the forms that start with it, longest first."""

    def normalise(self, name: str) -> str:
        """The state or body ``name`` belongs to: up its ``part_of`` chain, else its one country, else itself.

        ``China Coast Guard`` → ``China``; ``Rosatom`` → ``Russia``; ``NATO`` → ``NATO``; an unknown name → itself.
        """
        seen = {name}
        entry = self.entries.get(name)
        while entry is not None and entry.part_of and entry.part_of not in seen:
            seen.add(entry.part_of)
            name, entry = entry.part_of, self.entries.get(entry.part_of)
        if entry is not None and entry.kind != "state" and not entry.part_of and len(entry.countries) == 1:
            return entry.countries[0]
        return name

    def find(self, sentence: str) -> list[Mention]:
        """Gazetteer names and candidate names in ``sentence``, in order of appearance.

        At each word the longest form that starts there wins (``North American Aerospace Defense
        Command`` over ``American``); matching is case-sensitive (``US`` is not ``us``).
        """
        tokens = tokenize(sentence)
        words = form_key(t.group(0) for t in tokens)
        mentions: list[Mention] = []
        i = 0
        while i < len(tokens):
            for length in self.lengths.get(words[i], ()):
                key = words[i : i + length]
                if len(key) == length and key in self.forms and _fits(sentence, tokens, i, length):
                    entry = self.entries[self.forms[key]]
                    mentions.append(
                        Mention(
                            entry.name, entry.kind, tokens[i].start(), tokens[i + length - 1].end(), entry.countries
                        )
                    )
                    i += length
                    break
            else:
                i += 1
        mentions.extend(self._find_candidates(sentence, mentions))
        return sorted(mentions, key=lambda x: (x.start, x.end))

    def _find_candidates(self, sentence: str, known: list[Mention]) -> list[Mention]:
        """Runs of capitalised words outside known names, stop words trimmed from both ends."""
        out = []
        covered = [(k.start, k.end) for k in known]
        for m in CANDIDATE_RE.finditer(sentence):
            for start, end in _split_around(m.start(), m.end(), covered):
                words = [w for w in re.finditer(r"\S+", sentence[start:end])]
                while words and (
                    words[0].group(0) in CANDIDATE_STOPWORDS
                    or words[0].group(0) in _CONNECTORS
                    or words[0].group(0) in ("’s", "'s")
                ):  # after a known name: Turkey’s Kuzey ...
                    words.pop(0)
                while words and (words[-1].group(0) in CANDIDATE_STOPWORDS or words[-1].group(0) in _CONNECTORS):
                    words.pop()
                if len(words) < 2 or not words[0].group(0)[0].isupper():
                    continue
                name = sentence[start + words[0].start() : start + words[-1].end()]
                name = name.removesuffix("’s").removesuffix("'s").rstrip(".,;:’'")
                head = name.split()[-1].split("-")[0]
                kind = CANDIDATE_PLACE if head in PLACE_HEADS else CANDIDATE_THING if head in THING_HEADS else CANDIDATE
                out.append(Mention(name, kind, start + words[0].start(), start + words[0].start() + len(name)))
        return out


def _fits(sentence: str, tokens: list[re.Match], i: int, length: int) -> bool:
    """Whether a form found at tokens[i:i+length] stands as a name in the sentence.

    Not when an apostrophe inside a word follows (``Xi`` in ``Xi’an``), and not when a form with an
    article (``the Arctic``) runs on into another capitalised word (``the Arctic Ocean``), so that
    the longer name can be found from the next word.
    """
    end = tokens[i + length - 1].end()
    if (
        sentence[end : end + 1] in ("’", "'")
        and sentence[end + 1 : end + 2].isalpha()
        and not re.match(r"[’']s\b", sentence[end : end + 3])
    ):
        return False
    if (
        tokens[i].group(0) in ("the", "The")
        and i + length < len(tokens)
        and tokens[i + length].group(0)[:1].isupper()
        and tokens[i + length].start() > end
    ):
        return False
    return True


def _split_around(start: int, end: int, covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of [start, end) that no known mention covers."""
    parts = [(start, end)]
    for c_start, c_end in covered:
        next_parts = []
        for p_start, p_end in parts:
            if c_end <= p_start or c_start >= p_end:
                next_parts.append((p_start, p_end))
                continue
            if c_start > p_start:
                next_parts.append((p_start, c_start))
            if c_end < p_end:
                next_parts.append((c_end, p_end))
        parts = next_parts
    return [(s, e) for s, e in parts if e - s > 2]


def load_gazetteer_file(path: Path) -> Gazetteer:
    """Read and check a gazetteer file; every problem is reported in one ConfigError at its first line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the gazetteer: {exc}", path) from None
    try:
        data, node = yamlio.parse_yaml(text, path)
    except RecordError as exc:
        raise ConfigError(exc.message.replace("empty record", "empty gazetteer"), path, exc.line) from None
    return build_gazetteer(data, path, _item_lines(node))


def _item_lines(node: yaml.Node) -> list[int]:
    """The line of each entry under ``actors``, so a problem can name its line."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if getattr(key, "value", None) == "actors" and isinstance(value, yaml.SequenceNode):
                return [item.start_mark.line + 1 for item in value.value]
    return []


def build_gazetteer(data, path: Path | None = None, lines: list[int] | None = None) -> Gazetteer:
    """Check gazetteer data (``{"actors": [...]}``) and build the matcher."""
    problems: list[str] = []
    first_line: list[int] = []

    def problem(i: int | None, message: str) -> None:
        problems.append(message)
        if i is not None and lines and i < len(lines):
            first_line.append(lines[i])

    items = data.get("actors") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ConfigError("the gazetteer must be a mapping with a list under 'actors'", path)
    gaz = Gazetteer()
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            problem(i, f"actors[{i}]: needs a 'name'")
            continue
        name, kind = item["name"], item.get("kind")
        if kind not in KINDS:
            problem(i, f"actors[{i}] ({name}): kind must be one of {', '.join(KINDS)}")
            continue
        if name in gaz.entries:
            problem(i, f"actors[{i}] ({name}): listed twice")
            continue
        country = item.get("country") or []
        country = [country] if isinstance(country, str) else country
        if not isinstance(country, list) or not all(isinstance(c, str) for c in country):
            problem(i, f"actors[{i}] ({name}): country must be a name or a list of names")
            country = []
        part_of = item.get("part_of")
        if part_of is not None and not isinstance(part_of, str):
            problem(i, f"actors[{i}] ({name}): part_of must be one name")
            part_of = None
        countries = tuple(country)
        gaz.entries[name] = Entry(name, kind, countries, part_of)
        forms = [name]
        for field_name in ("aliases", "demonyms"):
            value = item.get(field_name) or []
            if not isinstance(value, list):
                value = [value]
            forms.extend(value)
        for form in forms:
            if not isinstance(form, str) or not form.strip():
                problem(i, f"actors[{i}] ({name}): aliases and demonyms must be text")
                continue
            key = form_key(t.group(0) for t in tokenize(form))
            owner = gaz.forms.setdefault(key, name)
            if owner != name:
                problem(i, f"actors[{i}] ({name}): '{form}' already stands for {owner}")
    for entry in gaz.entries.values():
        for country in entry.countries:
            if country not in gaz.entries:
                problem(None, f"{entry.name}: country '{country}' is not in the gazetteer")
        if entry.part_of is not None and entry.part_of not in gaz.entries:
            problem(None, f"{entry.name}: part_of '{entry.part_of}' is not in the gazetteer")
    if not problems:
        _inherit_countries(gaz)
    if problems:
        raise ConfigError("; ".join(problems), path, min(first_line) if first_line else None)
    lengths: dict[str, set[int]] = {}
    for key in gaz.forms:
        lengths.setdefault(key[0], set()).add(len(key))
    gaz.lengths = {first: tuple(sorted(n, reverse=True)) for first, n in lengths.items()}
    return gaz


def _inherit_countries(gaz: Gazetteer) -> None:
    """An organ without ``country`` gets its parent's: the state itself, or the parent's countries."""
    for name, entry in list(gaz.entries.items()):
        if entry.countries or entry.part_of is None:
            continue
        chain, parent = [], gaz.entries.get(entry.part_of)
        while parent is not None and parent.name not in chain:
            chain.append(parent.name)
            if parent.kind == "state" or parent.countries:
                break
            parent = gaz.entries.get(parent.part_of) if parent.part_of else None
        if parent is not None:
            countries = (parent.name,) if parent.kind == "state" else parent.countries
            gaz.entries[name] = Entry(entry.name, entry.kind, countries, entry.part_of)


def canonical_names(mentions: list[Mention], kinds: tuple[str, ...]) -> list[str]:
    """Canonical names of the mentions of these kinds, with the countries they belong to, deduplicated."""
    out: list[str] = []
    for mention in mentions:
        if mention.kind not in kinds:
            continue
        for name in (mention.name, *mention.countries):
            if name not in out:
                out.append(name)
    return out
