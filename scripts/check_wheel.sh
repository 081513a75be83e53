#!/usr/bin/env bash
# Build the wheel, install it (with its [baselines] extra) into a fresh virtual environment
# in a temporary folder, and use it from outside any checkout, as a new user would:
# evaluate a baseline and a predictions file, validate, view, export, load a config from
# Python, and check that only `citydiplo` and `citydiplo_baselines` were installed (the
# import-layer contracts are checked from the checkout, in .ci/run). Exits non-zero on the
# first failure.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# `python -m build` (sdist, then the wheel from it) must not warn that a package "would be
# ignored" (setup.py lists every data folder as a package).
if python3 -m build --version >/dev/null 2>&1; then
  python3 -m build --outdir "$work/dist" "$repo" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
  if grep -q "would be ignored" "$work/build.log"; then
    grep -A3 "would be ignored" "$work/build.log"; echo "python -m build warns: a package would be ignored"; exit 1
  fi
else
  python3 -m pip wheel -q --no-deps -w "$work/dist" "$repo" >/dev/null
fi
wheel="$(ls "$work"/dist/citydiplo-*.whl)"
python3 -m venv "$work/venv"
. "$work/venv/bin/activate"
python -m pip install -q --upgrade pip
python -m pip install -q "$wheel[baselines]"

cd "$work"
export HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1 HF_HOME="$work/hf" CITYDIPLO_ROOT=
unset CITYDIPLO_ROOT
echo "== bench evaluate gazetteer (installed wheel, from $work)"
bench evaluate gazetteer --format json --out gazetteer.json > evaluate.json
python - "$repo/results/gazetteer.json" <<'PY'
import json, sys
committed = json.load(open(sys.argv[1]))["headline"]
fresh = json.load(open("gazetteer.json"))["headline"]
for key, h in committed.items():
    assert abs(fresh[key]["f1"] - h["f1"]) < 1e-12, (key, fresh[key]["f1"], h["f1"])
print("same headline figures as the committed results:", {k: round(v["f1"], 4) for k, v in fresh.items()})
PY
echo "== bench gold-predictions + bench evaluate FILE"
bench gold-predictions --out gold.jsonl
bench evaluate gold.jsonl --format json | python -c "import json,sys; h=json.load(sys.stdin)['headline']; assert all(v['f1']==1.0 for v in h.values()), h; print('gold scores 100.0')"
echo "== the string track and the tasks (prompts per task ship with the wheel)"
bench gold-predictions --format strings --no-hints --out nohints.jsonl
bench evaluate nohints.jsonl --format json | python -c "import json,sys; s=json.load(sys.stdin)['secondary']['string_f1']; assert s['f1']==1.0, s; print('hint-less gold strings: string_f1 100.0')"
bench evaluate gazetteer --task eae --samples 100 > /dev/null
bench prompt 000-lv --task eae > /dev/null
echo "== every command from the wheel: works on the bundle, or says in one line that it needs a checkout"
bench build --check
bench datasheet --check
bench corpus --check
bench publish org/name --dry-run >/dev/null
bench check-results "$(python -c 'import citydiplo.corpus.project as p; print(p.BUNDLE_DIR)')/results/gazetteer.json"
bench agreement "$(python -c 'import citydiplo.corpus.project as p; print(p.BUNDLE_DIR)')/annotations/passes/a" \
  "$(python -c 'import citydiplo.corpus.project as p; print(p.BUNDLE_DIR)')/annotations/passes/b" | grep -q "n/a"
for cmd in "corpus" "pin-gold" "datasheet" "build" "publish org/name"; do
  set +e; msg="$(bench $cmd 2>&1)"; rc=$?; set -e
  if [ "$rc" != 2 ] || ! grep -q "needs a checkout" <<<"$msg" || [ "$(wc -l <<<"$msg")" != 1 ]; then
    echo "bench $cmd from the wheel: expected one line saying it needs a checkout, exit 2; got $rc: $msg"; exit 1
  fi
done
echo "== --label-map, --scheme, --languages and module:function from the current folder"
cat > my_system.py <<'PY'
def predict(documents):
    return [{"id": f"{d.id}-{i:03d}"} for d in documents for i in range(1, len(d.meta.sentences) + 1)]
PY
bench evaluate my_system:predict --languages lv,uk --samples 100 --format json \
  | python -c "import json,sys; r=json.load(sys.stdin); assert r['languages']['evaluated']==['lv','uk'], r['languages']"
bench gold-predictions --format chars --out gold-chars.jsonl
bench evaluate gold-chars.jsonl --label-map spacy --scheme coarse --format json \
  | python -c "import json,sys; r=json.load(sys.stdin); assert r['headline']['entity_f1']['f1']==1.0 and r['labels']['scheme']=='coarse'"
echo "== bench validate / view / export"
bench validate
bench view --out site >/dev/null && test -f site/index.html
bench export --format conll --out export >/dev/null && test -f export/all.conll
echo "== Python API"
python - <<'PY'
import importlib.util
import citydiplo
ner = citydiplo.load("ner", cache_dir="hf-cache")
assert ner["test"].num_rows > 0
r = citydiplo.evaluate("gazetteer")
print("citydiplo.evaluate('gazetteer').headline['entity_f1'] =", r.headline["entity_f1"])
for name in ("benchmark", "baselines"):
    assert importlib.util.find_spec(name) is None, f"{name} must not be importable from the wheel"
import citydiplo_baselines.gazetteer
print("the import names are citydiplo and citydiplo_baselines")
PY
echo "wheel check passed"
