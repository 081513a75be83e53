"""What ``pyproject.toml`` cannot say declaratively: where the packages are.

The code keeps its import path as its file path: ``benchmark/citydiplo/...`` is the
library (``import citydiplo``) and ``baselines/citydiplo_baselines/...`` the baseline
systems (``import citydiplo_baselines``); both are found with ``find_namespace_packages``,
so that the data folders inside them (the viewer's templates and static files, the LLM
prompts) are packages too and setuptools never warns that one "would be ignored".

The benchmark's data (corpus, gold, schema, seeds, built dataset, results) is not code: it
is mapped into the wheel as ``citydiplo/bundle/<folder>/...`` so that an installed wheel
evaluates anywhere, offline. Every subfolder is listed, so setuptools never warns that a
data folder "would be ignored". ``DATASHEET.md`` is copied in too (``citydiplo/bundle/
DATASHEET.md``): the dataset card quotes its agreement block, so that ``bench build
--check`` run from the wheel compares the bundle with itself.
"""

import shutil
from pathlib import Path

from setuptools import find_namespace_packages, setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).parent
CODE = {"benchmark": "citydiplo", "baselines": "citydiplo_baselines"}
BUNDLE = ("corpus", "annotations", "seeds", "dataset", "results")

packages: list[str] = []
package_dir: dict[str, str] = {}
for where, top in CODE.items():
    packages += [p for p in find_namespace_packages(where, include=[top, f"{top}.*"]) if "__pycache__" not in p]
    package_dir[top] = f"{where}/{top}"
for folder in BUNDLE:
    for sub in sorted(p for p in [HERE / folder, *(HERE / folder).rglob("*")] if p.is_dir()):
        rel = sub.relative_to(HERE).as_posix()
        if "__pycache__" in rel:
            continue
        package = "citydiplo.bundle." + rel.replace("/", ".")
        packages.append(package)
        package_dir[package] = rel

BUNDLE_FILES = ("DATASHEET.md",)


class BuildPy(build_py):
    """build_py, plus the bundle's top-level files (``BUNDLE_FILES``)."""

    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "citydiplo" / "bundle"
        target.mkdir(parents=True, exist_ok=True)
        for name in BUNDLE_FILES:
            shutil.copy2(HERE / name, target / name)


setup(packages=packages, package_dir=package_dir, cmdclass={"build_py": BuildPy})
