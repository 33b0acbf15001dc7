"""The GitHub workflows: CI checks every push, and the Pages deploy needs those checks to pass."""

from __future__ import annotations

import re

import yaml
from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
CURRENT = {  # the current majors of the official actions (Node 24); older ones run with warnings
    "actions/checkout": "v5",
    "actions/setup-python": "v6",
    "actions/configure-pages": "v6",
    "actions/upload-pages-artifact": "v5",
    "actions/deploy-pages": "v5",
    "actions/cache": "v5",
}


def load(name: str) -> dict:
    flow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    flow["on"] = flow.pop(True, flow.get("on"))  # YAML 1.1 reads the key `on` as True
    return flow


def steps_of(job: dict) -> list[dict]:
    return job.get("steps", [])


def test_every_action_in_every_workflow_is_on_its_current_major():
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for job in load(path.name)["jobs"].values():
            for step in steps_of(job):
                if "uses" in step:
                    action, _, version = step["uses"].partition("@")
                    assert CURRENT.get(action) == version, f"{path.name}: {step['uses']}"


def test_every_job_has_a_time_limit():
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for name, job in load(path.name)["jobs"].items():
            if "uses" not in job:  # a called workflow sets its own
                assert isinstance(job.get("timeout-minutes"), int) and job["timeout-minutes"] <= 30, (path.name, name)


def test_ci_runs_lint_types_and_tests_on_push_and_pull_request_with_chromium_from_apt():
    flow = load("ci.yml")
    assert {"push", "pull_request", "workflow_call"} <= set(flow["on"])
    (job,) = flow["jobs"].values()
    assert job["container"].startswith("python:3.11-bookworm")  # Debian, where apt has chromium
    assert ".ci/run" in [s.get("run") for s in steps_of(job)]
    cache = next(s for s in steps_of(job) if s.get("uses", "").startswith("actions/cache"))
    assert ".cache/pip" in cache["with"]["path"] and "requirements.lock" in cache["with"]["key"]
    assert job["env"]["PIP_CACHE_DIR"].endswith("/.cache/pip")
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get install -y -qq chromium" in ci_run
    commands = re.findall(r"^make (\w+)$", ci_run, re.M)
    assert commands == ["site", "lint", "test"]  # lint and types before the tests


def test_pages_deploy_needs_the_ci_checks_then_digest_check_and_fast_tests():
    flow = load("pages.yml")
    jobs = flow["jobs"]
    assert jobs["checks"]["uses"] == "./.github/workflows/ci.yml"
    assert jobs["build"]["needs"] == "checks" and jobs["deploy"]["needs"] == "build"
    build = steps_of(jobs["build"])
    runs = [s.get("run", "") for s in build]
    upload = next(i for i, s in enumerate(build) if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    site = next(i for i, r in enumerate(runs) if r.startswith("make site"))
    check = next(i for i, r in enumerate(runs) if "digest check" in r)
    fast = next(i for i, r in enumerate(runs) if r == "make test-fast")
    assert site < check < upload and fast < upload
    assert 'BASE_URL="${{ steps.pages.outputs.base_path }}/"' in runs[site] and "SITE_URL=" in runs[site]
    assert '--base-url "${{ steps.pages.outputs.base_path }}/"' in runs[check]
    python = next(s for s in build if s.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["cache"] == "pip" and python["with"]["cache-dependency-path"] == "requirements.lock"
    assert build[upload]["with"]["path"] == "build"
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert flow["concurrency"]["cancel-in-progress"] is False


def test_starter_pages_workflow_uses_the_same_current_actions():
    starter = ROOT / "src" / "research_digest" / "starter" / "github" / "workflows" / "pages.yml"
    flow = yaml.safe_load(starter.read_text(encoding="utf-8"))
    for job in flow["jobs"].values():
        assert isinstance(job["timeout-minutes"], int)
        for step in steps_of(job):
            if "uses" in step:
                action, _, version = step["uses"].partition("@")
                assert CURRENT[action] == version, step["uses"]
