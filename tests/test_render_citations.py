"""Citations: the formatted reference and the BibTeX, RIS and CSL-JSON downloads (expected text written by hand)."""

from __future__ import annotations

import json

from conftest import RECORDS

from research_digest.records.yamlio import load_record
from research_digest.render import citations

POLAR = RECORDS / "polar-journal-sino-russian-arctic-cooperation.yaml"
RSIS = RECORDS / "rsis-co26021-china-russia-arctic.yaml"


def test_formatted_citation_of_journal_article_matches_chicago_style():
    record = load_record(POLAR)
    assert citations.format_citation(record) == (
        "Hauksdóttir, Guðbjörg Ríkey Th. and Baldur Thorhallsson. “Sino-Russian Arctic Cooperation: Systemic "
        "Pressure and Historical Distrust.” The Polar Journal, July 22, 2025."
    )


def test_formatted_citation_of_commentary_names_series_and_page():
    record = load_record(RSIS)
    assert citations.format_citation(record, "https://x.github.io/digest/briefs/rsis/") == (
        "Balazs, Daniel. “China and Russia in the Arctic: From a Bumpy Ride to Deeper Engagement.” S. Rajaratnam "
        "School of International Studies (RSIS), RSIS Commentary CO26021, February 6, 2026. "
        "https://x.github.io/digest/briefs/rsis/."
    )


def test_bibtex_entry_for_journal_article():
    assert citations.to_bibtex(load_record(POLAR)) == (
        "@article{hauksdottir2025sino,\n"
        "  author = {{Hauksdóttir}, Guðbjörg Ríkey Th. and {Thorhallsson}, Baldur},\n"
        "  title = {{Sino-Russian Arctic Cooperation: Systemic Pressure and Historical Distrust}},\n"
        "  journal = {The Polar Journal},\n"
        "  year = {2025},\n"
        "  month = {7},\n"
        "  date = {2025-07-22}\n"
        "}\n"
    )


def test_bibtex_escapes_special_characters():
    record = load_record(RSIS)
    record.publisher = "Research & Policy 100% #1"
    assert r"institution = {Research \& Policy 100\% \#1}" in citations.to_bibtex(record)


def test_ris_record_for_commentary():
    ris = citations.to_ris(load_record(RSIS)).split("\r\n")
    assert ris[0] == "TY  - RPRT"
    assert "AU  - Balazs, Daniel" in ris
    assert "DA  - 2026/02/06/" in ris
    assert "M1  - CO26021" in ris
    assert ris[-2] == "ER  - " and ris[-1] == ""


def test_csl_json_has_issued_date_parts_and_type():
    data = json.loads(citations.to_csl_json(load_record(POLAR)))
    assert data[0]["type"] == "article-journal"
    assert data[0]["issued"] == {"date-parts": [[2025, 7, 22]]}
    assert data[0]["author"][0] == {"family": "Hauksdóttir", "given": "Guðbjörg Ríkey Th."}
    assert data[0]["container-title"] == "The Polar Journal"


def test_original_url_and_doi_appear_in_every_citation_format():
    record = load_record(POLAR)
    record.source.url = "https://www.tandfonline.com/doi/full/10.1080/2154896X.2025.0000001"
    record.source.doi = "10.1080/2154896X.2025.0000001"
    bib = citations.to_bibtex(record, "https://x.github.io/digest/briefs/polar/")
    assert "  doi = {10.1080/2154896X.2025.0000001},\n" in bib
    assert "  url = {https://www.tandfonline.com/doi/full/10.1080/2154896X.2025.0000001}\n" in bib
    ris = citations.to_ris(record).split("\r\n")
    assert "DO  - 10.1080/2154896X.2025.0000001" in ris
    assert "UR  - https://www.tandfonline.com/doi/full/10.1080/2154896X.2025.0000001" in ris
    (csl,) = json.loads(citations.to_csl_json(record))
    assert csl["DOI"] == "10.1080/2154896X.2025.0000001"
    assert csl["URL"] == "https://www.tandfonline.com/doi/full/10.1080/2154896X.2025.0000001"
    # Chicago prefers the DOI as a link over the URL
    assert citations.format_citation(record).endswith(
        "Historical Distrust.” The Polar Journal, July 22, 2025. https://doi.org/10.1080/2154896X.2025.0000001."
    )


def test_original_url_is_cited_rather_than_this_sites_page():
    record = load_record(RSIS)
    record.source.url = "https://www.rsis.edu.sg/rsis-publication/rsis/example/"
    assert "UR  - https://www.rsis.edu.sg/rsis-publication/rsis/example/" in citations.to_ris(record, "https://x/b/")
    assert "https://x/b/" not in citations.to_ris(record, "https://x/b/")
