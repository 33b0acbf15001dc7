"""The generic profile's rules, as data: what chrome, footers, bylines and labels look like.

Grouped by purpose, most specific first, as trafilatura keeps its XPath lists apart from the code
that applies them (``generic.py``). All are matched against one stripped line of page text.
"""

from __future__ import annotations

import re

CHROME = tuple(
    re.compile(p, re.I)
    for p in (
        r"^(?:share|share this(?: article| page| post)?:?|share on \w+|tweet|print|email|e-mail|copy link|save|"
        r"like this:?|like loading\.*|newsletter|remote visualization|video|audio|read (?:the )?full (?:article|report|text)|"  # noqa: E501 - one alternation, easier to read unbroken
        r"facebook|twitter|x|linkedin|whatsapp|reddit|telegram|bluesky|mastodon|threads|pinterest)$",
        r"^(?:skip to (?:main )?content|skip navigation|toggle navigation|menu|close|search|open search|back to top|"
        r"advertisement|sponsored|listen to this article|listen|download pdf|download|read more|see more|"
        r"show more|load more|top stories|trending|breaking|live|subscribe|sign in|log in|register|donate)$",
        r"^\d+\s+min(?:ute)?s?\s+read$",
        r"^(?:https?://|doi:\s*|www\.)\S+$|^read (?:this|the) article$",
        r"^(?:posted in|filed under|tagged)\b(?!.*[.!?]$)",
        r"^(?:(?:share(?: this)?|follow us|twitter|facebook|linkedin|whatsapp|reddit|email|e-mail|print|x|bluesky|"
        r"threads|mastodon|telegram|copy link)[\s:|·•]*){2,}$",
        r"cookies?\b.*\b(?:accept|agree|consent|experience|privacy|policy|settings|preferences)\b",
        r"\b(?:we use|we’d like to set|we'd like to set|this (?:web)?site uses|essential|additional|analytics)\b"
        r".{0,80}\bcookies\b",
        r"^(?:accept|reject|manage|view|set)(?: all| additional| optional| analytics)?(?: cookies)?(?: settings)?$"
        r"|^(?:ok|got it|i agree)$",
        r"^[\d\s.,:/·|]+$",
        r"^thanks for reading\b|\bsubscribe (?:for free|now|today)\b",
        r"^(?:sign up|subscribe)\b.{0,80}(?:newsletter|inbox|updates|email)",
        r"^(?:enter your email|your email address|email address)$",
        r"^(?:follow us|follow us on|connect with us|stay connected)\b",
        r"^(?:image|photo|picture|credit|source|photograph)s?\s*(?:credit)?\s*:\s*\S.{0,120}$",
        r"^(?=.{0,200}$).*?\b(?:photo|image|credit|foto)\s*(?:credit)?\s*:\s*[^.]{2,80}\.?$",
        r"^(?:getty images|reuters|ap photo|afp|shutterstock)\b.{0,60}$",
    )
)
"""Lines that are widgets wherever they appear."""
FOOTER_STRONG = tuple(
    re.compile(p, re.I)
    for p in (
        r"^(?:comments?|\d+ comments?|leave a (?:comment|reply)|join the (?:conversation|discussion)|"
        r"comments powered by disqus|post navigation)$",
        r"^(?:one|no|\d+) (?:thoughts?|responses?|comments?|replies) (?:on|to)\b",
        r"^(?:©|\(c\)|copyright\b)",
        r"\ball rights reserved\b",
        r"^(?:footer|site map|sitemap|privacy (?:policy|notice|statement)|terms (?:of use|and conditions|of service))$",
        r"^(?:references|notes|endnotes|footnotes|bibliography|works cited|disclosure statement|"
        r"conflict of interest(?: statement)?|acknowledge?ments|funding)$",
    )
)
"""Markers no article runs past (comments, copyright, the reference list): the article ends at the first."""
FOOTER_WEAK = tuple(
    re.compile(p, re.I)
    for p in (
        r"^(?:related|related (?:articles?|posts?|content|reading|stories|research|publications|analysis))$",
        r"^(?:more (?:from|on|in|by|like this)\b.{0,60}|read next|up next|read also|see also|recommended(?: for you| reading)?|"  # noqa: E501 - one alternation, easier to read unbroken
        r"you (?:may|might) also (?:like|be interested in)|most (?:read|popular|viewed))$",
        r"^(?:about (?:us|the (?:authors?|expert|writer|contributors?))|author(?:s)?|contributors?|"
        r"about the experts?|experts?)$",
        r"^(?:want to read more\?|want more\?|get the full (?:article|report|text)|the full text of this \w+ is available)",  # noqa: E501 - one alternation, easier to read unbroken
    )
)
"""Markers that usually end the article but may also be one of its headings (``More from the
Council's working groups``): a cut here is subject to the KEEP_RATIO safety net."""
FOOTER = FOOTER_STRONG + FOOTER_WEAK
BIO_LABEL = re.compile(
    r"^(?:about (?:the )?authors?|about the (?:writer|contributors?|experts?)|authors?|contributors?)$", re.I
)
TAG_LABEL = re.compile(r"^(?:tags|topics|keywords|filed under|categories)\s*:?$", re.I)
TAG_LINE = re.compile(r"^(?:tags?|topics?|categories|filed under|keywords)\s*:\s*(?P<tags>.+)$", re.I)
PUBLISHED = re.compile(r"^(?:published|posted|first published|date|issued|released)(?:\s+on)?\s*:?\s", re.I)
PUBLISHED_IN_LINE = re.compile(r"\b(?:published|posted)(?:\s+online)?(?:\s+on)?\s*:?\s*(?P<rest>.{6,30})", re.I)
"""``Pages 301-322 | Received 12 Nov 2024, Published online: 22 Jul 2025``: the publication date wins."""
UPDATED = re.compile(r"^(?:updated|last updated|modified|last modified)\b", re.I)
POSTED_BY = re.compile(r"^(?:posted|published|written)?\s*(?:on\s+)?(?P<date>.{6,30}?)\s+by\s+(?P<names>.+)$", re.I)
CITATION_LABEL = re.compile(
    r"^(?:recommended citation|cite (?:this(?: \w+)?|as)|how to cite(?: this)?(?: \w+)?|citation)\s*:?\s*(?P<rest>.*)$",
    re.I,
)
COPYRIGHT = re.compile(
    r"^(?:copyright\s*(?:©|\(c\))?|©|\(c\))\s*(?:copyright\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?"
    r"(?:by\s+(?:the\s+)?)?(?P<name>\S.{2,80}?)(?:\s+\d{4})?(?:\.?\s*all rights reserved.*|\s*\|.*|\.?\s*)$",
    re.I,
)
BYLINE_START = re.compile(r"^(?:by|authors?|written by)\b\s*:?\s+\S", re.I)
ROLE = re.compile(
    r"\b(?:Fellow|Professor|Director|Analyst|Researcher|Editor|Correspondent|Reporter|Programme|Program|"
    r"Institute|University|Chair|Head|Lecturer|Associate|Adviser|Advisor|Manager|Officer)\b"
)
"""Words of a role line under an author's name (``Senior Research Fellow, Europe Programme``)."""
CREDIT = re.compile(r"^(?:image|photo|picture|source|photograph)s?\s*(?:credit)?\s*:\s*\S.{0,120}$", re.I)
"""An image credit on its own line: it and the caption line above it go."""
LIST_ITEM = re.compile(r"^(?:[•\-–*·]\s|\d{1,4}[.):]\s|[A-Z][\w ]{0,30}:\s)")
LABELS = re.compile(
    r"^(?:analysis|commentary|opinion|news|blog|feature|explainer|research|report|article|essay|"
    r"op-ed|interview|expert comment|insight|brief|podcast|by|and|synopsis|abstract|summary|"
    r"key points|key takeaways|highlights)$",
    re.I,
)
