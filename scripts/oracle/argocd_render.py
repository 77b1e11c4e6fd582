"""Renders a GitOps repository of ffnode environments with real Helm, the way ArgoCD would.

Shared by render_differential.py, record_render.py and bench/fleet.py. Independent of ffgen: it
reads the repository (ffgen.yaml, charts, ffnodes/) and calls Helm v4 through helm_python.

For each environment it builds the root Application (docs/render.md: name = environment, release
name from ffgen.yaml `releaseName` or the environment's name, namespace `argocd`, valueFiles = the
environment's values file relative to the app-of-apps chart), then follows every Application whose
source is a chart of this repository: Helm values are the chart's values.yaml < valueFiles (relative
to the source path, `/` = repository root) < valuesObject (else the `values` string) < parameters
(--set / --set-string) < fileParameters; release name helm.releaseName else the Application's
name; namespace helm.namespace else destination.namespace.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import Any

import helm_python as helm

DEFAULTS = {
    "environments": "ffnodes",
    "valuesFile": "values.yaml",
    "appOfAppsChart": "charts/ffnode",
    "output": "generated",
    "releaseName": "{env}",
    "namespace": "argocd",
    "project": "default",
    "destinationServer": "https://kubernetes.default.svc",
}


def merge_maps(a: dict, b: dict) -> dict:
    """Helm's loader.MergeMaps: b over a, tables merged recursively."""
    out = dict(a)
    for key, value in b.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge_maps(out[key], value)
        else:
            out[key] = value
    return out


def normalize_url(url: str) -> str:
    """host/path, without scheme, user, .git and trailing slashes, lower case."""
    s = url.strip().lower()
    if "://" in s:
        s = s.split("://", 1)[1]
    elif ":" in s and "/" not in s.split(":", 1)[0]:
        host, rest = s.split(":", 1)
        s = host + "/" + rest
    if "@" in s and "/" not in s.split("@", 1)[0]:
        s = s.split("@", 1)[1]
    s = s.rstrip("/")
    if s.endswith(".git"):
        s = s[:-4]
    return s.rstrip("/")


def origin_url(root: Path) -> str | None:
    """git remote origin's URL from .git/config (worktrees followed)."""
    git = root / ".git"
    if git.is_file():
        text = git.read_text().strip()
        if not text.startswith("gitdir:"):
            return None
        git = (root / text[len("gitdir:"):].strip()).resolve()
        common = git / "commondir"
        if common.exists():
            git = (git / common.read_text().strip()).resolve()
    config = git / "config"
    if not config.exists():
        return None
    in_origin = False
    for line in config.read_text().splitlines():
        line = line.strip()
        if line.startswith("["):
            in_origin = line.replace(" ", "") == '[remote"origin"]'
        elif in_origin and "=" in line:
            key, value = line.split("=", 1)
            if key.strip() == "url":
                return value.strip() or None
    return None


