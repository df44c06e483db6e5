#!/usr/bin/env bash
# Interleaved speed check of the peer workload (../shared/peers/torch_dsm_toy.py): Bellman's EM sampling
# (10,000 x 1,000 steps, 2 threads) and DSM training (batch 512, 2 threads) alternate with the PyTorch
# peer at 1 thread (its best count) ROUNDS times, so a shared VM's drifting speed hits both sides alike.
# All runs use ./bellman's allocator settings. Usage: benchmarks/interleaved-speed.sh [ROUNDS=5]
# Needs the built application (./bellman builds it) and Debian's python3-torch for the peer.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
rounds="${1:-5}"
[ -d benchmarks/target/classes ] && [ -d cli/target/lib ] || mvn -q -B -o -DskipTests package
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-134217728}" MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-536870912}"
export MALLOC_TOP_PAD_="${MALLOC_TOP_PAD_:-67108864}" DJL_OFFLINE=true OPT_OUT_TRACKING=true
cp="benchmarks/target/classes:cli/target/lib/*"
java=(java --add-modules jdk.incubator.vector -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=2 -cp "$cp")
peer="${PEER:-$root/../shared/peers/torch_dsm_toy.py}"
echo "commit $(git rev-parse --short HEAD), $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "round  bellman_sample_steps_per_s  peer_sample_steps_per_s  ratio  bellman_train_steps_per_s  peer_train_steps_per_s  ratio"
for r in $(seq 1 "$rounds"); do
  s=$("${java[@]}" dev.bellman.benchmarks.samplers.SamplingSpeed 2 10000 1000 auto 2 200 | grep -o '"sample_steps_per_s":[0-9.]*' | cut -d: -f2)
  t=$("${java[@]}" dev.bellman.benchmarks.diffusion.DsmTrainSpeed 2 5000 500 | grep -o '"steps_per_s":[0-9.]*' | cut -d: -f2)
  out=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 "$peer" 1 2000)
  pt=$(echo "$out" | sed -n 's/^train: \([0-9.]*\) steps.*/\1/p')
  ps=$(echo "$out" | sed -n 's/^sample: \([0-9.]*\) M.*/\1/p')
  awk -v r="$r" -v s="$s" -v ps="$ps" -v t="$t" -v pt="$pt" 'BEGIN {
    printf "%5d  %26.0f  %23.0f  %5.2f  %25.1f  %22.1f  %5.2f\n", r, s, ps * 1e6, s / (ps * 1e6), t, pt, t / pt }'
done
