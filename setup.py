"""What ``pyproject.toml`` cannot say declaratively: where the packages are.

The code keeps its import path as its file path: ``benchmark/citydiplo/...`` is the
library (``import citydiplo``) and ``baselines/citydiplo_baselines/...`` the baseline
systems (``import citydiplo_baselines``); both are found with ``find_packages``.

The benchmark's data (corpus, gold, schema, seeds, built dataset, results) is not code: it
is mapped into the wheel as ``citydiplo/bundle/<folder>/...`` so that an installed wheel
evaluates anywhere, offline. Every subfolder is listed, so setuptools never warns that a
data folder "would be ignored".
"""

from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).parent
CODE = {"benchmark": "citydiplo", "baselines": "citydiplo_baselines"}
BUNDLE = ("corpus", "annotations", "seeds", "dataset", "results")

packages: list[str] = []
package_dir: dict[str, str] = {}
for where, top in CODE.items():
    packages += find_packages(where, include=[top, f"{top}.*"])
    package_dir[top] = f"{where}/{top}"
for folder in BUNDLE:
    for sub in sorted(p for p in [HERE / folder, *(HERE / folder).rglob("*")] if p.is_dir()):
        rel = sub.relative_to(HERE).as_posix()
        if "__pycache__" in rel:
            continue
        package = "citydiplo.bundle." + rel.replace("/", ".")
        packages.append(package)
        package_dir[package] = rel

setup(packages=packages, package_dir=package_dir)
