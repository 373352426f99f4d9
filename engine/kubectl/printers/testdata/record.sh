#!/bin/bash
# Records kubectl v1.32.4's output for the objects in objects/ (no cluster needed: `kubectl label
# --local` prints the unstructured object it read, as `kubectl get` prints what the server sent).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p out
for f in objects/*.json; do
  n=$(basename "$f" .json)
  kubectl label -f "$f" --local --overwrite foo=bar -o yaml > "out/$n.yaml"
  kubectl label -f "$f" --local --overwrite foo=bar -o json > "out/$n.json"
  kubectl label -f "$f" --local --overwrite foo=bar -o name > "out/$n.name"
done
