"""The GitHub Pages workflow: builds under the repository's path and deploys with the official actions."""

from __future__ import annotations

import yaml
from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def test_pages_workflow_builds_with_pages_base_path_and_deploys_with_official_actions():
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = [s for job in flow["jobs"].values() for s in job["steps"]]
    uses = [s["uses"].split("@")[0] for s in steps if "uses" in s]
    assert ["actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"] == [
        u for u in uses if u.startswith(("actions/configure-pages", "actions/upload-pages", "actions/deploy-pages"))
    ]
    build = next(s["run"] for s in steps if "run" in s and "make site" in s["run"])
    assert 'BASE_URL="${{ steps.pages.outputs.base_path }}/"' in build
    assert "SITE_URL=" in build
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "build"
