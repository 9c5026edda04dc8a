#!/usr/bin/env bash
# LDAP read benchmark (issue 11): a full paged read of USERS users and GROUPS groups from a
# slapd on loopback over ldaps://, by ldapsearch into /dev/null and — when it is built — by
# ScimDesk's reader (scimdesk-bench-ldap), in the same run against the same server; then a
# delta read after 100 entries changed. Prints figures; not a timed test.
#
#   ldap-read-bench.sh [--smoke] [--baseline BENCH_BINARY] [build-dir]
#     --smoke     2,000 users / 200 groups (the `bench` ctest label runs this)
#     --baseline  also time this scimdesk-bench-ldap (e.g. an older build's) in the same run,
#                 right before the build's own: a before/after under the same load
#
# Each measured command runs under /usr/bin/time -v (wall, user+system CPU, peak RSS of the
# process and the children it waited for), or a python3 wait4() stand-in where `time` is missing.
set -euo pipefail
umask 077
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
users=50000
groups=5000
changes=100
page=500
baseline=
while [ $# -gt 0 ]; do
    case $1 in
    --smoke) users=2000 groups=200 ;;
    --baseline) baseline=$2; shift ;;
    *) break ;;
    esac
    shift
done
build=${1:-$here/build}
reader_bench=$build/tests/bench/scimdesk-bench-ldap

