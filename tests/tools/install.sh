#!/usr/bin/env bash
# Installs what dossier's tests need beyond the Python packages of the [test] extra:
#   - Debian's chromium (driven through Playwright; never `playwright install`)
#   - a Java runtime (for the Nu HTML Checker, vnu.jar)
#   - node_modules/vnu-jar and node_modules/axe-core, pinned by package-lock.json
# Idempotent and quick when everything is already there. CI runs it as root on a
# fresh Debian 12 machine that reaches only PyPI, Debian and npm.
set -euo pipefail

cd "$(dirname "$0")/../.."
say() { printf 'install.sh: %s\n' "$*"; }

# --- Debian packages -------------------------------------------------------
apt_pkgs=()
if command -v chromium >/dev/null 2>&1; then
    say "chromium: present ($(command -v chromium))"
else
    apt_pkgs+=(chromium)
fi
if command -v java >/dev/null 2>&1; then
    say "java: present ($(command -v java))"
else
    apt_pkgs+=(default-jre-headless)
fi
if ! command -v npm >/dev/null 2>&1; then
    # The machine image ships Node 20 + npm; Debian's own is a fallback only.
    apt_pkgs+=(nodejs npm)
fi

if ((${#apt_pkgs[@]})); then
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            SUDO=(sudo)
        else
            say "missing ${apt_pkgs[*]} and not root (no sudo): install them with apt-get" >&2
            exit 1
        fi
    else
        SUDO=()
    fi
    # Wait for another apt/dpkg (unattended upgrades, a parallel install) instead of failing.
    apt_opts=(-o DPkg::Lock::Timeout=600)
    say "apt-get update"
    "${SUDO[@]}" apt-get "${apt_opts[@]}" update -qq
    say "apt-get install ${apt_pkgs[*]}"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get "${apt_opts[@]}" install -y -qq "${apt_pkgs[@]}" >/dev/null
    for cmd in chromium java npm; do
        command -v "$cmd" >/dev/null 2>&1 || { say "$cmd still missing after apt-get" >&2; exit 1; }
    done
    say "apt-get: done"
else
    say "apt-get: nothing to install"
fi

# --- npm validators ----------------------------------------------------------
stamp=node_modules/.dossier-install.stamp
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
have="$(cat "$stamp" 2>/dev/null || true)"
if [ -f node_modules/vnu-jar/build/dist/vnu.jar ] \
    && [ -f node_modules/axe-core/axe.min.js ] \
    && [ "$want" = "$have" ]; then
    say "npm: node_modules up to date with package-lock.json"
else
    say "npm ci (vnu-jar, axe-core)"
    # --ignore-scripts: vnu-jar's postinstall would try to download a JDK.
    npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null
    test -f node_modules/vnu-jar/build/dist/vnu.jar
    test -f node_modules/axe-core/axe.min.js
    printf '%s\n' "$want" >"$stamp"
    say "npm: done"
fi

say "ready"
