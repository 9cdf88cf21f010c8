# Sourced by the benchmark and conformance scripts that run a Python peer.
#
#   peer_python WORK_DIR [--no-deps PACKAGE...] [--] PACKAGE...
#
# Sets `python` to an interpreter with the pinned PACKAGEs: a throw-away venv under WORK_DIR (the caller
# deletes WORK_DIR), or, when REVLOOP_VENV names one, that venv as it is (nothing is installed into it).
# Packages after --no-deps are installed without their declared dependencies (ISLP and obp declare far more
# than the scripts use), after the others.
peer_python() {
  local work=$1
  shift
  if [ -n "${REVLOOP_VENV:-}" ]; then
    python="$REVLOOP_VENV/bin/python"
    return
  fi
  local with_deps=() without_deps=() target=with
  for argument in "$@"; do
    case $argument in
      --no-deps) target=without ;;
      --) target=with ;;
      *) if [ "$target" = with ]; then with_deps+=("$argument"); else without_deps+=("$argument"); fi ;;
    esac
  done
  python3 -m venv "$work/venv"
  python="$work/venv/bin/python"
  if [ ${#with_deps[@]} -gt 0 ]; then
    "$python" -m pip install --quiet --disable-pip-version-check "${with_deps[@]}"
  fi
  if [ ${#without_deps[@]} -gt 0 ]; then
    "$python" -m pip install --quiet --disable-pip-version-check --no-deps "${without_deps[@]}"
  fi
}
