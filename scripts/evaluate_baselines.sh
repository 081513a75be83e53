#!/usr/bin/env bash
# Rerun every baseline on every task and regenerate the leaderboard, the README block and
# the dataset card (whose leaderboard section is made from results/):
#   scripts/evaluate_baselines.sh            (from the root of a checkout, with the [baselines,toolkit,toolkit-uk] extras)
# e2e results go to results/<model>.json, the other tasks to results/<model>.<task>.json, the
# coarse scheme (CITY, GPE, LOC as LOC; end to end) to results/<model>-coarse.json, the parallel
# track (every version of every article: the originals and their English translations; end to
# end) to results/<model>.parallel.json.
set -euo pipefail
models=(gazetteer crf crf-gazetteer toolkit crf-toolkit)
for model in "${models[@]}"; do
  for task in e2e ner ed eae; do
    out="results/${model}.json"
    [ "$task" = e2e ] || out="results/${model}.${task}.json"
    echo "bench evaluate ${model} --task ${task} --out ${out}" >&2
    OMP_NUM_THREADS=1 bench evaluate "$model" --task "$task" --out "$out" > /dev/null
  done
  echo "bench evaluate ${model} --scheme coarse --out results/${model}-coarse.json" >&2
  OMP_NUM_THREADS=1 bench evaluate "$model" --scheme coarse --out "results/${model}-coarse.json" > /dev/null
  echo "bench evaluate ${model} --track parallel --out results/${model}.parallel.json" >&2
  OMP_NUM_THREADS=1 bench evaluate "$model" --track parallel --out "results/${model}.parallel.json" > /dev/null
done
bench leaderboard results/ --out benchmark/LEADERBOARD.md --readme README.md
bench build
