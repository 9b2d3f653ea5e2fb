# Shared by ./run-app and ./run-tests: find Python 3.11+, make .venv, install requirements.
# Sourced, not run.

sv_find_python() {
  for candidate in "${PYTHON:-}" python3.11 python3.12 python3.13 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  echo "Python 3.11 of nieuwer is nodig (python3.11 niet gevonden)." >&2
  return 1
}

sv_venv() {
  # $1: requirements file to install into .venv
  local python
  python=$(sv_find_python)
  if [ ! -x .venv/bin/python ]; then
    echo "Virtuele omgeving .venv aanmaken met $python …"
    "$python" -m venv .venv
  fi
  echo "Pakketten installeren uit $1 …"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$1"
}
