#!/usr/bin/env bash
# npm run test:slurm — README's Slurm recipe, run on a real one-node Slurm cluster on this machine.
#
# Installs Slurm and MUNGE from Debian when they are missing (as root, with apt-get), starts munged,
# slurmctld and slurmd with their configuration, state and sockets in a temporary folder (no systemd
# needed; nothing under /etc is changed), generates an extract, writes README's batch script and
# submission commands to a study folder exactly as README has them, waits for the merge job, and
# compares the merged 01-search/ with one plain search, byte for byte.
#
# Exit status: 0 passed, 1 failed, 77 skipped (Slurm cannot be installed or run here; the reason is
# printed).
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
say() { echo "test:slurm: $*"; }
skip() { say "skipped: $*"; exit 77; }
fail() { say "FAILED: $*"; exit 1; }

PATIENTS="${SLURM_TEST_PATIENTS:-3000}"
WAIT_SECONDS="${SLURM_TEST_WAIT:-900}"

# --- Slurm and MUNGE -------------------------------------------------------------------------------
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null || ! command -v sbatch >/dev/null; then
  [ "$(id -u)" = 0 ] || skip "slurmctld, slurmd, munged or sbatch is missing, and installing them needs root (apt-get install slurm-wlm munge)"
  command -v apt-get >/dev/null || skip "slurmctld, slurmd, munged or sbatch is missing, and there is no apt-get to install them"
  say "installing slurm-wlm and munge (apt-get)"
  (export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq --no-install-recommends slurm-wlm munge) >/dev/null 2>&1 \
    || skip "apt-get install slurm-wlm munge failed"
fi
[ "$(id -u)" = 0 ] || skip "slurmd must run as root to start jobs (run as root, as CI does)"

WORK="$(mktemp -d /tmp/na-slurm-XXXXXX)"
PIDS=()
cleanup() {
  [ -n "${SLURM_CONF:-}" ] && [ -f "$SLURM_CONF" ] && scontrol shutdown >/dev/null 2>&1
  sleep 1
  for f in "$WORK/slurmd.pid" "$WORK/slurmctld.pid" "$WORK/munge/munged.pid"; do
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null
  done
  if [ "${KEEP:-}" = "" ]; then rm -rf "$WORK"; else say "kept $WORK"; fi
}
trap cleanup EXIT

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

mkdir -p "$WORK/munge" "$WORK/spool/ctld" "$WORK/spool/d" "$WORK/log"
chmod 700 "$WORK/munge"
mungekey --create --keyfile="$WORK/munge/munge.key" --force >/dev/null 2>&1 || fail "mungekey could not make a key"
chmod 600 "$WORK/munge/munge.key"
# --force: munged otherwise refuses to run as root.
munged --force --key-file="$WORK/munge/munge.key" --socket="$WORK/munge/munge.socket" --pid-file="$WORK/munge/munged.pid" \
  --log-file="$WORK/munge/munged.log" --seed-file="$WORK/munge/munge.seed" || fail "munged did not start (see $WORK/munge/munged.log)"

HOST="$(hostname -s)"
export SLURM_CONF="$WORK/slurm.conf"
cat > "$SLURM_CONF" <<CONF
# One node on this machine: no cgroups, no accounting database, everything under $WORK.
ClusterName=notes-test
SlurmctldHost=$HOST(127.0.0.1)
SlurmUser=root
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
AuthType=auth/munge
AuthInfo=socket=$WORK/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$WORK/spool/ctld
SlurmdSpoolDir=$WORK/spool/d
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmctldLogFile=$WORK/log/slurmctld.log
SlurmdLogFile=$WORK/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
# The node's CPUs and memory as written here, whatever the machine has: the recipe asks for 2 CPUs and 2G.
SlurmdParameters=config_overrides
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=2 RealMemory=4096 State=UNKNOWN
PartitionName=test Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld -f "$SLURM_CONF" || fail "slurmctld did not start (see $WORK/log/slurmctld.log)"
slurmd -f "$SLURM_CONF" || fail "slurmd did not start (see $WORK/log/slurmd.log)"
for _ in $(seq 1 30); do
  sinfo -h -o %T 2>/dev/null | grep -q '^idle' && break
  sleep 1
done
sinfo -h -o %T 2>/dev/null | grep -q '^idle' || { tail -n 20 "$WORK/log/slurmctld.log" "$WORK/log/slurmd.log"; fail "the node did not become idle"; }
say "slurm $(sinfo -V | awk '{print $2}') up: one node ($HOST, 2 CPUs), munge, slurmctld and slurmd under $WORK"