work=$(mktemp -d)
cleanup() {
    "$here/tests/fixtures/ldap/slapd-fixture.sh" stop "$work/slapd" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

# server_cpu: slapd's user+system CPU seconds so far (from /proc), so each line can say how
# much of the wall time the server spent.
server_cpu() {
    awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$PID/stat"
}

# measure LABEL COMMAND...: runs COMMAND, sets WALL_S CPU_S PEAK_MB SERVER_CPU_S, prints one line.
measure() {
    local label=$1 report=$work/measure.txt server_before
    shift
    server_before=$(server_cpu)
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -v -o "$report" "$@"
        WALL_S=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0;
            for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$report")
        CPU_S=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {printf "%.2f", u + s}' "$report")
        PEAK_MB=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$report")
    else
        /usr/bin/python3 - "$report" "$@" <<'EOF'
import os, sys, time
start = time.monotonic()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    out.write("%.3f %.2f %.1f\n" % (time.monotonic() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024))
sys.exit(os.waitstatus_to_exitcode(status))
EOF
        read -r WALL_S CPU_S PEAK_MB <"$report"
    fi
    SERVER_CPU_S=$(awk -v a="$server_before" -v b="$(server_cpu)" 'BEGIN {printf "%.2f", b - a}')
    printf '%-42s wall %7.2f s  CPU %6.2f s  peak %7.1f MB  (slapd CPU %6.2f s)\n' "$label" "$WALL_S" "$CPU_S" \
        "$PEAK_MB" "$SERVER_CPU_S"
}

echo "Load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores."
echo "Loading $users users and $groups groups into a fresh slapd (slapadd) ..."
load_started=$(date +%s%N)
"$here/tests/fixtures/ldap/slapd-fixture.sh" start "$work/slapd" --bench "$users" "$groups" >/dev/null
echo "  loaded and started in $((($(date +%s%N) - load_started) / 1000000)) ms"
# shellcheck disable=SC1091
. "$work/slapd/env"
export LDAPTLS_CACERT=$CA_FILE LDAPTLS_REQCERT=demand
# The reader gets the CA file as a source setting, like in production: libldap's defaults from
# the variables above (ldapsearch's) would replace the system's CAs it loads next to it.
reader_env=(env -u LDAPTLS_CACERT -u LDAPTLS_REQCERT)
printf '%s' "$READER_PASSWORD" >"$work/reader.pw"
chmod 0600 "$work/reader.pw"

# The attributes the OpenLDAP source type maps, as the reader requests them.
user_attrs="uid mail givenName sn displayName telephoneNumber title departmentNumber employeeNumber manager"
user_attrs="$user_attrs entryUUID entryCSN pwdAccountLockedTime"
group_attrs="cn description member entryUUID entryCSN"
base_people="ou=People,$BASE_DN"
base_groups="ou=Groups,$BASE_DN"

ldapsearch_read() { # ldapsearch_read EXTRA_FILTER: users then groups, paged, into /dev/null
    local extra=$1
    # shellcheck disable=SC2086
    ldapsearch -x -LLL -H "$LDAPS_URI" -D "$READER_DN" -y "$work/reader.pw" -E "pr=$page/noprompt" \
        -b "$base_people" "(&(objectClass=inetOrgPerson)$extra)" $user_attrs >/dev/null &&
        ldapsearch -x -LLL -H "$LDAPS_URI" -D "$READER_DN" -y "$work/reader.pw" -E "pr=$page/noprompt" \
            -b "$base_groups" "(&(objectClass=groupOfNames)$extra)" $group_attrs >/dev/null
}
export -f ldapsearch_read
export LDAPS_URI READER_DN BASE_DN page work user_attrs group_attrs base_people base_groups

echo
echo "Full read, page size $page, ldaps:// on loopback:"
measure "ldapsearch (users + groups) > /dev/null" bash -c 'ldapsearch_read ""'
ls_wall=$WALL_S ls_cpu=$CPU_S ls_peak=$PEAK_MB ls_server=$SERVER_CPU_S
entries=$(ldapsearch -x -LLL -H "$LDAPS_URI" -D "$READER_DN" -y "$work/reader.pw" -E "pr=$page/noprompt" \
    -b "$BASE_DN" '(|(objectClass=inetOrgPerson)(objectClass=groupOfNames))' 1.1 | grep -c '^dn')
echo "  ($entries entries)"

# reader_full LABEL BINARY: one full read; sets LINE.
reader_full() {
    measure "$1 (full read)" "${reader_env[@]}" "$2" --env "$work/slapd/env" --page-size "$page"
    local ratio cpu_ratio
    ratio=$(awk -v a="$ls_wall" -v b="$WALL_S" 'BEGIN {printf "%.2f", (b > 0) ? a / b : 0}')
    cpu_ratio=$(awk -v a="$ls_cpu" -v b="$CPU_S" 'BEGIN {printf "%.2f", (b > 0) ? a / b : 0}')
    LINE="$1 full read $WALL_S s wall, $CPU_S s CPU, $PEAK_MB MB peak; throughput vs ldapsearch $ratio wall, $cpu_ratio CPU (goal >= 0.8, < 400 MB)"
}
reader_line="ScimDesk reader: not built (scimdesk-bench-ldap, needs the LDAP reader of issue 11)"
baseline_line=
if [ -n "$baseline" ]; then
    reader_full "baseline reader" "$baseline"
    baseline_line=$LINE
fi
if [ -x "$reader_bench" ]; then
    reader_full "ScimDesk reader" "$reader_bench"
    reader_line=$LINE
fi

echo
echo "Delta read after $changes entries changed:"
mark=$(ldapsearch -x -LLL -o ldif-wrap=no -H "$LDAPS_URI" -D "$READER_DN" -y "$work/reader.pw" -b "$BASE_DN" -s base \
    '(objectClass=*)' contextCSN | sed -n 's/^contextCSN: //p' | head -1)
/usr/bin/python3 "$here/tests/fixtures/ldap/seed.py" bench-delta "$BASE_DN" "$users" "$changes" >"$work/delta.ldif"
printf '%s' "$ADMIN_PASSWORD" >"$work/admin.pw"
ldapmodify -x -H "$LDAPS_URI" -D "$ADMIN_DN" -y "$work/admin.pw" -f "$work/delta.ldif" >/dev/null
export mark
measure "ldapsearch (entryCSN > mark) > /dev/null" bash -c 'ldapsearch_read "(!(entryCSN<=$mark))"'
delta_wall=$WALL_S
# A delta read also lists the anchors of everything present, to find deletions.
measure "ldapsearch (every entryUUID) > /dev/null" bash -c 'ldapsearch -x -LLL -H "$LDAPS_URI" -D "$READER_DN" \
    -y "$work/reader.pw" -E "pr=$page/noprompt" -b "$BASE_DN" \
    "(|(objectClass=inetOrgPerson)(objectClass=groupOfNames))" entryUUID >/dev/null'
anchors_wall=$WALL_S
changed=$(ldapsearch -x -LLL -H "$LDAPS_URI" -D "$READER_DN" -y "$work/reader.pw" -E "pr=$page/noprompt" \
    -b "$BASE_DN" "(!(entryCSN<=$mark))" 1.1 | grep -c '^dn' || true)
echo "  ($changed entries changed since contextCSN $mark)"
# reader_delta LABEL BINARY: one delta read; sets LINE.
reader_delta() {
    measure "$1 (delta read)" "${reader_env[@]}" "$2" --env "$work/slapd/env" --page-size "$page" --since "$mark"
    LINE="$1 delta read of $changes changes $WALL_S s wall, $CPU_S s CPU (goal < 1 s)"
}
delta_line="ScimDesk reader delta: not built"
baseline_delta_line=
if [ -n "$baseline" ]; then
    reader_delta "baseline reader" "$baseline"
    baseline_delta_line=$LINE
fi
if [ -x "$reader_bench" ]; then
    reader_delta "ScimDesk reader" "$reader_bench"
    delta_line=$LINE
fi

echo
echo "summary: ldapsearch full read of $users users + $groups groups (page $page, ldaps, loopback): $ls_wall s wall, $ls_cpu s CPU, $ls_peak MB peak (slapd $ls_server s CPU); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "summary: ldapsearch delta read of $changes changed entries: $delta_wall s wall; every anchor (entryUUID): $anchors_wall s wall"
[ -z "$baseline_line" ] || echo "summary: $baseline_line"
echo "summary: $reader_line"
[ -z "$baseline_delta_line" ] || echo "summary: $baseline_delta_line"
echo "summary: $delta_line"
