# Sourced by portal/up, down, status, reset: find a Python 3 to run portalctl.py with
# (stdlib only; CKAN itself gets its own venv). Installs one on a bare Debian machine.
portal_python() {
    local py="${PORTAL_PYTHON:-}"
    [[ -n "$py" ]] || py="$(command -v python3.11 || command -v python3 || true)"
    if [[ -z "$py" ]]; then
        echo "[portal] installing python3 (apt-get)" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
        apt-get -o DPkg::Lock::Timeout=600 install -y -qq python3 python3-venv python3-dev >&2
        py="$(command -v python3)"
    fi
    printf '%s\n' "$py"
}
