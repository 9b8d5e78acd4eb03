"""Install the project's Jupyter settings into the environment that runs this script.

Usage: .venv/bin/python tools/jupyter_config.py   (the Makefile's venv step runs it)

Writes under sys.prefix, so the settings apply to this environment only:

* etc/jupyter/jupyter_nbconvert_config.json and etc/jupyter/jupyter_server_config.json:
  HTML exports (`jupyter nbconvert --to html`, JupyterLab's Save and Export As HTML)
  go through tools.offline_export, so they draw offline. (jupyter_server reads only
  extension switches from jupyter_server_config.d/, so this is the plain file, which
  nothing else in the venv writes.) The server file also stops JupyterLab fetching a
  news feed and asking PyPI for a newer version: classrooms are often offline, and
  nothing should leave the machine unasked; etc/jupyter/labconfig/page_config.json
  turns off the announcements plugin, which otherwise asks every new user about news;
* etc/ipython/ipython_kernel_config.py: kernels do not print ipykernel's warning that
  they listen over TCP without encryption. Every kernel here is started on this
  machine, bound to 127.0.0.1, by the site build, nbval or JupyterLab, so the warning
  says nothing the user can act on and buries the build's real output.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.offline_export import exporter_config  # noqa: E402

KERNEL_CONFIG = '''\
# Written by tools/jupyter_config.py: drop ipykernel's unencrypted-TCP warning (see there why).
import logging


class _DropUnencryptedTcpWarning(logging.Filter):
    def filter(self, record):
        return "running over TCP without encryption" not in record.getMessage()


logging.getLogger("IPKernelApp").addFilter(_DropUnencryptedTcpWarning())
'''

OFFLINE_LAB = {"LabApp": {"news_url": None, "check_for_updates_class": "jupyterlab.NeverCheckForUpdate"}}

NO_ANNOUNCEMENTS = {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}


def main() -> None:
    etc = Path(sys.prefix) / "etc"
    exporter = json.dumps(exporter_config(), indent=2) + "\n"
    targets = {
        etc / "jupyter" / "jupyter_nbconvert_config.json": exporter,
        etc / "jupyter" / "jupyter_server_config.json":
            json.dumps({**exporter_config(), **OFFLINE_LAB}, indent=2) + "\n",
        etc / "jupyter" / "labconfig" / "page_config.json": json.dumps(NO_ANNOUNCEMENTS, indent=2) + "\n",
        etc / "ipython" / "ipython_kernel_config.py": KERNEL_CONFIG,
    }
    for path, text in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
