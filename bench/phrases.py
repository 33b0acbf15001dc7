"""Word and phrase bank for ``make_corpus.py``: Arctic and geopolitics vocabulary.

Sentences are recombined from these so that text lengths, vocabulary size and the number of
distinct tags, actors and publishers grow the way a real digest's do (a few hundred actors,
a few dozen tags, a dozen publishers), which is what index and term-page sizes depend on.
No sentence contains an abbreviation with a full stop, so any sentence splitter finds exactly
the sentences written here and anchors stay valid.
"""

from __future__ import annotations

PUBLISHERS = (
    ("S. Rajaratnam School of International Studies (RSIS)", "Commentary", "CO"),
    ("Wilson Center", "Article", None),
    ("Arctic Institute", "Analysis", None),
    ("Chatham House", "Research Paper", "RP"),
    ("Center for Strategic and International Studies", "Commentary", None),
    ("Norwegian Institute of International Affairs", "Policy Brief", "NUPI"),
    ("Danish Institute for International Studies", "Policy Brief", "DIIS"),
    ("Finnish Institute of International Affairs", "Briefing Paper", "FIIA"),
    ("Carnegie Endowment for International Peace", "Article", None),
    ("International Institute for Strategic Studies", "Analysis", None),
    ("Fridtjof Nansen Institute", "Report", "FNI"),
    ("Polar Research and Policy Initiative", "Commentary", None),
)

FIRST_NAMES = (
    "Daniel", "Guðbjörg", "Baldur", "Marc", "Elizabeth", "Andreas", "Mia", "Rasmus", "Ingrid", "Sergey",
    "Li", "Wei", "Yuki", "Camille", "Heather", "Jonas", "Anna", "Pavel", "Mikkel", "Sofia", "Rebecca",
    "Thomas", "Aleksandra", "Nong", "Marie", "Olav", "Kristina", "Henrik", "Jiaxin", "Elena", "Björn",
    "Siri", "Matthew", "Laura", "Kenji", "Astrid", "Dmitri", "Ulrike", "Hanna", "Arnór",
)
LAST_NAMES = (
    "Balazs", "Hauksdóttir", "Thorhallsson", "Lanteigne", "Buchanan", "Østhagen", "Bennett", "Sørensen",
    "Koivurova", "Sukhankin", "Zhang", "Wang", "Tanaka", "Dubois", "Exner-Pirot", "Klein", "Baev",
    "Jensen", "Lindqvist", "Conley", "Pincus", "Moe", "Rosen", "Hong", "Heininen", "Kristoffersen",
    "Petersen", "Gao", "Kuznetsova", "Eriksson", "Haugland", "Gjørv", "Staun", "Wilhelmsen", "Ólafsson",
    "Pezard", "Sun", "Jakobson", "Bertelsen", "Nilsson",
)
ROLES = ("Research Fellow", "Senior Fellow", "Associate Professor", "Senior Researcher", "Director",
         "Research Analyst", "Visiting Scholar", "Programme Lead")

TAGS = (
    "Arctic", "Arctic Governance", "Sino-Russian Relations", "Northern Sea Route", "Maritime Security",
    "Energy Security", "Liquefied Natural Gas", "Critical Minerals", "Rare Earths", "Climate Change",
    "Sea Ice", "Polar Research", "Shipping", "Icebreakers", "Sanctions", "NATO", "Nordic Security",
    "Greenland", "Svalbard", "Indigenous Peoples", "Fisheries", "Space and Satellites", "Undersea Cables",
    "Hybrid Threats", "Military Exercises", "Nuclear Deterrence", "Belt and Road Initiative",
    "Polar Silk Road", "Arctic Council", "International Law", "UNCLOS", "Search and Rescue",
    "Infrastructure", "Investment Screening", "Tourism", "Permafrost", "Scientific Diplomacy",
    "Grey-Zone Activity", "Defence Spending", "Alliance Politics", "Economic Statecraft", "Ports",
)

