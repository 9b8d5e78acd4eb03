"""Fetch the pinned partial plotly.js bundle the site ships, from the npm registry.

    python tools/refresh_plotly_bundle.py [VERSION]

Downloads plotly.js-basic-dist-min at VERSION (default: the plotly.js version inside the
installed plotly Python package, so the site draws with the same library as JupyterLab),
checks the tarball against the registry's sha512 integrity, and writes the bundle, its
LICENSE and package.json, and a SHA256SUMS line into book/_static/vendor/. Commit the result;
builds then need no network. tests/test_site_bundle.py checks the checksum and that the bundle
holds every trace type the site's figures use (scatter and bar today; maps are drawn as filled
scatter paths).
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import sys
import tarfile
import urllib.request
from pathlib import Path

PACKAGE = "plotly.js-basic-dist-min"
BUNDLE = "plotly-basic.min.js"
REGISTRY = "https://registry.npmjs.org"
TARGET = Path(__file__).resolve().parent.parent / "book" / "_static" / "vendor" / PACKAGE


def plotly_python_js_version() -> str:
    import plotly

    head = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text(encoding="utf-8")[:200]
    match = re.search(r"plotly\.js v(\d+\.\d+\.\d+)", head)
    if not match:
        sys.exit("cannot read the plotly.js version from the plotly package")
    return match.group(1)


def main() -> None:
    version = sys.argv[1] if len(sys.argv) > 1 else plotly_python_js_version()
    with urllib.request.urlopen(f"{REGISTRY}/{PACKAGE}/{version}") as response:
        meta = json.load(response)
    algorithm, expected = meta["dist"]["integrity"].split("-", 1)
    with urllib.request.urlopen(meta["dist"]["tarball"]) as response:
        tarball = response.read()
    actual = base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode()
    if actual != expected:
        sys.exit(f"{PACKAGE}@{version}: tarball {algorithm} {actual} != registry's {expected}")
    TARGET.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(tarball)) as archive:
        for name in (BUNDLE, "LICENSE", "package.json"):
            member = archive.extractfile(f"package/{name}")
            assert member is not None, f"{name} missing from the tarball"
            (TARGET / name).write_bytes(member.read())
    digest = hashlib.sha256((TARGET / BUNDLE).read_bytes()).hexdigest()
    (TARGET / "SHA256SUMS").write_text(f"{digest}  {BUNDLE}\n", encoding="utf-8")
    print(f"{PACKAGE}@{version} -> {TARGET} (sha256 {digest})")


if __name__ == "__main__":
    main()
