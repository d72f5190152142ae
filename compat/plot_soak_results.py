#!/usr/bin/env python3
# Generate plots from soak test checkpoints
#
# Copy of the seed's scripts/plot_soak_results.py (shared/seed/soak-testing-task.md, section 6),
# kept to prove that Soak's checkpoints/*.json still carry the fields it reads: timestamp_sec,
# resources.rss_mb, metrics.p99_latency_ms. The two plot functions are the seed's, unchanged;
# completed minimally so that it runs: the Agg backend (headless), --input/--output parsing,
# reading <input>/checkpoints/*.json in name order, and a main.

import argparse
import json
import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt
from pathlib import Path

def plot_memory_over_time(checkpoints, output_dir):
    times = [c['timestamp_sec'] / 3600 for c in checkpoints]
    rss = [c['resources']['rss_mb'] for c in checkpoints]

    plt.figure(figsize=(12, 6))
    plt.plot(times, rss)
    plt.xlabel('Time (hours)')
    plt.ylabel('RSS (MB)')
    plt.title('Memory Usage Over Time')
    plt.grid(True)
    plt.savefig(output_dir / 'memory_over_time.png')

def plot_latency_over_time(checkpoints, output_dir):
    times = [c['timestamp_sec'] / 3600 for c in checkpoints]
    p99 = [c['metrics']['p99_latency_ms'] for c in checkpoints]

    plt.figure(figsize=(12, 6))
    plt.plot(times, p99)
    plt.xlabel('Time (hours)')
    plt.ylabel('P99 Latency (ms)')
    plt.title('P99 Latency Over Time')
    plt.grid(True)
    plt.savefig(output_dir / 'latency_over_time.png')

def main():
    parser = argparse.ArgumentParser(description='Plot soak test checkpoints')
    parser.add_argument('--input', required=True, help='run directory holding checkpoints/*.json')
    parser.add_argument('--output', required=True, help='directory for the PNG plots')
    args = parser.parse_args()
    files = sorted(Path(args.input, 'checkpoints').glob('*.json'))
    if not files:
        raise SystemExit('no checkpoints/*.json in ' + args.input)
    checkpoints = [json.loads(f.read_text()) for f in files]
    output_dir = Path(args.output)
    output_dir.mkdir(parents=True, exist_ok=True)
    plot_memory_over_time(checkpoints, output_dir)
    plot_latency_over_time(checkpoints, output_dir)
    print('plotted %d checkpoints into %s' % (len(checkpoints), output_dir))

if __name__ == '__main__':
    main()