class Repository:
    """A repository's settings, read the way docs/render.md describes."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        settings: dict[str, Any] = {}
        path = self.root / "ffgen.yaml"
        if path.exists():
            settings = helm.values_from_yaml(path.read_text()) or {}
        self.settings = {**DEFAULTS, **settings}
        chart_values = self.root / self.settings["appOfAppsChart"] / "values.yaml"
        repo = {}
        if chart_values.exists():
            repo = (helm.values_from_yaml(chart_values.read_text()) or {}).get("repo") or {}
        urls = settings.get("repoURLs")
        if isinstance(urls, str):
            urls = [urls]
        if not urls:
            urls = [repo["url"]] if repo.get("url") else []
            origin = origin_url(self.root)
            if origin and all(normalize_url(origin) != normalize_url(u) for u in urls):
                urls.append(origin)
        self.urls = urls
        self.revision = settings.get("targetRevision") or repo.get("targetRevision") or "HEAD"

    def is_this(self, url: str) -> bool:
        return any(normalize_url(url) == normalize_url(u) for u in self.urls)

    def environments(self) -> list[tuple[str, str]]:
        base = self.root / self.settings["environments"]
        found = []
        for org in sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith(".")):
            for env in sorted(p for p in org.iterdir() if p.is_dir() and not p.name.startswith(".")):
                if (env / self.settings["valuesFile"]).exists():
                    found.append((org.name, env.name))
        return found

    def root_application(self, org: str, env: str) -> dict:
        chart = self.settings["appOfAppsChart"]
        values_file = f"{self.settings['environments']}/{org}/{env}/{self.settings['valuesFile']}"
        relative = str(PurePosixPath(*([".."] * len(PurePosixPath(chart).parts)), values_file))
        namespace = self.settings["namespace"]
        return {
            "apiVersion": "argoproj.io/v1alpha1",
            "kind": "Application",
            "metadata": {
                "name": env,
                "namespace": namespace,
                "finalizers": ["resources-finalizer.argocd.argoproj.io"],
                "labels": {"app.kubernetes.io/managed-by": "ffgen", "ffgen.io/environment": f"{org}.{env}"},
            },
            "spec": {
                "project": self.settings["project"],
                "source": {
                    "repoURL": self.urls[0],
                    "targetRevision": self.revision,
                    "path": chart,
                    "helm": {
                        "releaseName": self.settings["releaseName"].replace("{org}", org).replace("{env}", env),
                        "valueFiles": [relative],
                    },
                },
                "destination": {"server": self.settings["destinationServer"], "namespace": namespace},
                "syncPolicy": {"automated": {"prune": True, "selfHeal": True}},
            },
        }


def render_chart(chart: Path, release: str, namespace: str, values: dict) -> str:
    """What `helm template` prints (trimmed manifest plus a newline), or "" for no objects."""
    config = helm.Config(storage_driver="memory", namespace=namespace)
    try:
        manifest = config.install(str(chart), release, values, namespace=namespace, dry_run="client").get("manifest", "")
    finally:
        config.close()
    manifest = manifest.strip()
    return manifest + "\n" if manifest else ""


def split_documents(manifest: str) -> list[tuple[str, str, dict]]:
    """(source template, document text, parsed object) for each document of a rendered manifest."""
    documents = []
    for chunk in re.split(r"(?m)^---\n", manifest):
        if not chunk.strip():
            continue
        lines = chunk.split("\n", 1)
        source = lines[0][len("# Source: "):] if lines[0].startswith("# Source: ") else ""
        text = lines[1] if len(lines) > 1 and source else chunk
        parsed = helm.values_from_yaml(text)
        if parsed:
            documents.append((source, text, parsed))
    return documents


def clean_set_parameter(value: str) -> str:
    """ArgoCD util/helm/cmd.go cleanSetParameters: escape commas unless the value is a {list}."""
    if value.startswith("{") and value.endswith("}"):
        return value
    return re.sub(r"(?<!\\),", r"\\,", value)


class CycleError(Exception):
    """Applications that render each other."""


def follow(repo: Repository, app: dict, charts: list[str], renders: list[dict], external: list[str]) -> None:
    """Renders every source of `app` that is a chart here, then the Applications it emits."""
    spec = app.get("spec") or {}
    sources = ([spec["source"]] if spec.get("source") else []) + list(spec.get("sources") or [])
    name = app["metadata"]["name"]
    for source in sources:
        if not repo.is_this(source.get("repoURL", "")) or source.get("chart") or source.get("path") is None:
            if source.get("chart") or source.get("path") is not None or not source.get("ref"):
                external.append(name)
            continue
        chart = str(PurePosixPath(source["path"]))
        if chart in charts:
            raise CycleError(" -> ".join(charts + [chart]))
        helm_settings = source.get("helm") or {}
        values: dict = {}
        for file in helm_settings.get("valueFiles") or []:
            if file.startswith("$"):
                # Multi-source `$ref/path`: a path in the repository of the source with that ref.
                ref, _, rest = file[1:].partition("/")
                ref_source = next(s for s in sources if s.get("ref") == ref)
                if not repo.is_this(ref_source.get("repoURL", "")):
                    raise NotImplementedError(f"values file {file} from another repository")
                path = repo.root / rest
            elif file.startswith("/"):
                path = repo.root / file.lstrip("/")
            else:
                path = (repo.root / chart / file).resolve()
            if not path.exists() and helm_settings.get("ignoreMissingValueFiles"):
                continue
            values = merge_maps(values, helm.values_from_yaml(path.read_text()) or {})
        inline = helm_settings.get("valuesObject")
        if inline is None and (helm_settings.get("values") or "").strip():
            inline = helm.values_from_yaml(helm_settings["values"])
        if inline:
            values = merge_maps(values, inline)
        if helm_settings.get("fileParameters"):
            raise NotImplementedError("fileParameters")
        for parameter in helm_settings.get("parameters") or []:
            parse = helm.parse_set_string_values if parameter.get("forceString") else helm.parse_set_string
            value = clean_set_parameter(parameter.get("value", ""))
            values = merge_maps(values, parse(f"{parameter['name']}={value}"))
        release = helm_settings.get("releaseName") or name
        namespace = helm_settings.get("namespace") or (spec.get("destination") or {}).get("namespace") or "default"
        manifest = render_chart(repo.root / chart, release, namespace, values)
        documents = split_documents(manifest)
        renders.append({"application": name, "chart": chart, "manifest": manifest, "documents": documents})
        for _, _, obj in documents:
            if obj.get("kind") == "Application" and str(obj.get("apiVersion", "")).startswith("argoproj.io/"):
                follow(repo, obj, charts + [chart], renders, external)


def render_environment(repo: Repository, org: str, env: str) -> tuple[dict, list[dict], list[str]]:
    """The root Application, every render (application, chart, manifest, documents) and the external Apps."""
    root = repo.root_application(org, env)
    renders: list[dict] = []
    external: list[str] = []
    follow(repo, root, [], renders, external)
    return root, renders, external


def object_key(application: str, obj: dict) -> tuple[str, str, str, str]:
    """(application, kind, namespace, name): what identifies an object in the generated tree."""
    metadata = obj.get("metadata") or {}
    return (application, obj.get("kind", ""), metadata.get("namespace") or "", metadata.get("name", ""))
