#!/bin/bash
# Queues a sharded sweep: a job array of N shard tasks (sweep.sbatch), then a merge job (merge.sbatch) that starts
# when every task has ended.
#
#   scripts/slurm/submit.sh SPEC N OUT_DIR [extra sbatch options for the array, e.g. --partition=cpu --time=4:00:00]
#
# Set POLYTOPES if polytopes is not on PATH, e.g. after
#   dotnet publish src/Cli -c Release -r linux-x64 -o "$HOME/polytopes-bin"
#   export POLYTOPES="$HOME/polytopes-bin/polytopes"
set -euo pipefail
if (( $# < 3 )); then
  echo "usage: $0 SPEC N OUT_DIR [sbatch options for the array...]" >&2
  exit 2
fi
SPEC=$(realpath "$1"); SHARDS=$2; OUT_DIR=$(realpath -m "$3"); shift 3
if ! [[ $SHARDS =~ ^[1-9][0-9]*$ ]]; then
  echo "N must be a positive whole number, got '$SHARDS'" >&2
  exit 2
fi
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$OUT_DIR"
export SPEC SHARDS OUT_DIR
export POLYTOPES=${POLYTOPES:-polytopes}
array=$(sbatch --parsable --array="1-$SHARDS" --chdir="$OUT_DIR" --export=ALL "$@" "$HERE/sweep.sbatch")
array=${array%%;*}
merge=$(sbatch --parsable --dependency="afterany:$array" --chdir="$OUT_DIR" --export=ALL "$HERE/merge.sbatch")
echo "array job $array ($SHARDS shards of $SPEC), merge job $merge -> $OUT_DIR/results.jsonl"
