#!/bin/bash
# Analyze completed soak test results
#
# Copy of the seed's scripts/analyze_soak_test.sh (shared/seed/soak-testing-task.md, section 6),
# kept to prove that Soak's run directories and report.txt still work with it. Changes from the
# seed, only so that it runs from here: the .py is found next to this script, and the Python
# interpreter can be chosen with $PYTHON (default python3). Run analyze.java on the directory
# first: it writes the report.txt this script greps.

CHECKPOINT_DIR=$1
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Generate plots
${PYTHON:-python3} "$HERE/plot_soak_results.py" \
    --input "$CHECKPOINT_DIR" \
    --output "$CHECKPOINT_DIR/analysis"

# Check for leaks
if grep -q "MEMORY_LEAK_DETECTED" "$CHECKPOINT_DIR/report.txt"; then
    echo "[WARN] Memory leak detected - see report.txt"
    exit 1
fi

# Check for drift
if grep -q "LATENCY_DRIFT_DETECTED" "$CHECKPOINT_DIR/report.txt"; then
    echo "[WARN] Latency drift detected - see report.txt"
    exit 1
fi

echo "[OK] Soak test passed all checks"