STATES = (
    "Russia", "China", "the United States", "Norway", "Denmark", "Greenland", "Canada", "Finland",
    "Sweden", "Iceland", "Japan", "South Korea", "India", "Germany", "France", "the United Kingdom",
    "the Netherlands", "Poland", "Estonia", "Singapore",
)
ORGANISATIONS = (
    "NATO", "the Arctic Council", "the European Union", "Rosatom", "Gazprom", "Novatek", "COSCO Shipping",
    "China's Coast Guard", "Russia's Northern Fleet", "the Federal Security Service",
    "the North American Aerospace Defense Command", "the Polar Research Institute of China",
    "the International Maritime Organization", "the Nordic Council", "Greenland's Self-Government",
    "the Barents Euro-Arctic Council", "the Inuit Circumpolar Council", "Equinor", "Sovcomflot",
    "the Chinese Academy of Sciences", "the United States Coast Guard", "Norway's Joint Headquarters",
    "the Danish Defence Intelligence Service", "Canada's Department of National Defence",
)
PLACES = (
    "the Northern Sea Route", "Svalbard", "the Barents Sea", "the Yamal Peninsula", "the Bering Strait",
    "Alaska", "Murmansk", "the Kola Peninsula", "the Aleutian Islands", "the Beaufort Sea", "the Kara Sea",
    "the Arctic Ocean", "Nuuk", "Kirkenes", "Tromsø", "the Chukchi Sea", "the Lomonosov Ridge",
    "the Northwest Passage", "Sabetta", "Arkhangelsk", "the Greenland Sea", "the Canadian Archipelago",
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")

EVENT_VERBS = (
    ("signed a memorandum of understanding on", "maritime law enforcement cooperation"),
    ("conducted joint naval patrols near", None),
    ("announced plans to build", "high ice-class container ships"),
    ("launched a joint research expedition to", None),
    ("agreed to train specialists in", "polar navigation"),
    ("opened a new liquefied natural gas terminal at", None),
    ("held large-scale military exercises around", None),
    ("suspended scientific cooperation with partners in", None),
    ("awarded a €55 million tender for", "a floating dock to service nuclear icebreakers"),
    ("deployed long-range bombers close to", None),
    ("expanded satellite ground stations on", None),
    ("imposed new sanctions on shipping companies operating in", None),
    ("completed a transit voyage through", None),
    ("published a new strategy for", "the development of the Arctic zone"),
    ("invested heavily in port infrastructure at", None),
    ("restarted joint maritime research missions in", None),
    ("intercepted reconnaissance aircraft operating near", None),
    ("reached an agreement on fishing quotas in", None),
)

CLAIM_TEMPLATES = (
    "The key takeaway is that {a} is unlikely to abandon its interests in {p} despite rising costs.",
    "This trend is likely to persist, as the underlying drivers of cooperation between {a} and {b} remain firmly in place.",
    "For regional states, the challenge will not be to halt this alignment but to navigate it with patience and resolve.",
    "{A} should invest in icebreaking capacity and surveillance before the window for influence in {p} closes.",
    "Closer coordination between {a} and {b} is likely to expand, but unevenly and incrementally.",
    "The evidence suggests that historical distrust continues to constrain the partnership between {a} and {b}.",
    "Policymakers in {a} would be wise to treat scientific cooperation in {p} as a strategic asset rather than a courtesy.",
    "Without sustained investment, {a} risks ceding the initiative in {p} to better-resourced rivals.",
    "It remains doubtful that commercial shipping through {p} will reach the volumes that planners in {a} expect.",
    "We argue that systemic pressure, more than shared values, explains the recent convergence between {a} and {b}.",
)
CLAIM_KINDS = ("thesis", "assessment", "forecast", "recommendation", "finding")

FILLER_TEMPLATES = (
    "The region is becoming more navigable as the ice retreats, and the prospect of shorter transit times between Europe and Northeast Asia draws the attention of major trading states.",
    "{A} has long framed its engagement in {p} through the logic of sovereignty and national security.",
    "Economic development is also part of the approach of {a}, but the financial means to build infrastructure there remain limited.",
    "Analysts in {a} note that the harsh climate of {p} raises the cost of every project by a wide margin.",
    "Cooperation with {b} offers access to capital and technology that {a} cannot easily find elsewhere.",
    "At the same time, {a} hosts abundant mineral resources, including rare-earth elements and precious metals.",
    "Observers have pointed to a steady rise in military activity around {p} over the past decade.",
    "The area accounts for a notable share of global commercial oil output and natural gas supplies.",
    "Scientific stations in {p} provide data on sea ice, permafrost and ocean currents that no other source can replace.",
    "Local communities in {p} have asked to be consulted before new shipping lanes or mines are approved.",
    "Insurance rates for vessels sailing through {p} remain high because search and rescue capacity is thin.",
    "Officials in {a} describe the relationship with {b} as pragmatic rather than ideological.",
    "Much of the debate turns on whether commercial interests in {p} can be separated from military ones.",
    "The partnership between {a} and {b} is far from smooth, and most of the frictions stem from different approaches to the region.",
    "Sanctions have narrowed the options of {a} and pushed it towards partners that ask fewer questions.",
    "Icebreaker fleets are the currency of presence in {p}, and few states can afford to build them.",
    "Satellite coverage of {p} has improved, yet much of the seabed remains poorly mapped.",
    "Diplomats from {a} and {b} continue to meet within the working groups of the Arctic Council.",
)

HEADINGS = (
    "The Enduring Importance of the Arctic", "Where Interests Diverge", "Geopolitical Pressure and New Partnerships",
    "The Prognosis", "Commerce on Thin Ice", "Security Dilemmas in the High North", "Science as Statecraft",
    "Infrastructure and Investment", "Implications for Regional States", "A Fragile Balance",
    "Shipping Lanes and Strategic Choke Points", "Resources Beneath the Ice",
)

TITLE_TEMPLATES = (
    "{A} and {B} in the Arctic: {x}",
    "{x}: {A}, {B} and the Future of {P}",
    "Why {P} Matters to {A}",
    "{A}'s Arctic Ambitions and the Limits of Partnership",
    "{x} in {P}",
)
TITLE_PHRASES = (
    "From a Bumpy Ride to Deeper Engagement", "Systemic Pressure and Historical Distrust", "Cold Calculations",
    "A Partnership of Convenience", "Competition Beneath the Ice", "The New Great Game", "Thawing Ties",
    "Sovereignty and Shipping", "Science, Security and Power", "Strategic Patience", "Melting Boundaries",
)