# --- A study folder with README's recipe ----------------------------------------------------------
STUDY="$WORK/study"
mkdir -p "$STUDY"
say "generating an extract of $PATIENTS patients"
(cd "$ROOT" && node node_modules/tsx/dist/cli.mjs scripts/fixtures/generate.ts --patients "$PATIENTS" --seed 18 --out "$STUDY/extract" >/dev/null 2>&1) \
  || fail "the extract generator failed"
printf '{ "notes": ["extract/notes.csv"], "patients": "extract/patients.csv", "preset": "south-london-2015" }\n' > "$STUDY/study.json"
# notes-analyse installed in the study folder, as npx finds it; never fetched from the registry.
mkdir -p "$STUDY/node_modules/.bin"
ln -s "$ROOT" "$STUDY/node_modules/notes-analyse"
ln -s ../notes-analyse/bin/notes-analyse.js "$STUDY/node_modules/.bin/notes-analyse"
export npm_config_offline=true npm_config_update_notifier=false

# The shell blocks of README's Slurm recipe: the batch script (the block with #SBATCH --array) and the
# block that submits it.
node - "$ROOT/README.md" "$STUDY" <<'NODE' || fail "README has no Slurm recipe (a sh block with #SBATCH --array, then one with sbatch --parsable)"
const fs = require("fs");
const [readme, study] = process.argv.slice(2);
const blocks = [...fs.readFileSync(readme, "utf8").matchAll(/^( *)```sh\n([\s\S]*?)^\1```/gm)].map((m) => m[2].split("\n").map((l) => l.slice(m[1].length)).join("\n"));
const script = blocks.findIndex((b) => b.includes("#SBATCH --array"));
const submit = blocks.findIndex((b, i) => i > script && b.includes("sbatch --parsable"));
if (script < 0 || submit < 0) process.exit(1);
fs.writeFileSync(`${study}/search-shard.sbatch`, blocks[script]);
fs.writeFileSync(`${study}/submit.sh`, blocks[submit]);
NODE
ARRAY="$(sed -n 's/^#SBATCH --array=//p' "$STUDY/search-shard.sbatch")"
say "README's batch script asks for --array=$ARRAY; submitting it as README does:"
sed 's/^/    /' "$STUDY/submit.sh"

cd "$STUDY"
SUBMITTED="$(bash -e submit.sh 2>&1)" || fail "submitting failed: $SUBMITTED"
echo "$SUBMITTED" | sed 's/^/    /'
MERGE_JOB="$(echo "$SUBMITTED" | sed -n 's/^Submitted batch job \([0-9]*\).*/\1/p' | tail -n 1)"
[ -n "$MERGE_JOB" ] || fail "no merge job id in sbatch's output"

say "waiting for the shards and the merge job $MERGE_JOB (at most ${WAIT_SECONDS}s)"
state=""
for _ in $(seq 1 "$WAIT_SECONDS"); do
  state="$(scontrol show job "$MERGE_JOB" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p')"
  case "$state" in COMPLETED | FAILED | CANCELLED | TIMEOUT | NODE_FAIL | OUT_OF_MEMORY) break ;; esac
  # A merge whose dependency can never be met is left pending by Slurm: a shard failed.
  scontrol show job "$MERGE_JOB" 2>/dev/null | grep -q 'Reason=DependencyNeverSatisfied' && { state="DEPENDENCY_NEVER_SATISFIED"; break; }
  sleep 1
done
if [ "$state" != COMPLETED ]; then
  for f in slurm-*.out; do [ -f "$f" ] && { echo "--- $f"; tail -n 20 "$f"; }; done
  fail "the merge job ended $state"
fi
SHARDS="$(ls -d shards/*/ 2>/dev/null | wc -l)"
say "merge job $MERGE_JOB completed after $SHARDS shard jobs"

# --- The merged output against one plain search ----------------------------------------------------
npx notes-analyse search --config study.json --out plain --quiet || fail "the plain search failed"
status=0
for f in patients.csv hits.csv search.xlsx notes.jsonl notes-source.json; do
  if cmp -s "study-out/01-search/$f" "plain/01-search/$f"; then say "  same bytes: 01-search/$f"; else say "  DIFFERENT: 01-search/$f"; status=1; fi
done
returned="$(($(wc -l < plain/01-search/patients.csv) - 1))"
[ "$returned" -gt 0 ] || { say "the plain search returned no patient: nothing was compared"; status=1; }
[ "$SHARDS" -ge 2 ] || { say "fewer than two shards ran"; status=1; }
[ "$status" = 0 ] || fail "the merged output differs from one search"
say "passed: $SHARDS shards merged on Slurm give byte for byte what one search gives ($returned patients returned)"
